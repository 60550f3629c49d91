package checklist

import (
	"slices"
	"testing"
)

func TestAnswerChanges(t *testing.T) {
	base := Answer{ID: "12.4.1", Status: StatusPartial, Implementation: "保存90日", Reason: "構築中", PlannedDate: NewDate(2023, 9, 30), Responsibility: RespCSP}
	tests := []struct {
		name string
		edit func(*Answer)
		want []FieldChange
	}{
		{"same answer", func(a *Answer) {}, nil},
		{"location is not content", func(a *Answer) { a.Sheet, a.Row, a.Cells = "x", 9, map[string]string{"status": "E9"} }, nil},
		{"reason and date", func(a *Answer) { a.Reason, a.PlannedDate = "遅延", NewDate(2023, 12, 31) },
			[]FieldChange{{"reason", "構築中", "遅延"}, {"planned_date", "2023-09-30", "2023-12-31"}}},
		{"status as codes", func(a *Answer) { a.Status = StatusConforms }, []FieldChange{{"status", "partial", "conforms"}}},
		{"empty status is unanswered", func(a *Answer) { a.Status = "" }, []FieldChange{{"status", "partial", "unanswered"}}},
		{"remarks added", func(a *Answer) { a.Remarks = "注" }, []FieldChange{{"remarks", "", "注"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := base
			tt.edit(&cur)
			got := AnswerChanges(base, cur)
			if !slices.Equal(got, tt.want) {
				t.Errorf("changes %+v, want %+v", got, tt.want)
			}
			if (len(got) == 0) != (AnswerHash(base) == AnswerHash(cur)) {
				t.Error("AnswerChanges and AnswerHash disagree on whether the answer changed")
			}
		})
	}
	c := FieldChange{Field: "status"}
	if c.ValueLabel("partial", true) != "一部適合" || c.ValueLabel("partial", false) != "Partially conforms" || c.ValueLabel("", true) != "（空欄）" {
		t.Error("ValueLabel of a status")
	}
}

func TestAnswerFromValues(t *testing.T) {
	a := Answer{ID: "9.4.2", Status: StatusNonconforming, Implementation: " 前後の空白 \n改行", Evidence: "=1+1", Reason: "r",
		PlannedDate: NewDate(2026, 3, 31), Responsibility: RespShared, Remarks: "𠮷"}
	hash := AnswerHash(a)
	vals := AnswerValues(a)
	tests := []struct {
		name string
		edit func([]string)
		hash string
		ok   bool
	}{
		{"exact", func(v []string) {}, hash, true},
		{"text edited", func(v []string) { v[3] = "r2" }, hash, false},
		{"spaces trimmed", func(v []string) { v[1] = "前後の空白 \n改行" }, hash, false},
		{"unknown status", func(v []string) { v[0] = "maybe" }, AnswerHash(Answer{ID: "9.4.2", Status: "maybe"}), false},
		{"bad date", func(v []string) { v[4] = "2026-02-30" }, hash, false},
		{"date in another form", func(v []string) { v[4] = "令和8年3月31日" }, hash, false},
		{"unknown responsibility", func(v []string) { v[5] = "vendor" }, hash, false},
		{"other hash", func(v []string) {}, AnswerHash(Answer{ID: "9.4.2"}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := slices.Clone(vals)
			tt.edit(v)
			got, ok := AnswerFromValues("9.4.2", v, tt.hash)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && AnswerHash(got) != hash {
				t.Error("the answer read back hashes differently")
			}
		})
	}
	if _, ok := AnswerFromValues("9.4.2", vals[:3], hash); ok {
		t.Error("too few values accepted")
	}
}

// FuzzAnswerFromValues: whatever a risk sheet's hidden cells hold, a
// recorded answer is accepted only when it hashes to the hash given.
func FuzzAnswerFromValues(f *testing.F) {
	a := Answer{ID: "9.4.2", Status: StatusPartial, Reason: "r", PlannedDate: NewDate(2026, 3, 31), Responsibility: RespCSP}
	v := AnswerValues(a)
	f.Add(v[0], v[1], v[2], v[3], v[4], v[5], v[6], AnswerHash(a))
	f.Add("maybe", "", "", "", "2026-02-30", "x", "", "")
	f.Fuzz(func(t *testing.T, st, impl, ev, reason, planned, resp, remarks, hash string) {
		got, ok := AnswerFromValues("9.4.2", []string{st, impl, ev, reason, planned, resp, remarks}, hash)
		if ok && AnswerHash(got) != hash {
			t.Fatalf("accepted an answer hashing to %s, want %s", AnswerHash(got), hash)
		}
		if ok && !slices.Equal(AnswerValues(got), []string{st, impl, ev, reason, planned, resp, remarks}) {
			t.Fatalf("accepted values that do not round-trip: %q", AnswerValues(got))
		}
	})
}
