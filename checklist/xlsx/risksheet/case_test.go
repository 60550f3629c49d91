package risksheet

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// TestReadCase: a risk sheet read with the assessment of another case is
// refused, naming both values; the same case (a later round too) is read.
func TestReadCase(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	a.Cover.Request = checklist.Request{Reference: "R8-001", Agency: "架空省", System: "申請受付", CSP: "Example K.K.", Service: "Forms"}
	sheet := write(t, checklist.Findings(c, a), a, nil, c)
	base := checklist.CaseOf(a)
	tests := []struct {
		name   string
		edit   func(*checklist.Case)
		wantOK bool
		want   []string
	}{
		{"same case", func(*checklist.Case) {}, true, nil},
		{"same case, values with invisible padding", func(k *checklist.Case) { k.Agency = "\u200b架空省 " }, true, nil},
		{"another agency", func(k *checklist.Case) { k.Agency = "別省" }, false, []string{"別省", "架空省", "agency"}},
		{"another CSP", func(k *checklist.Case) { k.CSP = "Other Cloud" }, false, []string{"Other Cloud", "Example K.K."}},
		{"another service", func(k *checklist.Case) { k.Service = "Mail" }, false, []string{"Mail", "Forms"}},
		{"another reference", func(k *checklist.Case) { k.Reference = "R8-002" }, false, []string{"R8-002", "R8-001"}},
		{"another system", func(k *checklist.Case) { k.System = "人事" }, false, []string{"人事"}},
		{"another edition", func(k *checklist.Case) { k.Edition = "2099-01-01" }, false, []string{"2099-01-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := base
			tt.edit(&k)
			_, msgs, err := Read(bytes.NewReader(sheet), "risk.xlsx", ReadOptions{Case: &k})
			if tt.wantOK {
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range msgs {
					if m.Code == CodeCaseUnrecorded {
						t.Errorf("a sheet recording its case was called unrecorded")
					}
				}
				return
			}
			if !errors.Is(err, ErrCaseMismatch) || !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("err %v, want ErrCaseMismatch", err)
			}
			var ce *checklist.CellError
			if !errors.As(err, &ce) || ce.File != "risk.xlsx" {
				t.Fatalf("error not located: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
		})
	}
	t.Run("without a case, not compared", func(t *testing.T) {
		if _, _, err := Read(bytes.NewReader(sheet), "risk.xlsx", ReadOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestReadInvisibleApprover: an approver or approval date holding only
// invisible characters is blank, so an accepted risk without approval is
// an error, not approved by a zero-width space.
func TestReadInvisibleApprover(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	sheet := write(t, res, a, nil, c)
	ds := decisionsFor(res)
	var accepted int = -1
	for i := range ds {
		if ds[i].Treatment == checklist.TreatmentAccept {
			ds[i].Approver = "\u200b\u3000\ufeff"
			accepted = i
			break
		}
	}
	if accepted < 0 {
		t.Fatal("fixture has no accepted risk")
	}
	got, msgs := read(t, fill(t, sheet, ds))
	for _, d := range got {
		if d.ID != ds[accepted].ID {
			continue
		}
		if d.Approver != "" || !d.Invalid {
			t.Errorf("approver %q invalid %v: want blank and invalid", d.Approver, d.Invalid)
		}
	}
	found := false
	for _, m := range errorsOf(msgs) {
		if m.ID == ds[accepted].ID && strings.HasPrefix(m.Cell, column("approver").Letter) {
			found = true
		}
	}
	if !found {
		t.Errorf("no error on the approver cell: %v", msgs)
	}
}
