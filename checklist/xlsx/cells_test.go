package xlsx

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
)

func TestParseDateCell(t *testing.T) {
	d := checklist.Date{Year: 2026, Month: time.March, Day: 31}
	tests := []struct {
		name     string
		in       string
		date1904 bool
		want     checklist.Date
		bad      bool
	}{
		{name: "serial", in: "46112", want: d},
		{name: "serial with time of day", in: "46112.75", want: d},
		{name: "serial in the 1904 system", in: "44650", date1904: true, want: d},
		{name: "ISO", in: " 2026-03-31 ", want: d},
		{name: "date cell timestamp", in: "2026-03-31T00:00:00", want: d},
		{name: "和暦", in: "令和8年3月31日", want: d},
		{name: "short 和暦", in: "R8.3.31", want: d},
		{name: "serial zero", in: "0", bad: true},
		{name: "negative serial", in: "-5", bad: true},
		{name: "serial past 9999", in: "2958466", bad: true},
		{name: "NaN", in: "NaN", bad: true},
		{name: "words", in: "来月", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDateCell(tt.in, tt.date1904)
			if tt.bad {
				if !errors.Is(err, checklist.ErrBadDate) {
					t.Fatalf("ParseDateCell(%q) = %v, %v; want an error wrapping ErrBadDate", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseDateCell(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestDateSerialRoundTrip(t *testing.T) {
	for _, d := range []checklist.Date{
		{Year: 2000, Month: time.January, Day: 1},
		{Year: 2026, Month: time.March, Day: 31},
		{Year: 2100, Month: time.December, Day: 31},
	} {
		s := DateSerial(d)
		got, err := ParseDateCell(strconv.FormatInt(s, 10), false)
		if err != nil || got != d {
			t.Errorf("%v → serial %d → %v, %v", d, s, got, err)
		}
	}
	if s := DateSerial(checklist.Date{Year: 2026, Month: time.March, Day: 31}); s != 46112 {
		t.Errorf("serial of 2026-03-31 = %d, want 46112", s)
	}
}

func TestSanitizeText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is kept", "=SUM(A1) 適合\tok\r\n", "=SUM(A1) 適合\tok\r\n"},
		{"control characters go", "a\x00b\x1fc\x0bd", "abcd"},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", "a\uFFFDb"},
		{"non-characters go", "a\uFFFEb\uFFFFc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SanitizeText(tt.in); got != tt.want {
				t.Errorf("SanitizeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
