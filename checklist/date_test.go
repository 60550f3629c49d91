package checklist

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Date
	}{
		{"ISO", "2021-07-06", Date{2021, 7, 6}},
		{"ISO slashes without padding", "2021/7/6", Date{2021, 7, 6}},
		{"ISO dots", "2021.7.6", Date{2021, 7, 6}},
		{"西暦 with 年月日", "2021年7月6日", Date{2021, 7, 6}},
		{"西暦 with padded 年月日", "2021年07月06日", Date{2021, 7, 6}},
		{"和暦 令和", "令和3年9月30日", Date{2021, 9, 30}},
		{"和暦 without 日", "令和3年9月30", Date{2021, 9, 30}},
		{"和暦 short R with dots", "R3.9.30", Date{2021, 9, 30}},
		{"和暦 short lower-case r", "r3.9.30", Date{2021, 9, 30}},
		{"和暦 short with hyphens", "R3-9-30", Date{2021, 9, 30}},
		{"和暦 short with slashes", "R3/9/30", Date{2021, 9, 30}},
		{"full-width digits ISO", "２０２１－０７－０６", Date{2021, 7, 6}},
		{"full-width digits 和暦", "令和３年９月３０日", Date{2021, 9, 30}},
		{"full-width R and dots", "Ｒ３．９．３０", Date{2021, 9, 30}},
		{"full-width lower-case r", "ｒ３．９．３０", Date{2021, 9, 30}},
		{"full-width slashes", "２０２１／７／６", Date{2021, 7, 6}},
		{"surrounding and inner spaces", "  令和 3 年 7 月 6 日\u3000", Date{2021, 7, 6}},
		{"tab", "\t2021-07-06\t", Date{2021, 7, 6}},
		{"元年 first day of 令和", "令和元年5月1日", Date{2019, 5, 1}},
		{"令和1年 same as 元年", "令和1年5月1日", Date{2019, 5, 1}},
		{"R元 short", "R元.5.1", Date{2019, 5, 1}},
		{"last day of 平成", "平成31年4月30日", Date{2019, 4, 30}},
		{"H31 short", "H31.4.30", Date{2019, 4, 30}},
		{"平成元年 first day", "平成元年1月8日", Date{1989, 1, 8}},
		{"last day of 昭和", "昭和64年1月7日", Date{1989, 1, 7}},
		{"S64 short", "S64.1.7", Date{1989, 1, 7}},
		{"first day of 昭和", "昭和元年12月25日", Date{1926, 12, 25}},
		{"last day of 大正", "大正15年12月24日", Date{1926, 12, 24}},
		{"first day of 大正", "大正元年7月30日", Date{1912, 7, 30}},
		{"last day of 明治", "明治45年7月29日", Date{1912, 7, 29}},
		{"first day of 明治", "明治元年10月23日", Date{1868, 10, 23}},
		{"leap day", "2024-02-29", Date{2024, 2, 29}},
		{"leap day 和暦", "令和6年2月29日", Date{2024, 2, 29}},
		{"end of fiscal 令和3", "令和4年3月31日", Date{2022, 3, 31}},
		{"SaaS end 令和5年3月31日", "令和5年3月31日", Date{2023, 3, 31}},
		{"last year accepted", "9999-12-31", Date{9999, 12, 31}},
		{"era year of three digits, as FormatWareki writes it", "令和100年1月1日", Date{2118, 1, 1}},
		{"last 令和 year accepted", "令和7981年12月31日", Date{9999, 12, 31}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"blank", "  \u3000 "},
		{"words", "next tuesday"},
		{"令和元年4月30日 is still 平成", "令和元年4月30日"},
		{"R1.4.30 is still 平成", "R1.4.30"},
		{"平成32年 does not exist", "平成32年1月1日"},
		{"平成31年5月1日 is 令和", "平成31年5月1日"},
		{"昭和64年1月8日 is 平成", "昭和64年1月8日"},
		{"平成元年1月7日 is 昭和", "平成元年1月7日"},
		{"明治 before its first day", "明治元年1月1日"},
		{"era year 0", "令和0年5月1日"},
		{"era year 00", "令和00年5月1日"},
		{"era year of five digits", "令和10000年1月1日"},
		{"era year beyond 9999", "令和7982年12月31日"},
		{"unknown era letter", "X3.9.30"},
		{"unknown era name", "正和3年9月30日"},
		{"30 February", "2021-02-30"},
		{"29 February in a common year", "2021-02-29"},
		{"31 April", "2021-04-31"},
		{"31 September 和暦", "令和3年9月31日"},
		{"day 0", "2021-07-00"},
		{"day 32", "2021-07-32"},
		{"month 0", "2021-00-06"},
		{"month 13", "2021-13-06"},
		{"year before 明治", "1867-12-31"},
		{"two-digit year", "21-07-06"},
		{"five-digit year", "20210-07-06"},
		{"trailing text", "2021-07-06x"},
		{"time of day", "2021-07-06T00:00:00Z"},
		{"compact", "20210706"},
		{"long junk", "2021-07-06 2021-07-06 2021-07-06 2021-07-06"},
		{"年 missing in 西暦", "2021 7月6日"},
		{"Arabic-Indic digits", "٢٠٢١-٠٧-٠٦"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrBadDate) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrBadDate", tt.in, err)
			}
		})
	}
}

