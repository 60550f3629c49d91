package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// Rows of the checklist sheet: title rows, the header row, then one row
// per catalogue row (headings and requirements) from ChecklistFirstRow.
// The header row is also recorded in the metadata (MetaHeaderRow).
const (
	ChecklistHeaderRow = 4
	ChecklistFirstRow  = 5
)

// CoverHeaderRow is the row of the cover sheet holding the column headers
// above the cover fields.
const CoverHeaderRow = CoverFirstRow - 1

// Date range accepted by the date validations of the workbook.
var (
	minValidDate = checklist.Date{Year: 2000, Month: time.January, Day: 1}
	maxValidDate = checklist.Date{Year: 2100, Month: time.December, Day: 31}
)

// WriteOptions controls Write.
type WriteOptions struct {
	// Labels is LabelsJA, LabelsEN or LabelsBoth ("" means LabelsBoth): the
	// language of titles, headers and drop-down entries.
	Labels string
	// ToolVersion is recorded in the metadata and document properties.
	ToolVersion string
}

// ErrWrite marks a request Write cannot turn into a workbook (no catalogue,
// no generation date, a bad --labels value).
var ErrWrite = errors.New("cannot write the workbook")

// Write writes the basic statement requirements workbook for cat and req to
// w: the cover, the instructions, the checklist with one row per catalogue
// row, a hidden sheet of drop-down sources and a very hidden metadata
// sheet. req.Date (the generation date) is required; it is the only date
// the file carries, so the same inputs always give the same bytes.
//
// Every string from req is stored as a string cell, never as a formula.
func Write(w io.Writer, cat *checklist.Catalog, req checklist.Request, opt WriteOptions) error {
	if cat == nil {
		return fmt.Errorf("%w: no catalogue", ErrWrite)
	}
	labels := opt.Labels
	if labels == "" {
		labels = LabelsBoth
	}
	if !ValidLabels(labels) {
		return fmt.Errorf("%w: labels must be ja, en or both, not %q", ErrWrite, opt.Labels)
	}
	if req.Date.IsZero() {
		return fmt.Errorf("%w: the generation date is required", ErrWrite)
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &builder{f: f, cat: cat, req: req, labels: labels, tool: opt.ToolVersion, coverCells: map[string]string{}}
	if err := b.build(); err != nil {
		return fmt.Errorf("building the workbook: %w", err)
	}
	return WriteDeterministic(f, w, req.Date)
}

// builder holds the state of one Write.
type builder struct {
	f      *excelize.File
	cat    *checklist.Catalog
	req    checklist.Request
	labels string
	tool   string

	st         styles
	listRefs   map[string]string // list key → absolute range on SheetLists
	coverCells map[string]string // cover key → cell
	rowMap     []rowID
	lastRow    int
}

type rowID struct {
	row int
	id  string
}

type styles struct {
	title, subtitle, note                    int
	header                                   int
	locked, lockedDate, lockedBold           int
	answer, answerDate, answerCenter         int
	part, chapter, section                   int
	instrHeading, instrPara                  int
	cfUnanswered, cfMissing                  int
	coverGroupAgency, coverGroupCSP, coverGI int
}

func (b *builder) build() error {
	f := b.f
	if err := f.SetSheetName("Sheet1", SheetCover); err != nil {
		return err
	}
	for _, s := range []string{SheetInstructions, SheetChecklist, SheetLists, SheetMeta} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	steps := []func() error{
		b.makeStyles, b.writeLists, b.writeCover, b.writeInstructions,
		b.writeChecklist, b.writeMeta, b.protect, b.writeProps,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(SheetLists, false); err != nil {
		return err
	}
	if err := f.SetSheetVisible(SheetMeta, false, true); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// ---- styles ----

func border() []excelize.Border {
	const c = "A6A6A6"
	return []excelize.Border{
		{Type: "left", Color: c, Style: 1}, {Type: "right", Color: c, Style: 1},
		{Type: "top", Color: c, Style: 1}, {Type: "bottom", Color: c, Style: 1},
	}
}

func fill(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

const dateFormat = "yyyy-mm-dd"

func (b *builder) makeStyles() error {
	f := b.f
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	df := dateFormat
	defs := []struct {
		dst *int
		s   *excelize.Style
	}{
		{&b.st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: locked}},
		{&b.st.subtitle, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}, Alignment: top, Protection: locked}},
		{&b.st.note, &excelize.Style{Font: &excelize.Font{Color: "595959"}, Alignment: top, Protection: locked}},
		{&b.st.header, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill("1F4E78"), Border: border(),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked}},
		{&b.st.locked, &excelize.Style{Fill: fill("F2F2F2"), Border: border(), Alignment: top, Protection: locked}},
		{&b.st.lockedDate, &excelize.Style{Fill: fill("F2F2F2"), Border: border(), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}, CustomNumFmt: &df, Protection: locked}},
		{&b.st.lockedBold, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("F2F2F2"), Border: border(), Alignment: top, Protection: locked}},
		{&b.st.answer, &excelize.Style{Fill: fill("FFFFFF"), Border: border(), Alignment: top, Protection: unlocked}},
		{&b.st.answerDate, &excelize.Style{Fill: fill("FFFFFF"), Border: border(), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}, CustomNumFmt: &df, Protection: unlocked}},
		{&b.st.answerCenter, &excelize.Style{Fill: fill("FFFFFF"), Border: border(), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}, Protection: unlocked}},
		{&b.st.part, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "FFFFFF"}, Fill: fill("203864"), Border: border(), Alignment: &excelize.Alignment{Vertical: "center"}, Protection: locked}},
		{&b.st.chapter, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill("2E75B6"), Border: border(), Alignment: &excelize.Alignment{Vertical: "center"}, Protection: locked}},
		{&b.st.section, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "1F3864"}, Fill: fill("DDEBF7"), Border: border(), Alignment: &excelize.Alignment{Vertical: "center"}, Protection: locked}},
		{&b.st.instrHeading, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F4E78"}, Alignment: &excelize.Alignment{Vertical: "bottom", WrapText: true}, Protection: locked}},
		{&b.st.instrPara, &excelize.Style{Alignment: top, Protection: locked}},
		{&b.st.coverGroupAgency, &excelize.Style{Font: &excelize.Font{Color: "595959"}, Fill: fill("F2F2F2"), Border: border(), Alignment: top, Protection: locked}},
		{&b.st.coverGroupCSP, &excelize.Style{Font: &excelize.Font{Color: "1F4E78"}, Fill: fill("F2F2F2"), Border: border(), Alignment: top, Protection: locked}},
		{&b.st.coverGI, &excelize.Style{Font: &excelize.Font{Color: "7F6000"}, Fill: fill("F2F2F2"), Border: border(), Alignment: top, Protection: locked}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.s)
		if err != nil {
			return err
		}
		*d.dst = id
	}
	var err error
	if b.st.cfUnanswered, err = f.NewConditionalStyle(&excelize.Style{Fill: fill("FFEB9C")}); err != nil {
		return err
	}
	if b.st.cfMissing, err = f.NewConditionalStyle(&excelize.Style{Fill: fill("FFC7CE"), Font: &excelize.Font{Color: "9C0006"}}); err != nil {
		return err
	}
	return nil
}

