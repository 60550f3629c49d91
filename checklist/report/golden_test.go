package report_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.json from the current model")

// goldenReport is the model as data: every block named by its kind (the
// Block interface alone would lose it) and every attachment by its size
// and SHA-256 instead of its bytes.
type goldenReport struct {
	Meta        report.Meta
	HeaderLeft  string
	HeaderRight string
	FooterLeft  string
	Watermark   string
	Sections    []goldenSection
	Attachments []goldenAttachment
}

type goldenSection struct {
	Key, Title         string
	Level              int
	NewPage, HideTitle bool
	Blocks             []map[string]report.Block
}

type goldenAttachment struct {
	Name, Description, MIME, Relationship string
	Size                                  int
	SHA256                                string
}

func blockKind(b report.Block) string {
	switch b.(type) {
	case *report.Paragraph:
		return "paragraph"
	case *report.Table:
		return "table"
	case *report.BarChart:
		return "barChart"
	case *report.SignOff:
		return "signOff"
	case *report.Spacer:
		return "spacer"
	case *report.ReplacedList:
		return "replacedList"
	}
	return "unknown"
}

func golden(rep report.Report) goldenReport {
	g := goldenReport{Meta: rep.Meta, HeaderLeft: rep.HeaderLeft, HeaderRight: rep.HeaderRight, FooterLeft: rep.FooterLeft, Watermark: rep.Watermark}
	for _, s := range rep.Sections {
		gs := goldenSection{Key: s.Key, Title: s.Title, Level: s.Level, NewPage: s.NewPage, HideTitle: s.HideTitle}
		for _, b := range s.Blocks {
			gs.Blocks = append(gs.Blocks, map[string]report.Block{blockKind(b): b})
		}
		g.Sections = append(g.Sections, gs)
	}
	for _, a := range rep.Attachments {
		sum := sha256.Sum256(a.Data)
		g.Attachments = append(g.Attachments, goldenAttachment{Name: a.Name, Description: a.Description, MIME: a.MIME,
			Relationship: a.Relationship, Size: len(a.Data), SHA256: hex.EncodeToString(sum[:])})
	}
	return g
}

// TestBuildGolden compares the model of the demo-like input, in each
// language, with testdata/<name>.json, so a
// change to any text, table or attachment of the report shows in review
// as a diff of data, apart from how the PDF draws it. Run with -update
// after an intended change; a missing golden file fails.
func TestBuildGolden(t *testing.T) {
	tests := []struct {
		name  string
		input func(testing.TB) report.Input
	}{
		{"demo-ja", reporttest.DemoInput},
		{"demo-en", func(t testing.TB) report.Input { in := reporttest.DemoInput(t); in.Lang = report.LangEN; return in }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.MarshalIndent(golden(report.Build(tt.input(t))), "", " ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tt.name+".json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("missing golden (run with -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				out := filepath.Join(t.TempDir(), tt.name+".json")
				_ = os.WriteFile(out, got, 0o644)
				t.Errorf("model differs from %s; got written to %s (diff them; -update if intended, and if the same inputs now give other conclusions, raise RulesVersion so verify names old reports' differences as a change of rules)", path, out)
			}
		})
	}
}
