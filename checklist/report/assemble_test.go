package report_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/report/reporttest"
)

type fileRole struct{ name, role, mime string }

func filesOf(in report.Input) []fileRole {
	var out []fileRole
	for _, f := range in.Files {
		out = append(out, fileRole{f.Name, f.Role, f.MIME})
	}
	return out
}

// The input files a report attaches, with the role Appendix B and the
// attachment list give them, in the report's language.
func TestAssembleFilesAndRoles(t *testing.T) {
	const js = "application/json"
	tests := []struct {
		name   string
		lang   string
		modify func(r *report.Run)
		want   []fileRole
	}{
		{"workbook and risk sheet, Japanese", report.LangJA, nil, []fileRole{
			{"answer.xlsx", "回答ワークブック", report.XLSXMIME},
			{"answer.assessment.json", "取込結果（ワークブックから読み取った内容）", js},
			{"risk.xlsx", "リスク評価シート", report.XLSXMIME}}},
		{"workbook and risk sheet, English", report.LangEN, nil, []fileRole{
			{"answer.xlsx", "CSP's workbook", report.XLSXMIME},
			{"answer.assessment.json", "assessment read from the workbook", js},
			{"risk.xlsx", "risk sheet", report.XLSXMIME}}},
		{"an unknown language is Japanese", "fr", nil, []fileRole{
			{"answer.xlsx", "回答ワークブック", report.XLSXMIME},
			{"answer.assessment.json", "取込結果（ワークブックから読み取った内容）", js},
			{"risk.xlsx", "リスク評価シート", report.XLSXMIME}}},
		{"assessment JSON without risk sheet, Japanese", report.LangJA, func(r *report.Run) {
			r.Source = report.Source{Name: "a.json", Bytes: r.AssessmentJSON}
			r.Risk = nil
		}, []fileRole{{"a.json", "取込結果（assessment JSON）", js}}},
		{"assessment JSON without risk sheet, English", report.LangEN, func(r *report.Run) {
			r.Source = report.Source{Name: "a.json", Bytes: r.AssessmentJSON}
			r.Risk = nil
		}, []fileRole{{"a.json", "assessment JSON from ingest", js}}},
		{"previous round as a workbook, English", report.LangEN, func(r *report.Run) {
			r.Previous = &report.Round{Source: report.Source{Name: "round1.xlsx", Bytes: []byte("PK old"), Workbook: true}, Catalog: r.Catalog, Assessment: r.Assessment}
		}, []fileRole{
			{"answer.xlsx", "CSP's workbook", report.XLSXMIME},
			{"answer.assessment.json", "assessment read from the workbook", js},
			{"risk.xlsx", "risk sheet", report.XLSXMIME},
			{"round1.xlsx", "previous round (--previous)", report.XLSXMIME}}},
		{"previous round as an assessment JSON, Japanese", report.LangJA, func(r *report.Run) {
			r.Risk = nil
			r.Previous = &report.Round{Source: report.Source{Name: "round1.json", Bytes: []byte("{}")}, Catalog: r.Catalog, Assessment: r.Assessment}
		}, []fileRole{
			{"answer.xlsx", "回答ワークブック", report.XLSXMIME},
			{"answer.assessment.json", "取込結果（ワークブックから読み取った内容）", js},
			{"round1.json", "前回の回答（--previous）", js}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := reporttest.DemoRun(t, tt.lang)
			if tt.modify != nil {
				tt.modify(&r)
			}
			in, err := report.Assemble(r)
			if err != nil {
				t.Fatal(err)
			}
			got := filesOf(in)
			if len(got) != len(tt.want) {
				t.Fatalf("files %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("file %d: %q, want %q", i, got[i], tt.want[i])
				}
			}
			// The source's bytes are attached as they are, never re-encoded.
			if !bytes.Equal(in.Files[0].Data, r.Source.Bytes) {
				t.Error("the input's bytes are not attached as given")
			}
			if r.Source.Workbook && !bytes.Equal(in.Files[1].Data, r.AssessmentJSON) {
				t.Error("the assessment read from the workbook is not attached as given")
			}
			if in.Lang != report.NormalizeLang(tt.lang) {
				t.Errorf("lang %q, want %q", in.Lang, report.NormalizeLang(tt.lang))
			}
		})
	}
}

