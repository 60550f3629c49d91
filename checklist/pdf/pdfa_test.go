package pdf

import (
	"bytes"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist/pdf/internal/pdfatest"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/report/reporttest"
	"github.com/ismapcheck/ismapcheck/templates"
)

// TestRenderPDFA checks the sample report clause by clause against the
// PDF/A-3b rules pdfatest knows (see README "PDF/A-3b").
func TestRenderPDFA(t *testing.T) {
	data, _ := renderSample(t, sampleReport())
	for _, f := range pdfatest.Check(data) {
		t.Errorf("%s", f)
	}
}

// TestReportPDFA renders the finding report in each of its forms (draft
// in Japanese, English, ready for sign-off), with a findings record
// attached as report does, and checks each against the PDF/A-3b clauses.
// cmd/ismapcheck checks the reports the CLI writes with the same clauses
// (through the pdfacheck program).
func TestReportPDFA(t *testing.T) {
	english := func(t *testing.T) report.Input { in := reporttest.DemoInput(t); in.Lang = report.LangEN; return in }
	tests := []struct {
		name  string
		input func(*testing.T) report.Input
		ready bool
	}{
		{"draft, Japanese", func(t *testing.T) report.Input { return reporttest.DemoInput(t) }, false},
		{"English", english, false},
		{"ready for sign-off", func(t *testing.T) report.Input { return reporttest.ReadyInput(t) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.input(t)
			if got := in.SignOff().Ready; got != tt.ready {
				t.Fatalf("fixture ready %v, want %v: %+v", got, tt.ready, in.SignOff().Blockers)
			}
			rep := report.Build(in)
			if (rep.Watermark != "") == tt.ready {
				t.Errorf("watermark %q on a report ready %v", rep.Watermark, tt.ready)
			}
			rep.Attachments = append(rep.Attachments, report.Attachment{Name: "answer.findings.json", Data: []byte(`{"kind":"ismapcheck.findings"}` + "\n"),
				Description: "findings record", MIME: "application/json", Relationship: report.RelData})
			var buf bytes.Buffer
			if _, err := Render(&buf, rep, Options{FontTTF: templates.Font(), ICCProfile: templates.SRGBProfile()}); err != nil {
				t.Fatal(err)
			}
			for _, f := range pdfatest.Check(buf.Bytes()) {
				t.Errorf("%s", f)
			}
		})
	}
}