func TestFormatWareki(t *testing.T) {
	tests := []struct {
		name   string
		in     Date
		wareki string
		ja     string
	}{
		{"令和3年", Date{2021, 9, 30}, "令和3年9月30日", "令和3年9月30日（2021-09-30）"},
		{"first day of 令和 is 元年", Date{2019, 5, 1}, "令和元年5月1日", "令和元年5月1日（2019-05-01）"},
		{"last day of 平成", Date{2019, 4, 30}, "平成31年4月30日", "平成31年4月30日（2019-04-30）"},
		{"first day of 平成", Date{1989, 1, 8}, "平成元年1月8日", "平成元年1月8日（1989-01-08）"},
		{"last day of 昭和", Date{1989, 1, 7}, "昭和64年1月7日", "昭和64年1月7日（1989-01-07）"},
		{"first day of 昭和", Date{1926, 12, 25}, "昭和元年12月25日", "昭和元年12月25日（1926-12-25）"},
		{"last day of 大正", Date{1926, 12, 24}, "大正15年12月24日", "大正15年12月24日（1926-12-24）"},
		{"last day of 明治", Date{1912, 7, 29}, "明治45年7月29日", "明治45年7月29日（1912-07-29）"},
		{"end of fiscal 令和3", Date{2022, 3, 31}, "令和4年3月31日", "令和4年3月31日（2022-03-31）"},
		{"令和5年 SaaS end", Date{2023, 3, 31}, "令和5年3月31日", "令和5年3月31日（2023-03-31）"},
		{"before 明治 falls back to ISO", Date{1868, 1, 1}, "1868-01-01", "1868-01-01（1868-01-01）"},
		{"zero", Date{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatWareki(tt.in); got != tt.wareki {
				t.Errorf("FormatWareki(%v) = %q, want %q", tt.in, got, tt.wareki)
			}
			if got := FormatJapanese(tt.in); got != tt.ja {
				t.Errorf("FormatJapanese(%v) = %q, want %q", tt.in, got, tt.ja)
			}
			if tt.in.IsZero() {
				return
			}
			// Both ways: what FormatWareki writes, ParseDate reads back.
			back, err := ParseDate(tt.wareki)
			if err != nil {
				t.Fatalf("ParseDate(FormatWareki(%v)=%q): %v", tt.in, tt.wareki, err)
			}
			if back != tt.in {
				t.Fatalf("ParseDate(%q) = %v, want %v", tt.wareki, back, tt.in)
			}
		})
	}
}

// TestWarekiRoundTripEveryDay walks every day across the 昭和→平成 and
// 平成→令和 boundaries and a few years beyond, both ways.
func TestWarekiRoundTripEveryDay(t *testing.T) {
	ranges := []struct{ from, to Date }{
		{Date{1988, 12, 1}, Date{1989, 2, 1}},
		{Date{2019, 1, 1}, Date{2023, 12, 31}},
	}
	for _, r := range ranges {
		for day := r.from; !day.After(r.to); day = day.AddDate(0, 0, 1) {
			w := FormatWareki(day)
			back, err := ParseDate(w)
			if err != nil || back != day {
				t.Fatalf("FormatWareki(%v) = %q, ParseDate gives %v, %v", day, w, back, err)
			}
			iso, err := ParseDate(day.String())
			if err != nil || iso != day {
				t.Fatalf("ParseDate(%q) = %v, %v", day.String(), iso, err)
			}
		}
	}
}

