package risksheet

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// The exclusions sheet: one row per exclusion (a control objective the
// CSP declared 対象外 with a reason) where the CISO records 受入 / 不受入,
// the reason, the approver and the date. A second very hidden sheet binds
// its rows like SheetMeta binds the risk rows. A risk sheet without these
// two sheets (written before they existed) reads as one without
// exclusion decisions.
const (
	SheetExclusions    = "対象外の受入 Exclusions"
	SheetExclusionMeta = "_ismapcheck_exclusions" // very hidden
	// ExclusionHeaderRow is the row of the exclusion sheet's headers.
	ExclusionHeaderRow = 4
)

// ExclusionColumns are the columns of the exclusions sheet, in order.
var ExclusionColumns = []Column{
	// Widths sum to 138 units, so one A4 landscape page wide prints
	// 11 pt type at 8 pt or more (LibreOffice's metrics; see print.go).
	{"id", "A", "ID", "ID", 12, false, false, KindKey, nil, false},
	{"title", "B", "項目名", "Title", 18, false, false, KindShown, nil, false},
	{"csp_reason", "C", "CSPが示した対象外の理由", "CSP's reason for the exclusion", 22, false, false, KindShown, nil, false},
	{"exempted", "D", "併せて対象外となるB管理策", "B controls exempted with it", 16, false, false, KindShown, nil, false},
	{"state", "E", "状態", "State", 13, false, false, KindShown, nil, false},
	{"verdict", "F", "受入／不受入", "Accept / reject", 10, true, false, KindChoice, verdictChoices, true},
	{"reason", "G", "判断の理由", "Reason for the decision", 22, true, false, KindText, nil, false},
	{"approver", "H", "承認者", "Approver", 14, true, false, KindText, nil, true},
	{"decided_on", "I", "判断日", "Decided on", 11, true, true, KindDate, nil, true},
}

func exColumn(k string) Column {
	for _, c := range ExclusionColumns {
		if c.Key == k {
			return c
		}
	}
	panic("risksheet: unknown exclusion column " + k)
}

// exBindingColumns head the exclusion bindings: sheet row, objective ID,
// the AnswerHash of the exclusion shown, the source workbook's hash, and
// for a carried decision the AnswerHash and source it judged and the
// Digest of its fields as written; then the answer snapshots (see
// snapshotColumns).
var exBindingColumns = append([]string{"row", "id", "answer_sha256", "source_sha256", "judged_answer_sha256", "judged_source_sha256", "carried_digest"}, snapshotColumns...)

// exSnapShown is where the snapshots start in an exclusion binding row.
const exSnapShown = 7

// Sheet is a risk sheet as read: the decisions on findings, the decisions
// on exclusions, and every message about both.
type Sheet struct {
	Decisions  []checklist.Decision
	Exclusions []checklist.ExclusionDecision
	Messages   []checklist.Message
	// SourceSHA256 is the SHA-256 of the workbook the sheet was generated
	// from, as its metadata records it ("" when it does not).
	SourceSHA256 string
}

// exclusionRows is the exclusions sheet as the row reader reads it.
var exclusionRows = &table{
	sheet: SheetExclusions, headerRow: ExclusionHeaderRow, columns: ExclusionColumns,
	unbound: func(row int, id string, entries bool) (string, string, bool) {
		return fmt.Sprintf("%d行目はツールが作成した行ではありません（判断は読み込まれません）。行を追加・移動しないでください", row),
			fmt.Sprintf("row %d was not written by the tool (not read as a decision); do not add or move rows", row), id != "" || entries
	},
	missing: func(binding) (checklist.Severity, string, string) { return checklist.SeverityError, "", "" },
}

// readExclusions reads the exclusions sheet and its bindings. A sheet
// written before exclusions were recorded has neither and gives nothing.
func (rd *reader) readExclusions() ([]checklist.ExclusionDecision, error) {
	has := map[string]bool{}
	for _, s := range rd.src.SheetNames() {
		has[s] = true
	}
	if !has[SheetExclusions] && !has[SheetExclusionMeta] {
		return nil, nil
	}
	if !has[SheetExclusions] || !has[SheetExclusionMeta] {
		return nil, rd.exDamaged("", "", "シートが欠けています", "a sheet is missing")
	}
	bindings, err := rd.readExclusionBindings()
	if err != nil {
		return nil, err
	}
	var out []checklist.ExclusionDecision
	err = rd.readRows(exclusionRows, bindings, func(b binding, v rowValues) { out = append(out, rd.exclusionDecision(b, v)) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// exDamaged is the error for an exclusions sheet the tool did not write
// as it is.
func (rd *reader) exDamaged(sheet, cell, ja, en string) error {
	return fatal(rd.name, sheet, cell, ErrNotRiskSheet, "対象外の受入れシートが壊れています: "+ja+"。ツールで作り直してください",
		"the exclusions sheet is damaged: "+en+"; generate the sheet again")
}

// exclusionDecision maps a row the CISO wrote in to the decision on an
// exclusion, checks it by the domain's rules and binds it to the answer
// it judges.
func (rd *reader) exclusionDecision(b binding, v rowValues) checklist.ExclusionDecision {
	d := checklist.ExclusionDecision{ID: b.id, File: rd.base, Sheet: SheetExclusions, Row: v.row, Cells: v.cells, Invalid: v.invalid,
		Verdict: checklist.ExclusionVerdict(v.text["verdict"]), Reason: v.text["reason"], Approver: v.text["approver"],
		DecidedOn: v.dates["decided_on"]}
	var bad bool
	bad, d.AnswerHash, d.SourceSHA256, d.JudgedAnswer = rd.settle(exclusionRows, b, "exclusion_decision", d.Validate(), d.Digest())
	d.Invalid = d.Invalid || bad
	return d
}

// ErrFillExclusion marks an exclusion decision FillExclusionDecisions
// cannot place.
var ErrFillExclusion = errors.New("cannot fill the exclusions sheet")

// FillExclusionDecisions plays the CISO: it reads a risk sheet written by
// Write from in, enters the exclusion decisions in the rows of their IDs
// and writes the result to out (bytes depend only on the inputs). An ID
// without a row is an error. Used by tests and the demo.
func FillExclusionDecisions(in io.Reader, out io.Writer, decisions []checklist.ExclusionDecision) error {
	// The rows as the hidden sheet lists them, the first of each ID.
	listed := func(f *excelize.File, _ []binding) (map[string]int, error) {
		meta, err := f.GetRows(SheetExclusionMeta)
		if err != nil {
			return nil, err
		}
		rowOf := map[string]int{}
		for _, r := range meta[min(1, len(meta)):] {
			if len(r) > 1 {
				if n, err := strconv.Atoi(r[0]); err == nil {
					if _, ok := rowOf[r[1]]; !ok {
						rowOf[r[1]] = n
					}
				}
			}
		}
		return rowOf, nil
	}
	return fillRows(in, out, ErrFillExclusion, exclusionRows, decisions, func(d checklist.ExclusionDecision) string { return d.ID }, listed, writeExclusionDecision)
}
