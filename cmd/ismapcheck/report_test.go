package main

import (
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/pdf"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func init() { api.DisableConfigDir() } // pdfcpu must not write to $HOME

const reportExclusionReason = "物理的な媒体を取り扱わないため対象外とする。"

const reportFindingReason = "管理者アカウントのみ多要素認証を導入済み。一般利用者への展開は令和8年度下期に行う。"

// reportLongAnswer is a 5,000-character answer that must survive wrapping
// and page breaks intact.
func reportLongAnswer() string {
	var b strings.Builder
	for i := 1; b.Len() < 16000; i++ {
		b.WriteString("ログは改ざん防止機能付きの保管領域に九十日間保存し、")
		b.WriteString("月次で管理者がレビューしている（「ログ管理手順」第")
		b.WriteString(strings.Repeat("一", i%3+1))
		b.WriteString("版）。")
	}
	return string([]rune(b.String())[:5000])
}

type reportFixture struct {
	dir, workbook, risk string
}

// newReportFixture writes a completed workbook (one partial answer with a
// known reason, one 5,000-character answer, one name with a rune outside
// the BMP) and a filled risk sheet into a temporary folder.
func newReportFixture(t testing.TB) reportFixture {
	t.Helper()
	dir := t.TempDir()
	cat, err := loadEdition(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	date := checklist.NewDate(2026, time.March, 2)
	req := checklist.Request{Agency: "架空省", Division: "情報政策課", System: "申請受付システム", CSP: "Example Cloud K.K.",
		Service: "Example Forms", ServiceModel: "SaaS", InterimCategory: "2", Date: date}
	var blank bytes.Buffer
	if err := xlsx.Write(&blank, cat, req, xlsx.WriteOptions{ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	var answers []checklist.Answer
	excluded := false
	for i, it := range cat.Requirements() {
		a := checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Responsibility: checklist.RespCSP,
			Implementation: "規程に基づき実施している。", Evidence: "情報セキュリティ規程"}
		if it.Level == checklist.LevelObjective && i > 140 && !excluded {
			// One exclusion with a reason, for the CISO to accept.
			a.Status, a.Reason, a.Implementation, a.Evidence = checklist.StatusNotApplicable, reportExclusionReason, "", ""
			excluded = true
		}
		switch i {
		case 40:
			a.Status, a.Reason, a.PlannedDate = checklist.StatusPartial, reportFindingReason, checklist.NewDate(2026, time.December, 1)
		case 120:
			a.Implementation = reportLongAnswer()
		case 130:
			a.Remarks = "担当 𩸽野"
		}
		answers = append(answers, a)
	}
	cover := checklist.CSPCover{RespondentName: "山田 太郎", RespondentTitle: "CISO", RespondentEmail: "sec@example.com", AnswerDate: date}
	var filled bytes.Buffer
	if err := xlsx.Fill(bytes.NewReader(blank.Bytes()), &filled, answers, cover, checklist.InterimFacts{}, nil); err != nil {
		t.Fatal(err)
	}
	fx := reportFixture{dir: dir, workbook: filepath.Join(dir, "answer.xlsx"), risk: filepath.Join(dir, "risk.xlsx")}
	if err := os.WriteFile(fx.workbook, filled.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	as, err := xlsx.Read(filled.Bytes(), "answer.xlsx", cat, xlsx.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := checklist.Findings(cat, as)
	if res.NeedsRiskAssessment == 0 || len(res.Exclusions) == 0 {
		t.Fatalf("fixture has %d findings and %d exclusions; want some of each", res.NeedsRiskAssessment, len(res.Exclusions))
	}
	var sheet bytes.Buffer
	if err := risksheet.Write(&sheet, res, as, nil, risksheet.WriteOptions{Date: date, ToolVersion: "test", Catalog: cat}); err != nil {
		t.Fatal(err)
	}
	f := res.Findings[0]
	decisions := []checklist.Decision{{ID: f.ID, AnswerHash: f.AnswerHash, Impact: checklist.RatingMedium, Likelihood: checklist.RatingLow,
		Treatment: checklist.TreatmentAccept, Compensating: "利用者側で管理者操作を週次確認する。", Approver: "CISO 佐藤",
		ApprovedOn: checklist.NewDate(2026, time.March, 10), ReviewBy: checklist.NewDate(2027, time.March, 31)}}
	var risk bytes.Buffer
	if err := risksheet.FillDecisions(bytes.NewReader(acceptExclusions(t, sheet.Bytes(), res)), &risk, decisions); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fx.risk, risk.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return fx
}

// acceptExclusions enters the CISO's acceptance of every exclusion of res
// in a risk sheet written for it.
func acceptExclusions(t testing.TB, sheet []byte, res checklist.Result) []byte {
	t.Helper()
	var ds []checklist.ExclusionDecision
	for _, e := range res.Exclusions {
		ds = append(ds, checklist.ExclusionDecision{ID: e.ID, Verdict: checklist.ExclusionAccept,
			Reason: "媒体を扱わないことを契約書で確認した。", Approver: "CISO 佐藤", DecidedOn: checklist.NewDate(2026, time.March, 10)})
	}
	var out bytes.Buffer
	if err := risksheet.FillExclusionDecisions(bytes.NewReader(sheet), &out, ds); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestReportDeterministicWithAttachments(t *testing.T) {
	fx := newReportFixture(t)
	out1, out2 := filepath.Join(fx.dir, "r1.pdf"), filepath.Join(fx.dir, "r2.pdf")
	stdout, stderr := mustRunCLI(t, exitOK, "report", fx.workbook, "--risk", fx.risk, "--date", "2026-03-31", "-o", out1)
	if !strings.Contains(stdout, "ISMAP-RPT-") {
		t.Errorf("stdout does not name the document ID:\n%s", stdout)
	}
	if !strings.Contains(stderr, "U+29E3D") {
		t.Errorf("stderr does not warn about the replaced rune:\n%s", stderr)
	}
	mustRunCLI(t, exitOK, "report", fx.workbook, "--risk", fx.risk, "--date", "令和8年3月31日", "-o", out2)
	a, _ := os.ReadFile(out1)
	b, _ := os.ReadFile(out2)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("two reports from the same inputs and date differ (%d and %d bytes)", len(a), len(b))
	}

	conf := model.NewDefaultConfiguration()
	if err := api.Validate(bytes.NewReader(maskAF(a)), conf); err != nil {
		t.Errorf("pdfcpu validate: %v", err)
	}
	aa, err := api.ExtractAttachmentsRaw(bytes.NewReader(maskAF(a)), "", nil, model.NewDefaultConfiguration())
	if err != nil {
		t.Fatalf("attachments: %v", err)
	}
	want := map[string]string{"answer.xlsx": fx.workbook, "risk.xlsx": fx.risk}
	names := map[string]bool{}
	for _, at := range aa {
		names[at.FileName] = true
		data, err := io.ReadAll(at.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := want[at.FileName]; ok {
			orig, _ := os.ReadFile(p)
			if sha256.Sum256(data) != sha256.Sum256(orig) {
				t.Errorf("attachment %q differs from the input file", at.FileName)
			}
		}
	}
	for _, n := range []string{"answer.xlsx", "answer.assessment.json", "risk.xlsx", "answer.findings.json"} {
		if !names[n] {
			t.Errorf("attachment %q missing (have %v)", n, names)
		}
	}
	bms, err := api.Bookmarks(bytes.NewReader(maskAF(a)), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if len(bms) < 8 || bms[0].PageFrom != 1 || bms[1].PageFrom != 2 {
		t.Errorf("bookmarks %+v: want cover on page 1 and the summary on page 2", bms)
	}
	last := bms[len(bms)-1]
	if !strings.HasPrefix(last.Title, "付録B") || last.PageFrom < 5 {
		t.Errorf("last bookmark %q on page %d", last.Title, last.PageFrom)
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	txt, err := exec.Command("pdftotext", "-raw", out1, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(txt)), "")
	for _, w := range []string{reportFindingReason, "担当〓野", "U+29E3D", "令和8年3月31日（2026-03-31）"} {
		if !strings.Contains(flat, w) {
			t.Errorf("extracted text lacks %q", w)
		}
	}
	// The long answer spans pages: every sentence of it must be there.
	for _, sentence := range strings.SplitAfter(reportLongAnswer(), "。") {
		if s := strings.Join(strings.Fields(sentence), ""); len([]rune(s)) > 5 && !strings.Contains(flat, s) {
			t.Errorf("extracted text lacks a sentence of the long answer: %q", s)
			break
		}
	}
}

func TestReportFromAssessmentJSON(t *testing.T) {
	fx := newReportFixture(t)
	js := filepath.Join(fx.dir, "answer.json")
	mustRunCLI(t, exitOK, "ingest", fx.workbook, "--json", js)
	out := filepath.Join(fx.dir, "r.pdf")
	mustRunCLI(t, exitOK, "report", js, "--date", "2026-03-31", "-o", out)
	data, _ := os.ReadFile(out)
	aa, err := api.ExtractAttachmentsRaw(bytes.NewReader(maskAF(data)), "", nil, model.NewDefaultConfiguration())
	if err != nil || len(aa) != 2 || aa[0].FileName != "answer.json" || aa[1].FileName != "answer.findings.json" {
		t.Fatalf("attachments %v, %v: want answer.json and the findings record", aa, err)
	}
}

func TestReportErrors(t *testing.T) {
	fx := newReportFixture(t)
	notFont := filepath.Join(fx.dir, "font.ttf")
	os.WriteFile(notFont, []byte("not a font"), 0o644)
	latin := filepath.Join(fx.dir, "latin.ttf")
	exists := filepath.Join(fx.dir, "exists.pdf")
	os.WriteFile(exists, []byte("keep me"), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no output", []string{"report", fx.workbook}, exitUsage, "-o"},
		{"bad date", []string{"report", fx.workbook, "--date", "2026-02-30", "-o", filepath.Join(fx.dir, "x.pdf")}, exitUsage, "--date"},
		{"output exists", []string{"report", fx.workbook, "-o", exists}, exitUsage, "--force"},
		{"missing input", []string{"report", filepath.Join(fx.dir, "nope.xlsx"), "-o", filepath.Join(fx.dir, "x.pdf")}, exitInput, "nope.xlsx"},
		{"bad font", []string{"report", fx.workbook, "--font", notFont, "-o", filepath.Join(fx.dir, "x.pdf")}, exitInput, "フォント"},
		{"missing font", []string{"report", fx.workbook, "--font", latin, "-o", filepath.Join(fx.dir, "x.pdf")}, exitInput, "latin.ttf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr)
			}
		})
	}
	if b, _ := os.ReadFile(exists); string(b) != "keep me" {
		t.Error("an existing output was overwritten without --force")
	}
	if _, err := os.Stat(filepath.Join(fx.dir, "x.pdf")); err == nil {
		t.Error("a failed run left an output file")
	}
}

// TestReportFontFlag renders with --font pointing at the embedded font's
// bytes on disk: the same font, so the same PDF as without the flag
// except Appendix B, which names the file.
func TestReportFontFlag(t *testing.T) {
	fx := newReportFixture(t)
	font := filepath.Join(fx.dir, "ipaexg.ttf")
	if err := os.WriteFile(font, templates.Font(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(fx.dir, "r.pdf")
	mustRunCLI(t, exitOK, "report", fx.workbook, "--font", font, "--date", "2026-03-31", "-o", out)
	if err := pdf.CheckFont(templates.Font()); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkReport runs the whole command on a 234-item workbook with a
// risk sheet: reading, findings, rendering and writing.
func BenchmarkReport(b *testing.B) {
	fx := newReportFixture(b)
	out := filepath.Join(fx.dir, "r.pdf")
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, lang: "ja", now: func() time.Time { return fixedNow }}
	for b.Loop() {
		if code := a.run([]string{"report", fx.workbook, "--risk", fx.risk, "-o", out, "--force"}); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkFindingsRecord measures building and encoding the findings
// record of a report with a risk sheet (issue 17's addition to report).
func BenchmarkFindingsRecord(b *testing.B) {
	fx := newReportFixture(b)
	cat, err := loadEdition(templates.DefaultEdition)
	if err != nil {
		b.Fatal(err)
	}
	data, _ := os.ReadFile(fx.workbook)
	as, err := xlsx.Read(data, "answer.xlsx", cat, xlsx.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	_, sheet, err := (&app{}).readRiskFile(fx.risk, &inputFlags{maxSize: input.DefaultMaxSize}, as)
	if err != nil {
		b.Fatal(err)
	}
	date := checklist.NewDate(2026, time.March, 31)
	in := report.Input{Catalog: cat, Assessment: as, Result: checklist.Findings(cat, as), ReportDate: date, Tool: "ismapcheck test",
		Files: []report.InputFile{{Name: "answer.xlsx", Data: data}}}
	in.Result, in.Exclusions = checklist.FindingsWithExclusions(cat, as, sheet.Exclusions)
	in.Decisions, in.RiskMessages = checklist.ApplyDecisions(in.Result, sheet.Decisions, date), sheet.Messages
	for b.Loop() {
		if _, err := report.NewRecord(in, report.RecordParams{Input: "answer.xlsx", Date: date}).Encode(); err != nil {
			b.Fatal(err)
		}
	}
}

// maskAF returns a copy of data that pdfcpu v0.15.0 will validate: it
// rejects every catalogue /AF array and, in strict mode, /AFRelationship
// in a 1.7 file, though PDF/A-3 defines both for PDF 1.7. The keys are
// renamed in place (same length, so no offset moves). The same as
// pdfatest.Mask, which this package cannot import (it is internal to
// checklist/pdf).
func maskAF(data []byte) []byte {
	out := bytes.ReplaceAll(data, []byte("/AFRelationship /"), []byte("/XXRelationship /"))
	return bytes.ReplaceAll(out, []byte("\n/AF ["), []byte("\n/XX ["))
}
