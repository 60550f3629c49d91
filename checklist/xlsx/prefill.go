package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// Metadata keys a prefilled workbook adds to the metadata sheet and the
// custom document properties: the round it follows.
const (
	MetaPrevious        = "previous_round"   // base name of the previous workbook or assessment
	MetaPreviousSHA256  = "previous_sha256"  // SHA-256 of the workbook the previous round was read from
	MetaPreviousEdition = "previous_edition" // the edition the previous round answered
)

// Fill colours of a prefilled workbook, explained on the instructions
// sheet.
const (
	FillCarried     = "E2EFDA" // green: carried over from the previous round
	FillFresh       = "F8CBAD" // orange (ID cell): requirement changed, answer afresh
	FillPastPlanned = "FFC000" // dark yellow: a carried planned date already past
)

// Prefill turns a blank workbook written by Write (read from in) into the
// next round's workbook: it enters the carried answers of p and the CSP's
// previous cover and interim facts, paints carried answer and cover cells
// green, the ID of every requirement to answer afresh orange and past
// planned dates dark yellow, adds a section to the instructions asking
// the CSP to confirm or update every row, and records the previous round
// in the metadata. Text is written as string cells (SanitizeText), never
// as formulas. The result is written to out, deterministically.
func Prefill(in io.Reader, out io.Writer, p checklist.Prefill) error {
	f, err := excelize.OpenReader(in)
	if err != nil {
		return fmt.Errorf("%w: opening: %v", ErrFill, err)
	}
	defer f.Close()
	m, err := readFillMeta(f)
	if err != nil {
		return err
	}
	pt := &painter{f: f, cache: map[[2]string]int{}}
	answerCols := []Column{}
	for _, c := range Columns {
		if c.Answer {
			answerCols = append(answerCols, c)
		}
	}
	for _, a := range p.Answers {
		if err := fillAnswer(f, m, a); err != nil {
			return err
		}
		row := m.rows[a.ID]
		for _, c := range answerCols {
			if err := pt.paint(SheetChecklist, cell(c.Letter, row), FillCarried); err != nil {
				return err
			}
		}
	}
	// Carried answers print whole, like answers filled in by Fill.
	if err := fitAnswerRows(f, m, p.Answers); err != nil {
		return err
	}
	for _, id := range p.Fresh {
		if row, ok := m.rows[id]; ok {
			if err := pt.paint(SheetChecklist, cell(Columns[0].Letter, row), FillFresh); err != nil {
				return err
			}
		}
	}
	for _, id := range p.PastPlanned {
		if row, ok := m.rows[id]; ok {
			if err := pt.paint(SheetChecklist, cell(colOf("planned_date"), row), FillPastPlanned); err != nil {
				return err
			}
		}
	}
	vals := coverValues(p.Cover, p.Interim)
	if err := fillCover(f, m, vals); err != nil {
		return err
	}
	for i, cf := range CoverFields {
		if _, ok := vals[cf.Key]; !ok || cf.Group == "agency" {
			continue
		}
		ref := m.cover[cf.Key]
		if ref == "" {
			ref = cell(CoverValueCol, CoverFirstRow+i)
		}
		if err := pt.paint(SheetCover, ref, FillCarried); err != nil {
			return err
		}
	}
	if err := prefillInstructions(f, m.labels, p); err != nil {
		return err
	}
	if err := prefillMeta(f, p); err != nil {
		return err
	}
	return WriteDeterministic(f, out, m.generated)
}

func colOf(key string) string {
	for _, c := range Columns {
		if c.Key == key {
			return c.Letter
		}
	}
	return ""
}

// painter gives cells their style with another fill colour, keeping
// everything else (number format, protection, borders).
type painter struct {
	f     *excelize.File
	cache map[[2]string]int
}

