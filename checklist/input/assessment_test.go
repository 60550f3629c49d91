package input

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/templates"
)

// goodAssessment is a valid assessment JSON of the default edition, every
// requirement 適合, as a generic document the cases mutate.
func goodAssessment(t *testing.T) (map[string]any, *checklist.Catalog) {
	t.Helper()
	cat, ok, err := Edition(templates.DefaultEdition)
	if !ok || err != nil {
		t.Fatalf("default edition: %v %v", ok, err)
	}
	as := checklist.Assessment{Kind: checklist.AssessmentKind, SchemaVersion: checklist.AssessmentSchemaVersion,
		Edition: cat.Edition.ID, EditionFingerprint: cat.Edition.SHA256,
		Source: checklist.Source{Name: "csp.xlsx", Size: 10, SHA256: strings.Repeat("c0", 32)}, Messages: []checklist.Message{}}
	for _, it := range cat.Requirements() {
		as.Answers = append(as.Answers, checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Evidence: "規程"})
	}
	b, err := json.Marshal(as)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc, cat
}

func answerAt(doc map[string]any, i int) map[string]any {
	return doc["answers"].([]any)[i].(map[string]any)
}

// TestDecodeAssessmentRefuses: every hostile assessment of issue 13 is
// refused, naming the JSON path; none is read as unanswered items.
func TestDecodeAssessmentRefuses(t *testing.T) {
	tests := []struct {
		name     string
		mutate   func(doc map[string]any)
		raw      string // used instead of the mutated document when set
		wantPath string
		wantText string
	}{
		{"status in Japanese", func(d map[string]any) { answerAt(d, 17)["status"] = "不適合" }, "", "answers[17].status", "不適合"},
		{"status in capitals", func(d map[string]any) { answerAt(d, 17)["status"] = "NONCONFORMING" }, "", "answers[17].status", "NONCONFORMING"},
		{"status with a trailing space", func(d map[string]any) { answerAt(d, 17)["status"] = "partial " }, "", "answers[17].status", "partial "},
		{"status made up", func(d map[string]any) { answerAt(d, 17)["status"] = "excellent" }, "", "answers[17].status", "excellent"},
		{"status of the wrong type", func(d map[string]any) { answerAt(d, 3)["status"] = 1 }, "", "answers[3].status", "want a string"},
		{"responsibility outside the values", func(d map[string]any) { answerAt(d, 5)["responsibility"] = "vendor" }, "", "answers[5].responsibility", "vendor"},
		{"planned date in 和暦", func(d map[string]any) { answerAt(d, 8)["planned_date"] = "令和8年3月31日" }, "", "answers[8].planned_date", "YYYY-MM-DD"},
		{"planned date with slashes", func(d map[string]any) { answerAt(d, 8)["planned_date"] = "2026/03/31" }, "", "answers[8].planned_date", "YYYY-MM-DD"},
		{"planned date that does not exist", func(d map[string]any) { answerAt(d, 8)["planned_date"] = "2026-02-30" }, "", "answers[8].planned_date", "2026-02-30"},
		{"cover date not canonical", func(d map[string]any) {
			d["cover"] = map[string]any{"request": map[string]any{"contract_end": "R8.3.31"}}
		}, "", "cover.request.contract_end", "R8.3.31"},
		{"message severity outside the values", func(d map[string]any) {
			d["messages"] = []any{map[string]any{"severity": "info", "code": "x", "text_ja": "", "text_en": ""}}
		}, "", "messages[0].severity", "info"},
		{"answer without ID", func(d map[string]any) { delete(answerAt(d, 2), "id") }, "", "answers[2].id", "missing"},
		{"answer with an unknown ID", func(d map[string]any) { answerAt(d, 2)["id"] = "99.9.9" }, "", "answers[2].id", "99.9.9"},
		{"duplicate ID, first copy conforms", func(d map[string]any) {
			a := d["answers"].([]any)
			dup := map[string]any{"id": answerAt(d, 0)["id"], "status": "nonconforming"}
			d["answers"] = append(a, dup)
		}, "", "answers[234].id", "answers[0]"},
		{"requirement without an answer", func(d map[string]any) { d["answers"] = d["answers"].([]any)[1:] }, "", "answers", "no answer"},
		{"answers missing", func(d map[string]any) { delete(d, "answers") }, "", "answers", "missing"},
		{"answers null", func(d map[string]any) { d["answers"] = nil }, "", "answers", "missing"},
		{"edition missing", func(d map[string]any) { delete(d, "edition") }, "", "edition", "missing"},
		{"edition not loaded", func(d map[string]any) { d["edition"] = "2099-01-01" }, "", "edition", "2099-01-01"},
		{"schema version 2", func(d map[string]any) { d["schema_version"] = 2 }, "", "schema_version", "2"},
		{"schema version missing", func(d map[string]any) { delete(d, "schema_version") }, "", "schema_version", "missing"},
		{"schema version as text", func(d map[string]any) { d["schema_version"] = "1" }, "", "schema_version", `"1"`},
		{"only a schema version", nil, `{"schema_version":1}`, "edition", "missing"},
		{"unknown field", func(d map[string]any) { answerAt(d, 4)["statuss"] = "conforms" }, "", "answers[4].statuss", "not a field"},
		{"findings JSON naming itself", nil, `{"kind":"ismapcheck.findings","schema_version":1,"findings":[]}`, "kind", "findings"},
		{"findings JSON of an earlier version", nil, `{"schema_version":1,"edition":"2022-04-01","findings":[]}`, "", "findings"},
		{"another kind", func(d map[string]any) { d["kind"] = "ismapcheck.risk" }, "", "kind", "ismapcheck.risk"},
		{"an array", nil, `[1,2]`, "", "not a JSON object"},
		{"two objects", nil, `{"schema_version":1} {}`, "", "more than one"},
		{"not UTF-8", nil, "{\"schema_version\":1,\"edition\":\"\xff\"}", "", "UTF-8"},
		{"empty", nil, ``, "", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.raw)
			if tt.raw == "" && tt.mutate != nil {
				doc, _ := goodAssessment(t)
				tt.mutate(doc)
				var err error
				if data, err = json.Marshal(doc); err != nil {
					t.Fatal(err)
				}
			}
			_, as, err := DecodeAssessment(data, "in.json", Catalogs{})
			if err == nil {
				t.Fatalf("accepted: %d answers", len(as.Answers))
			}
			var je *JSONError
			if !errors.As(err, &je) || !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("error %T %v is not a JSONError wrapping ErrInvalidInput", err, err)
			}
			if je.Path != tt.wantPath || je.File != "in.json" {
				t.Errorf("path %q file %q, want %q: %v", je.Path, je.File, tt.wantPath, err)
			}
			if !strings.Contains(err.Error(), tt.wantText) || je.MessageJA() == "" {
				t.Errorf("message %q lacks %q", err, tt.wantText)
			}
		})
	}
}