// ---- helpers ----

func cell(col string, row int) string { return col + strconv.Itoa(row) }

// setStr stores s as a string cell (never a formula), with style.
func (b *builder) setStr(sheet, ref, s string, style int) error {
	if err := b.f.SetCellStr(sheet, ref, SanitizeText(s)); err != nil {
		return err
	}
	return b.f.SetCellStyle(sheet, ref, ref, style)
}

func (b *builder) setStyle(sheet, ref string, style int) error {
	return b.f.SetCellStyle(sheet, ref, ref, style)
}

// setDate stores d as a date serial (blank when d is zero) with style.
func (b *builder) setDate(sheet, ref string, d checklist.Date, style int) error {
	if !d.IsZero() {
		if err := b.f.SetCellInt(sheet, ref, DateSerial(d)); err != nil {
			return err
		}
	}
	return b.setStyle(sheet, ref, style)
}

func (b *builder) text(ja, en string) string { return text(ja, en, b.labels) }

// line joins ja and en on one line (" / ") for --labels both.
func (b *builder) line(ja, en string) string { return DropDownLabel(ja, en, b.labels) }

// displayWidth approximates how many "0"-character widths s takes: East
// Asian wide characters count two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// wrappedLines estimates the lines s needs in a column width wide.
func wrappedLines(s string, width float64) int {
	if s == "" {
		return 1
	}
	per := int(width) - 1
	if per < 1 {
		per = 1
	}
	lines := 0
	for _, p := range strings.Split(s, "\n") {
		w := displayWidth(p)
		lines += (w + per - 1) / per
		if w == 0 {
			lines++
		}
	}
	return lines
}

// rowHeight is the height in points for the given number of text lines.
func rowHeight(lines int) float64 {
	if lines < 1 {
		lines = 1
	}
	if lines > 27 {
		lines = 27
	}
	return float64(lines)*15 + 3
}

// ---- _lists ----

func ptr[T any](v T) *T { return &v }

func pageLayout(landscape bool) *excelize.PageLayoutOptions {
	o := "portrait"
	if landscape {
		o = "landscape"
	}
	return &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr(o), FitToWidth: ptr(1), FitToHeight: ptr(0)}
}

// ---- instructions ----