// ISMAP管理基準 2.2.4: with a risk sheet every finding gets the state of its
// decision and every exclusion the CISO's; without one there are no
// decision states (the report says so) and Appendix B lists no sheet.
func TestAssembleRiskSheet(t *testing.T) {
	t.Run("present", func(t *testing.T) {
		r := reporttest.DemoRun(t, report.LangJA)
		in, err := report.Assemble(r)
		if err != nil {
			t.Fatal(err)
		}
		want := checklist.ApplyDecisions(in.Result, r.Risk.Decisions, r.Date)
		if len(in.Decisions) != len(want) || len(in.Decisions) <= len(in.Result.Findings) {
			t.Fatalf("%d decision states, want %d (with the orphaned one)", len(in.Decisions), len(want))
		}
		for i := range want {
			if in.Decisions[i].ID != want[i].ID || in.Decisions[i].State != want[i].State {
				t.Errorf("state %d: %s %s, want %s %s", i, in.Decisions[i].ID, in.Decisions[i].State, want[i].ID, want[i].State)
			}
		}
		if len(in.Exclusions) != len(in.Result.Exclusions) {
			t.Errorf("%d exclusion states for %d exclusions", len(in.Exclusions), len(in.Result.Exclusions))
		}
		if len(in.RiskMessages) == 0 || in.RiskMessages[0].Code != "sample" {
			t.Errorf("risk messages %v, want the sheet's first", in.RiskMessages)
		}
		if p := param(in, "--risk"); p != "risk.xlsx" {
			t.Errorf("Appendix B --risk %q", p)
		}
	})
	t.Run("absent", func(t *testing.T) {
		r := reporttest.DemoRun(t, report.LangJA)
		r.Risk = nil
		in, err := report.Assemble(r)
		if err != nil {
			t.Fatal(err)
		}
		if in.Decisions != nil || in.Exclusions != nil || in.RiskMessages != nil {
			t.Errorf("decisions %v, exclusions %v, messages %v without a risk sheet", in.Decisions, in.Exclusions, in.RiskMessages)
		}
		if p := param(in, "--risk"); p != "—" {
			t.Errorf("Appendix B --risk %q, want —", p)
		}
		if rec := report.NewRecord(in, r.RecordParams()); rec.Risk != nil {
			t.Error("the record has a risk part without a risk sheet")
		}
	})
}

func param(in report.Input, key string) string {
	for _, p := range in.Params {
		if p[0] == key {
			return p[1]
		}
	}
	return "(missing)"
}