func TestDecodeAssessmentAccepts(t *testing.T) {
	doc, cat := goodAssessment(t)
	answerAt(doc, 17)["status"] = "nonconforming"
	answerAt(doc, 17)["planned_date"] = "2026-03-31"
	answerAt(doc, 17)["responsibility"] = "shared"
	good, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	delete(doc, "kind")
	legacy, _ := json.Marshal(doc)
	other := *cat
	other.Edition.ID = "2099-01-01"
	tests := []struct {
		name     string
		data     []byte
		cats     Catalogs
		wantWarn string
		wantErr  bool
	}{
		{"as written by ingest", good, Catalogs{}, "", false},
		{"with a UTF-8 BOM", append([]byte("\xef\xbb\xbf"), good...), Catalogs{}, "", false},
		{"written before kind existed", legacy, Catalogs{}, CodeKindMissing, false},
		{"the chosen catalogue of its edition", good, Catalogs{Chosen: cat, ChosenName: "--edition x"}, "", false},
		{"a chosen catalogue of another edition", good, Catalogs{Chosen: &other, ChosenName: "--catalog o.csv"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, as, err := DecodeAssessment(tt.data, "in.json", tt.cats)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "--catalog o.csv") {
					t.Fatalf("err %v, want one naming the chosen catalogue", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Edition.ID != cat.Edition.ID || as.Kind != checklist.AssessmentKind {
				t.Errorf("catalogue %s kind %q", c.Edition.ID, as.Kind)
			}
			x, _ := as.Answer(as.Answers[17].ID)
			if x.Status != checklist.StatusNonconforming || x.PlannedDate.String() != "2026-03-31" {
				t.Errorf("answer 17: %+v", x)
			}
			var codes []string
			for _, m := range as.Messages {
				codes = append(codes, m.Code)
			}
			if got := strings.Join(codes, ","); got != tt.wantWarn {
				t.Errorf("messages %q, want %q", got, tt.wantWarn)
			}
		})
	}
}

// FuzzDecodeAssessment: the strict reader never panics, and what it accepts
// has one answer per requirement.
func FuzzDecodeAssessment(f *testing.F) {
	f.Add([]byte(`{"schema_version":1}`))
	f.Add([]byte(`{"kind":"ismapcheck.assessment","schema_version":1,"edition":"2022-04-01","answers":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, as, err := DecodeAssessment(data, "f.json", Catalogs{})
		if err == nil && len(as.Answers) != len(cat.Requirements()) {
			t.Fatalf("accepted %d answers for %d requirements", len(as.Answers), len(cat.Requirements()))
		}
	})
}
