package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// InputFile is one file the report was made from. Its bytes are embedded
// in the PDF and its SHA-256 printed in Appendix B.
type InputFile struct {
	Name string // base name shown and used for the attachment
	Role string // what it is, e.g. 回答ワークブック
	MIME string
	Data []byte
}

// SHA256 returns the hex SHA-256 of the file's bytes.
func (f InputFile) SHA256() string {
	s := sha256.Sum256(f.Data)
	return hex.EncodeToString(s[:])
}

// Input is everything the finding report shows, as computed by the
// domain package. Decisions is nil when no risk sheet was given; Interim
// is nil when no interim-measure category is set.
type Input struct {
	Catalog      *checklist.Catalog
	Assessment   *checklist.Assessment
	Result       checklist.Result
	Decisions    []checklist.DecisionState
	RiskMessages []checklist.Message
	// Exclusions holds the CISO's decision on every exclusion
	// (checklist.ApplyExclusionDecisions); nil when no risk sheet was
	// given, which leaves every exclusion undecided.
	Exclusions []checklist.ExclusionState
	Interim    *checklist.InterimVerdict
	ReportDate checklist.Date
	Tool       string // e.g. "ismapcheck v1.2.3"
	Files      []InputFile
	// Params are the parameters of the run, shown in Appendix B.
	Params [][2]string
	// Changes is what changed since the previous round of the case
	// (report --previous); nil leaves the section out.
	Changes *checklist.RoundDiff
	// Lang is the report's language: LangJA (the default, also for "")
	// or LangEN. The CSP's answers and the agency's own words are shown
	// as written; texts the catalogue or the messages have in both
	// languages are shown in both in an English report.
	Lang string
}

// Section keys of the finding report, as the renderer reports them
// (pdf.Layout.Sections).
const (
	KeyCover      = "cover"
	KeySummary    = "summary"
	KeyFindings   = "findings"
	KeyChanges    = "changes"
	KeyExclusions = "exclusions"
	KeyMessages   = "messages"
	KeyInterim    = "interim"
	KeySignOff    = "signoff"
	KeyAppendixA  = "appendix-a"
	KeyAppendixB  = "appendix-b"
)

// ReportTitle is the title of the finding report.
const ReportTitle = "基本言明要件 適合状況確認報告書"

// Colours of the statuses in the chart and of marked rows.
var (
	colConforms      = Color{84, 160, 100}
	colPartial       = Color{236, 186, 64}
	colNonconforming = Color{205, 72, 62}
	colNotApplicable = Color{165, 170, 178}
	colUnanswered    = Color{246, 246, 246}
	fillAlert        = Color{252, 228, 226} // stale, expired, invalid
	fillOpen         = Color{255, 246, 214} // no decision yet
	fillShortfall    = Color{253, 243, 232}
)

// DocumentID derives the report's ID from what it was made from: the
// SHA-256 of every input file, the edition fingerprint and the report
// date. Same inputs and date, same ID.
func DocumentID(in Input) string {
	h := sha256.New()
	fmt.Fprintf(h, "ismapcheck report v1\n")
	for _, f := range in.Files {
		fmt.Fprintf(h, "%s %s\n", f.Name, f.SHA256())
	}
	if in.Catalog != nil {
		fmt.Fprintf(h, "edition %s %s\n", in.Catalog.Edition.ID, in.Catalog.Edition.SHA256)
	}
	fmt.Fprintf(h, "date %s\n", in.ReportDate)
	if in.Lang == LangEN {
		fmt.Fprintf(h, "lang en\n") // the English report is another document
	}
	x := strings.ToUpper(hex.EncodeToString(h.Sum(nil))[:16])
	return "ISMAP-RPT-" + x[:4] + "-" + x[4:8] + "-" + x[8:12] + "-" + x[12:16]
}

// Build maps the domain onto the render model of the finding report. Each
// section is built in a file of its own: build_cover.go (cover, sign-off
// box), build_summary.go (1), build_findings.go (2, 4), changes.go (2.1),
// signoff.go (3), build_interim.go (5), build_appendix.go (A, B).
func Build(in Input) Report {
	as := in.Assessment
	req := as.Cover.Request

	docID := DocumentID(in)
	ed := in.Catalog.Edition
	b := builder{in: in, ready: in.SignOff(), en: in.Lang == LangEN}
	title := b.t(ReportTitle, ReportTitleEN)

	rep := Report{
		Meta: Meta{
			Title:    title + b.t("（"+nonEmpty(req.Service, "サービス名未記入")+"）", " ("+nonEmpty(req.Service, "service not named")+")"),
			Author:   nonEmpty(req.Agency, b.t("府省庁名未記入", "agency not named")),
			Subject:  fmt.Sprintf(b.t("ISMAP管理基準 基本言明要件 %s: %s %s", "ISMAP control criteria, basic statement requirements %s: %s %s"), ed.ID, req.CSP, req.Service),
			Keywords: b.t("ISMAP 基本言明要件 適合状況 リスク評価 ", "ISMAP basic statement requirements conformance risk assessment ") + docID,
			Creator:  in.Tool,
			Lang:     b.t("ja", "en"),
			Date:     time.Date(in.ReportDate.Year, in.ReportDate.Month, in.ReportDate.Day, 0, 0, 0, 0, time.UTC),
		},
		HeaderLeft:  title + "　" + req.System,
		HeaderRight: b.t(docIDLabel[0], docIDLabel[1]) + docID,
		FooterLeft:  fmt.Sprintf(b.t("%s ・ 報告日 %s", "%s · report date %s"), in.Tool, b.date(in.ReportDate)),
	}
	if !b.ready.Ready {
		rep.Watermark = DraftMark
	}
	rep.Sections = append(rep.Sections,
		b.cover(docID),
		b.summary(),
		b.findings(),
	)
	if in.Changes != nil {
		rep.Sections = append(rep.Sections, b.changes())
	}
	rep.Sections = append(rep.Sections,
		b.exclusions(),
		b.messages(),
	)
	if in.Interim != nil {
		rep.Sections = append(rep.Sections, b.interim())
	}
	rep.Sections = append(rep.Sections, b.signOff(), b.appendixA(), b.appendixB(docID))
	for _, f := range in.Files {
		rep.Attachments = append(rep.Attachments, Attachment{Name: f.Name, Data: f.Data, Description: f.Role, MIME: f.MIME, Relationship: relationship(f)})
	}
	return rep
}

// relationship is how an input file relates to the report: the
// workbook and the risk sheet are its sources, an assessment JSON (the
// structured reading of a workbook) is data (issue 17).
func relationship(f InputFile) string {
	if f.MIME == "application/json" {
		return RelData
	}
	return RelSource
}

type builder struct {
	in    Input
	ready checklist.SignOff
	en    bool // an English report (Input.Lang)
}

func nonEmpty(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func kv(caption string, rows ...[2]string) *Table {
	t := &Table{Caption: caption, NoHeader: true, Size: 9, Columns: []Column{{Width: 1.1}, {Width: 3.4}}}
	for _, r := range rows {
		t.Rows = append(t.Rows, Row{Cells: []string{r[0], r[1]}, Ref: r[0]})
	}
	return t
}
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