// A previous round must be of the same case (checklist.CaseKey); the
// report refuses another case's as invalid input naming both files.
func TestAssemblePreviousRound(t *testing.T) {
	tests := []struct {
		name    string
		system  string // the previous round's system name
		wantErr bool
	}{
		{"same case", "", false},
		{"another case", "別のシステム", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := reporttest.DemoRun(t, report.LangJA)
			prev := *r.Assessment
			if tt.system != "" {
				prev.Cover.Request.System = tt.system
			}
			r.Previous = &report.Round{Source: report.Source{Name: "round1.json", Bytes: []byte("{}")}, Catalog: r.Catalog, Assessment: &prev}
			in, err := report.Assemble(r)
			if tt.wantErr {
				var ce *checklist.CellError
				if !errors.Is(err, checklist.ErrInvalidInput) || !errors.As(err, &ce) || !strings.Contains(ce.EN, "round1.json") || !strings.Contains(ce.EN, "answer.xlsx") {
					t.Fatalf("error %v, want invalid input naming both files", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if in.Changes == nil {
				t.Fatal("no changes section with a previous round")
			}
			if p := param(in, "--previous"); p != "round1.json" {
				t.Errorf("Appendix B --previous %q", p)
			}
		})
	}
}

// The findings record survives encoding and decoding unchanged, and
// DecodeRecord tells another JSON and another schema apart.
func TestRecordRoundTrip(t *testing.T) {
	for _, lang := range []string{report.LangJA, report.LangEN} {
		t.Run(lang, func(t *testing.T) {
			r := reporttest.DemoRun(t, lang)
			in, err := report.Assemble(r)
			if err != nil {
				t.Fatal(err)
			}
			rec := report.NewRecord(in, r.RecordParams())
			data, err := rec.Encode()
			if err != nil {
				t.Fatal(err)
			}
			got, ok, err := report.DecodeRecord("answer.findings.json", data)
			if !ok || err != nil {
				t.Fatalf("decode: ok %v, %v", ok, err)
			}
			again, err := got.Encode()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, again) {
				t.Error("the record changed on a round trip")
			}
			if got.DocumentID != report.DocumentID(in) || got.Parameters.Lang != lang || got.Parameters.Risk != "risk.xlsx" || len(got.Inputs) != 3 {
				t.Errorf("record %s lang %q risk %q, %d inputs", got.DocumentID, got.Parameters.Lang, got.Parameters.Risk, len(got.Inputs))
			}
			rep := report.Build(in)
			n := len(rep.Attachments)
			if err := report.AttachRecord(&rep, rec); err != nil {
				t.Fatal(err)
			}
			att := rep.Attachments[n]
			if att.Name != "answer.findings.json" || att.Description != report.RecordRole(lang) || att.Relationship != report.RelData || !bytes.Equal(att.Data, data) {
				t.Errorf("attached %q %q %q", att.Name, att.Description, att.Relationship)
			}
		})
	}
	t.Run("not a record", func(t *testing.T) {
		for _, data := range []string{`{"kind":"ismapcheck.assessment"}`, `not json`} {
			if _, ok, err := report.DecodeRecord("x.json", []byte(data)); ok || err != nil {
				t.Errorf("%s: ok %v, err %v", data, ok, err)
			}
		}
	})
	t.Run("another schema", func(t *testing.T) {
		_, ok, err := report.DecodeRecord("x.json", []byte(`{"kind":"`+checklist.FindingsKind+`","schema_version":99}`))
		if !ok || err == nil || !strings.Contains(err.Error(), "schema_version 99") {
			t.Errorf("ok %v, err %v", ok, err)
		}
	})
}

// 2021-07-06 decision, 3: the report judges the interim category with the
// organisation kind its cover states, as interim check does
// (checklist.EvaluateInterimCase), and shows the note and the kind.
func TestAssembleInterimScope(t *testing.T) {
	tests := []struct {
		name     string
		kind     checklist.OrganizationKind
		date     checklist.Date
		wantKind string
		wantNote string // "" for no scope note
	}{
		{"ministry", checklist.OrgMinistry, checklist.NewDate(2022, 3, 31), "府省庁", ""},
		{"independent agency the day before", checklist.OrgIndependentAgency, checklist.NewDate(2022, 3, 31), "独立行政法人", "まだISMAPの対象ではありません"},
		{"designated corporation on the first day", checklist.OrgDesignatedCorporation, checklist.AgencyScopeStart, "指定法人", "からISMAPの対象です（3）"},
		{"not stated the day before", "", checklist.NewDate(2022, 3, 31), "記載なし", "判断できません"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := reporttest.DemoRun(t, report.LangJA)
			as := *r.Assessment
			as.Cover.Request.AgencyType = tt.kind
			r.Assessment, r.Date = &as, tt.date
			in, err := report.Assemble(r)
			if err != nil {
				t.Fatal(err)
			}
			cat, _ := checklist.ParseInterimCategory(as.Cover.Request.InterimCategory)
			want := checklist.EvaluateInterimCase(cat, checklist.InterimFactsFromCover(as.Cover), tt.kind, tt.date)
			if in.Interim == nil || strings.Join(in.Interim.NotesJA, "|") != strings.Join(want.NotesJA, "|") {
				t.Fatalf("interim %+v, want the notes %q", in.Interim, want.NotesJA)
			}
			var text strings.Builder
			for _, s := range report.Build(in).Sections {
				if s.Key != report.KeyInterim {
					continue
				}
				for _, b := range s.Blocks {
					switch b := b.(type) {
					case *report.Paragraph:
						text.WriteString(b.Text)
					case *report.Table:
						for _, row := range b.Rows {
							text.WriteString(strings.Join(row.Cells, " ") + "\n")
						}
					}
				}
			}
			if !strings.Contains(text.String(), "調達する機関の種別 "+tt.wantKind) {
				t.Errorf("interim section lacks the kind %q:\n%s", tt.wantKind, text.String())
			}
			if tt.wantNote != "" && !strings.Contains(text.String(), tt.wantNote) {
				t.Errorf("interim section lacks the note %q", tt.wantNote)
			}
			if tt.wantNote == "" && strings.Contains(text.String(), "（3）") {
				t.Errorf("a ministry got a scope note:\n%s", text.String())
			}
		})
	}
}