func TestWarekiOf(t *testing.T) {
	tests := []struct {
		in   Date
		era  string
		year int
		ok   bool
	}{
		{Date{2019, 5, 1}, "令和", 1, true},
		{Date{2019, 4, 30}, "平成", 31, true},
		{Date{2021, 7, 6}, "令和", 3, true},
		{Date{1868, 10, 22}, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			e, y, ok := WarekiOf(tt.in)
			if e.Name != tt.era || y != tt.year || ok != tt.ok {
				t.Fatalf("WarekiOf(%v) = %s %d %v, want %s %d %v", tt.in, e.Name, y, ok, tt.era, tt.year, tt.ok)
			}
		})
	}
}

func TestDateCompareAndAdd(t *testing.T) {
	a, b := Date{2021, 7, 6}, Date{2021, 7, 7}
	if !a.Before(b) || a.After(b) || b.Before(a) || !b.After(a) {
		t.Fatalf("ordering of %v and %v is wrong", a, b)
	}
	if a.Compare(a) != 0 || a.Compare(b) != -1 || b.Compare(a) != 1 {
		t.Fatalf("Compare is wrong")
	}
	if (Date{2020, 12, 31}).Compare(Date{2021, 1, 1}) != -1 {
		t.Fatalf("Compare across years is wrong")
	}
	if got := (Date{2021, 3, 31}).AddDate(0, 0, 1); got != (Date{2021, 4, 1}) {
		t.Fatalf("AddDate day overflow = %v", got)
	}
	if got := (Date{2020, 2, 29}).AddDate(1, 0, 0); got != (Date{2021, 3, 1}) {
		t.Fatalf("AddDate from a leap day = %v", got)
	}
	if got := NewDate(2021, time.February, 29); got != (Date{2021, 3, 1}) {
		t.Fatalf("NewDate does not normalise: %v", got)
	}
	if !(Date{}).IsZero() || a.IsZero() {
		t.Fatalf("IsZero is wrong")
	}
	if (Date{}).String() != "" || a.String() != "2021-07-06" {
		t.Fatalf("String is wrong")
	}
	jst := time.FixedZone("JST", 9*60*60)
	if got := DateOf(time.Date(2021, time.July, 5, 15, 30, 0, 0, time.UTC).In(jst)); got != a {
		t.Fatalf("DateOf in JST = %v, want %v", got, a)
	}
}

func TestDateJSON(t *testing.T) {
	type box struct {
		D Date `json:"d,omitzero"`
	}
	b, err := json.Marshal(box{Date{2021, 7, 6}})
	if err != nil || string(b) != `{"d":"2021-07-06"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	b, err = json.Marshal(box{})
	if err != nil || string(b) != `{}` {
		t.Fatalf("Marshal zero = %s, %v", b, err)
	}
	var x box
	if err := json.Unmarshal([]byte(`{"d":"令和3年7月6日"}`), &x); err != nil || x.D != (Date{2021, 7, 6}) {
		t.Fatalf("Unmarshal 和暦 = %v, %v", x.D, err)
	}
	x = box{Date{2000, 1, 1}}
	if err := json.Unmarshal([]byte(`{"d":""}`), &x); err != nil || !x.D.IsZero() {
		t.Fatalf("Unmarshal empty = %v, %v", x.D, err)
	}
	if err := json.Unmarshal([]byte(`{"d":"2021-02-30"}`), &x); !errors.Is(err, ErrBadDate) {
		t.Fatalf("Unmarshal bad date error = %v, want ErrBadDate", err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2021-07-06", "2021/7/6", "2021年7月6日", "令和3年9月30日", "R3.9.30", "令和元年5月1日",
		"平成31年4月30日", "令和元年4月30日", "平成32年1月1日", "２０２１－０７－０６", "Ｒ３．９．３０",
		"2021-02-30", "", "明治元年10月23日", "h31.4.30",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrBadDate) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrBadDate", s, err)
			}
			return
		}
		if got.IsZero() {
			t.Fatalf("ParseDate(%q) gave the zero date without an error", s)
		}
		back, err := ParseDate(got.String())
		if err != nil || back != got {
			t.Fatalf("ParseDate(%q) = %v; ParseDate(%q) = %v, %v", s, got, got.String(), back, err)
		}
		w := FormatWareki(got)
		back, err = ParseDate(w)
		if err != nil || back != got {
			t.Fatalf("ParseDate(%q) = %v; ParseDate(FormatWareki=%q) = %v, %v", s, got, w, back, err)
		}
	})
}

func BenchmarkParseDate(b *testing.B) {
	for _, s := range []string{"2021-07-06", "令和3年7月6日", "Ｒ３．７．６"} {
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				if _, err := ParseDate(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