func (p *painter) paint(sheet, ref, color string) error {
	id, err := p.f.GetCellStyle(sheet, ref)
	if err != nil {
		return err
	}
	key := [2]string{fmt.Sprint(id), color}
	nid, ok := p.cache[key]
	if !ok {
		st, err := p.f.GetStyle(id)
		if err != nil {
			return err
		}
		st.Fill = fill(color)
		if nid, err = p.f.NewStyle(st); err != nil {
			return err
		}
		p.cache[key] = nid
	}
	return p.f.SetCellStyle(sheet, ref, ref, nid)
}

// prefillInstructions appends the section on carried answers.
func prefillInstructions(f *excelize.File, labels string, p checklist.Prefill) error {
	s := SheetInstructions
	rows, err := f.GetRows(s)
	if err != nil {
		return err
	}
	headStyle, err := f.GetCellStyle(s, "A2")
	if err != nil {
		return err
	}
	paraStyle, err := f.GetCellStyle(s, "A3")
	if err != nil {
		return err
	}
	name := p.Previous.Name
	paras := []para{
		{"h", "前回の回答の引継ぎ", "Answers carried over from the previous round"},
		{"b", fmt.Sprintf("このブックには前回（%s、版 %s）の回答があらかじめ記入されています。緑色の欄が前回から引き継いだ回答です。すべての行について、内容が今も正しいかを確認し、必要なら更新してください。", name, p.PreviousEdition),
			fmt.Sprintf("This workbook already holds the answers of the previous round (%s, edition %s). Green cells were carried over. Check every row and confirm or update what it says.", name, p.PreviousEdition)},
		{"b", "ID欄が橙色の行は、前回から要件の内容が変わったため回答を引き継いでいません。改めて回答してください。",
			"Rows with an orange ID cell were not carried over because the requirement changed since the previous round: answer them afresh."},
		{"b", "濃い黄色の対応予定日は、すでに過ぎた日付です。対応が済んだかどうかを回答に反映し、済んでいなければ新しい予定日を記入してください。",
			"A dark yellow planned date has already passed: update the answer to say whether the work was done, and if not, enter a new date."},
	}
	// Laid out as writeInstructions lays out its own paragraphs.
	const width = instructionsWidth
	r := len(rows) + 2
	for _, pa := range paras {
		t := text("・"+pa.ja, "• "+pa.en, labels)
		style, h := paraStyle, rowHeight(wrappedLines(t, width))
		if pa.kind == "h" {
			t, style = DropDownLabel(pa.ja, pa.en, labels), headStyle
			h = max(24, float64(wrappedLines(t, width*11/12))*16+8)
		}
		if err := f.SetCellStr(s, cell("A", r), SanitizeText(t)); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, cell("A", r), cell("A", r), style); err != nil {
			return err
		}
		if err := f.SetRowHeight(s, r, h); err != nil {
			return err
		}
		r++
	}
	// The section prints with the rest of the sheet: the print area
	// writeInstructions set is replaced.
	if err := f.DeleteDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: s}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$A$%d", s, r-1), Scope: s})
}

// prefillMeta records the previous round before the row map of the
// metadata sheet (readers take every row after it as a row-map entry) and
// in the custom document properties.
func prefillMeta(f *excelize.File, p checklist.Prefill) error {
	rows, err := f.GetRows(SheetMeta)
	if err != nil {
		return err
	}
	at := len(rows) + 1
	for i, r := range rows {
		if len(r) > 0 && strings.TrimSpace(r[0]) == MetaRowMap {
			at = i + 1
			break
		}
	}
	pairs := [][2]string{{MetaPrevious, p.Previous.Name}, {MetaPreviousSHA256, p.Previous.SHA256}, {MetaPreviousEdition, p.PreviousEdition}}
	if err := f.InsertRows(SheetMeta, at, len(pairs)); err != nil {
		return err
	}
	for i, kv := range pairs {
		if err := f.SetCellStr(SheetMeta, cell("A", at+i), kv[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(SheetMeta, cell("B", at+i), SanitizeText(kv[1])); err != nil {
			return err
		}
		if err := f.SetCustomProps(excelize.CustomProperty{Name: "ismapcheck." + kv[0], Value: SanitizeText(kv[1])}); err != nil {
			return err
		}
	}
	return nil
}
