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

func (b *builder) writeLists() error {
	b.listRefs = map[string]string{}
	type list struct {
		key    string
		values []string
	}
	lists := []list{
		{"status", StatusLabels(b.labels)},
		{"responsibility", ResponsibilityLabels(b.labels)},
	}
	for _, cf := range CoverFields {
		if cf.Kind == "choice" {
			lists = append(lists, list{cf.Key, cf.Choices})
		}
	}
	for i, l := range lists {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := b.f.SetCellStr(SheetLists, cell(col, 1), l.key); err != nil {
			return err
		}
		for j, v := range l.values {
			if err := b.f.SetCellStr(SheetLists, cell(col, j+2), v); err != nil {
				return err
			}
		}
		b.listRefs[l.key] = fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetLists, col, col, len(l.values)+1)
	}
	return b.f.SetColWidth(SheetLists, "A", "Z", 24)
}

// ---- validations ----

// Excel refuses (and "repairs") a workbook whose validation messages are
// longer than these, counted in UTF-16 units.
const (
	maxValidationTitle = 32
	maxValidationText  = 255
)

// clampUTF16 cuts s to at most n UTF-16 units.
func clampUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

func (b *builder) setError(dv *excelize.DataValidation, style excelize.DataValidationErrorStyle, title, msg [2]string) {
	t := b.line(title[0], title[1])
	if len([]rune(t)) > maxValidationTitle {
		t = title[0]
		if b.labels == LabelsEN {
			t = title[1]
		}
	}
	dv.SetError(style, clampUTF16(t, maxValidationTitle), clampUTF16(b.text(msg[0], msg[1]), maxValidationText))
}

// setPrompt sets the help Excel shows when a cell of dv is selected,
// within Excel's limits like setError.
func (b *builder) setPrompt(dv *excelize.DataValidation, title, msg [2]string) {
	t := b.line(title[0], title[1])
	if len([]rune(t)) > maxValidationTitle {
		t = title[0]
		if b.labels == LabelsEN {
			t = title[1]
		}
	}
	dv.SetInput(clampUTF16(t, maxValidationTitle), clampUTF16(b.text(msg[0], msg[1]), maxValidationText))
}

// addList adds a drop-down on sqref; prompt, when given, is the help
// shown on selection (title, message).
func (b *builder) addList(sheet, sqref, key string, title, msg [2]string, prompt ...[2]string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	dv.SetSqrefDropList(b.listRefs[key])
	b.setError(dv, excelize.DataValidationErrorStyleStop, title, msg)
	if len(prompt) == 2 {
		b.setPrompt(dv, prompt[0], prompt[1])
	}
	return b.f.AddDataValidation(sheet, dv)
}

func (b *builder) addDateValidation(sheet, sqref string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	if err := dv.SetRange(int(DateSerial(minValidDate)), int(DateSerial(maxValidDate)),
		excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	b.setError(dv, excelize.DataValidationErrorStyleWarning, [2]string{"日付の確認", "Check the date"},
		[2]string{"日付を 2026-03-31 の形式で入力してください。", "Enter a date such as 2026-03-31."})
	return b.f.AddDataValidation(sheet, dv)
}

// ---- cover ----

// agencyValue returns the request's value for an agency cover field.
func agencyValue(r checklist.Request, key string) (string, checklist.Date) {
	switch key {
	case "agency":
		return r.Agency, checklist.Date{}
	case "division":
		return r.Division, checklist.Date{}
	case "contact":
		return r.Contact, checklist.Date{}
	case "system":
		return r.System, checklist.Date{}
	case "csp":
		return r.CSP, checklist.Date{}
	case "service":
		return r.Service, checklist.Date{}
	case "service_model":
		return r.ServiceModel, checklist.Date{}
	case "interim_category":
		return r.InterimCategory, checklist.Date{}
	case "contract_start":
		return "", r.ContractStart
	case "contract_end":
		return "", r.ContractEnd
	case "due":
		return "", r.Due
	case "reference":
		return r.Reference, checklist.Date{}
	case "date":
		return "", r.Date
	}
	return "", checklist.Date{}
}

func (b *builder) writeCover() error {
	f, s := b.f, SheetCover
	widths := []struct {
		col string
		w   float64
	}{{"A", coverWidths[0]}, {"B", coverWidths[1]}, {"C", coverWidths[2]}, {"D", coverWidths[3]}}
	for _, w := range widths {
		if err := f.SetColWidth(s, w.col, w.col, w.w); err != nil {
			return err
		}
	}
	ed := b.cat.Edition
	top := []struct {
		text   string
		style  int
		height float64
	}{
		{b.line(workbookTitle[0], workbookTitle[1]), b.st.title, 24},
		{b.text(ed.TitleJA, ed.TitleEN), b.st.subtitle, 0},
		{b.text(ed.NoteJA, ed.NoteEN), b.st.note, 0},
		{b.text(coverIntro[0], coverIntro[1]), b.st.note, 0},
	}
	for i, t := range top {
		r := i + 1
		if err := f.MergeCell(s, cell("A", r), cell("D", r)); err != nil {
			return err
		}
		if err := b.setStr(s, cell("A", r), t.text, t.style); err != nil {
			return err
		}
		h := t.height
		if h == 0 {
			h = rowHeight(wrappedLines(t.text, coverWidths[0]+coverWidths[1]+coverWidths[2]+coverWidths[3]))
		}
		if err := f.SetRowHeight(s, r, h); err != nil {
			return err
		}
	}
	hdr := []string{"項目", "Item", b.line("記入欄", "Entry"), b.line("記入者", "Filled in by")}
	hl := 1
	for i, h := range hdr {
		if err := b.setStr(s, cell(string(rune('A'+i)), CoverHeaderRow), h, b.st.header); err != nil {
			return err
		}
		hl = max(hl, wrappedLines(h, coverWidths[i]))
	}
	if err := f.SetRowHeight(s, CoverHeaderRow, rowHeight(hl)); err != nil {
		return err
	}
	for i, cf := range CoverFields {
		r := CoverFirstRow + i
		ref := cell(CoverValueCol, r)
		b.coverCells[cf.Key] = ref
		if err := b.setStr(s, cell("A", r), cf.LabelJA, b.st.lockedBold); err != nil {
			return err
		}
		if err := b.setStr(s, cell("B", r), cf.LabelEN, b.st.locked); err != nil {
			return err
		}
		g := coverGroupLabel[cf.Group]
		gs := map[string]int{"agency": b.st.coverGroupAgency, "csp": b.st.coverGroupCSP, "interim": b.st.coverGI}[cf.Group]
		if err := b.setStr(s, cell("D", r), b.text(g[0], g[1]), gs); err != nil {
			return err
		}
		lines := max(wrappedLines(cf.LabelJA, coverWidths[0]), wrappedLines(cf.LabelEN, coverWidths[1]), wrappedLines(b.text(g[0], g[1]), coverWidths[3]))
		if cf.Group == "agency" {
			v, d := agencyValue(b.req, cf.Key)
			if cf.Kind == "date" {
				if err := b.setDate(s, ref, d, b.st.lockedDate); err != nil {
					return err
				}
			} else {
				if err := b.setStr(s, ref, v, b.st.locked); err != nil {
					return err
				}
				lines = max(lines, wrappedLines(v, coverWidths[2]))
			}
		} else {
			switch cf.Kind {
			case "date":
				if err := b.setStyle(s, ref, b.st.answerDate); err != nil {
					return err
				}
				if err := b.addDateValidation(s, ref); err != nil {
					return err
				}
			case "choice":
				if err := b.setStyle(s, ref, b.st.answer); err != nil {
					return err
				}
				if err := b.addList(s, ref, cf.Key, [2]string{"選択肢の確認", "Choose from the list"},
					[2]string{"一覧から選んでください。", "Choose an entry from the list."}); err != nil {
					return err
				}
			case "email":
				if err := b.setStyle(s, ref, b.st.answer); err != nil {
					return err
				}
				dv := excelize.NewDataValidation(true)
				dv.Sqref = ref
				dv.Type = "custom"
				dv.Formula1 = fmt.Sprintf(`ISNUMBER(FIND("@",%s))`, ref)
				b.setError(dv, excelize.DataValidationErrorStyleWarning, [2]string{"メールアドレスの確認", "Check the e-mail"},
					[2]string{"メールアドレスを入力してください（例：name@example.com）。", "Enter an e-mail address such as name@example.com."})
				if err := f.AddDataValidation(s, dv); err != nil {
					return err
				}
			default:
				if err := b.setStyle(s, ref, b.st.answer); err != nil {
					return err
				}
			}
		}
		if err := f.SetRowHeight(s, r, rowHeight(max(lines, 2))); err != nil {
			return err
		}
	}
	last := CoverFirstRow + len(CoverFields) - 1
	// Print: A4 portrait, one page wide, the header row repeated (the
	// cover no longer squeezes onto one page, which took the type under 5 pt).
	if err := SetPrint(f, s, false, fmt.Sprintf("%d:%d", CoverHeaderRow, CoverHeaderRow)); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$D$%d", s, last), Scope: s}); err != nil {
		return err
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func pageLayout(landscape bool) *excelize.PageLayoutOptions {
	o := "portrait"
	if landscape {
		o = "landscape"
	}
	return &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr(o), FitToWidth: ptr(1), FitToHeight: ptr(0)}
}

// ---- instructions ----

func (b *builder) writeInstructions() error {
	f, s := b.f, SheetInstructions
	const width = instructionsWidth
	if err := f.SetColWidth(s, "A", "A", width); err != nil {
		return err
	}
	r := 1
	put := func(t string, style int, h float64) error {
		if err := b.setStr(s, cell("A", r), t, style); err != nil {
			return err
		}
		if err := f.SetRowHeight(s, r, h); err != nil {
			return err
		}
		r++
		return nil
	}
	if err := put(b.line("記入要領", "Instructions"), b.st.title, 24); err != nil {
		return err
	}
	for _, p := range instructions {
		t := b.text(p.ja, p.en)
		switch p.kind {
		case "h":
			// Headings wrap: a long one overflowing the column made
			// the fit-to-width print scale the whole sheet down.
			hd := b.line(p.ja, p.en)
			if err := put(hd, b.st.instrHeading, max(24, float64(wrappedLines(hd, width*11/12))*16+8)); err != nil {
				return err
			}
		case "b":
			bt := b.text("・"+p.ja, "• "+p.en)
			if err := put(bt, b.st.instrPara, rowHeight(wrappedLines(bt, width))); err != nil {
				return err
			}
		default:
			if err := put(t, b.st.instrPara, rowHeight(wrappedLines(t, width))); err != nil {
				return err
			}
		}
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$A$%d", s, r-1), Scope: s}); err != nil {
		return err
	}
	return SetPrint(f, s, false, "")
}

// ---- checklist ----

// checklistWidths sum to PrintWidthLandscape or less, so the checklist
// prints on A4 landscape at 8 pt or more (see print.go).
var checklistWidths = map[string]float64{
	"id": 9, "level": 10, "title": 15, "summary": 25, "status": 9, "implementation": 23,
	"evidence": 15, "reason": 15, "planned_date": 10, "responsibility": 9, "remarks": 10,
}

// coverWidths are the cover's columns A–D (at most PrintWidthPortrait in
// all); instructionsWidth is the one column of the instructions.
var coverWidths = [4]float64{27, 25, 39, 13}

const instructionsWidth = 80

func (b *builder) headingStyle(l checklist.Level) int {
	switch l {
	case checklist.LevelPart:
		return b.st.part
	case checklist.LevelChapter:
		return b.st.chapter
	}
	return b.st.section
}

func (b *builder) writeChecklist() error {
	f, s := b.f, SheetChecklist
	first, last := Columns[0].Letter, Columns[len(Columns)-1].Letter
	for _, c := range Columns {
		if err := f.SetColWidth(s, c.Letter, c.Letter, checklistWidths[c.Key]); err != nil {
			return err
		}
	}
	ed := b.cat.Edition
	var info []string
	add := func(ja, en, v string) {
		if v != "" {
			info = append(info, b.line(ja, en)+": "+v)
		}
	}
	add("府省庁等", "Agency", b.req.Agency)
	add("情報システム", "System", b.req.System)
	add("クラウドサービス", "Service", b.req.Service)
	add("整理番号", "Reference", b.req.Reference)
	add("回答期限", "Answer due", b.req.Due.String())
	add("版", "Edition", ed.ID)
	top := []struct {
		text  string
		style int
	}{
		{b.line("基本言明要件 チェックリスト", "Basic statement requirements checklist") + " — " + b.line(ed.TitleJA, ed.TitleEN), b.st.title},
		{b.text(ed.NoteJA, ed.NoteEN), b.st.note},
		{strings.Join(info, "　"), b.st.note},
	}
	for i, t := range top {
		r := i + 1
		if err := f.MergeCell(s, cell(first, r), cell(last, r)); err != nil {
			return err
		}
		if err := b.setStr(s, cell(first, r), t.text, t.style); err != nil {
			return err
		}
		// The 14 pt title takes about 1.3 times the width of 11 pt text.
		h := max(24, float64(wrappedLines(t.text, checklistWidth()/1.3))*20+4)
		if i > 0 {
			h = rowHeight(wrappedLines(t.text, checklistWidth()))
		}
		if err := f.SetRowHeight(s, r, h); err != nil {
			return err
		}
	}
	for _, c := range Columns {
		if err := b.setStr(s, cell(c.Letter, ChecklistHeaderRow), b.text(c.LabelJA, c.LabelEN), b.st.header); err != nil {
			return err
		}
	}
	hl := 2
	for _, c := range Columns {
		hl = max(hl, wrappedLines(b.text(c.LabelJA, c.LabelEN), checklistWidths[c.Key]))
	}
	if err := f.SetRowHeight(s, ChecklistHeaderRow, rowHeight(hl)); err != nil {
		return err
	}

	r := ChecklistFirstRow
	var runs [][2]int // contiguous runs of requirement rows
	for _, it := range b.cat.Items {
		if it.Level.IsRequirement() {
			if err := b.writeRequirement(r, it); err != nil {
				return err
			}
			b.rowMap = append(b.rowMap, rowID{r, it.ID})
			if n := len(runs); n > 0 && runs[n-1][1] == r-1 {
				runs[n-1][1] = r
			} else {
				runs = append(runs, [2]int{r, r})
			}
		} else {
			if err := b.writeHeading(r, it); err != nil {
				return err
			}
		}
		r++
	}
	b.lastRow = r - 1
	if len(runs) == 0 {
		return fmt.Errorf("%w: the catalogue has no requirements", ErrWrite)
	}
	sq := func(col string) string {
		parts := make([]string, len(runs))
		for i, run := range runs {
			parts[i] = cell(col, run[0]) + ":" + cell(col, run[1])
		}
		return strings.Join(parts, " ")
	}
	col := func(key string) string {
		for _, c := range Columns {
			if c.Key == key {
				return c.Letter
			}
		}
		panic("xlsx: no column " + key)
	}
	E, H, I, J := col("status"), col("reason"), col("planned_date"), col("responsibility")
	if err := b.addList(s, sq(E), "status", [2]string{"適合状況", "Status"},
		[2]string{"一覧から選んでください（適合・一部適合・不適合・対象外）。", "Choose from the list (Conforms, Partially conforms, Does not conform, Not applicable)."},
		statusPrompt[0], statusPrompt[1]); err != nil {
		return err
	}
	if err := b.addList(s, sq(J), "responsibility", [2]string{"責任分界", "Responsibility"},
		[2]string{"一覧から選んでください（CSP・利用者・共同・継承）。", "Choose from the list (CSP, Customer, Shared, Inherited)."}); err != nil {
		return err
	}
	if err := b.addDateValidation(s, sq(I)); err != nil {
		return err
	}
	if err := b.conditionalFormats(runs[0][0], sq(E), sq(H), sq(I), E, H, I); err != nil {
		return err
	}

	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: ChecklistHeaderRow,
		TopLeftCell: cell("B", ChecklistFirstRow), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: cell(E, runs[0][0]), ActiveCell: cell(E, runs[0][0]), Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := f.AutoFilter(s, cell(first, ChecklistHeaderRow)+":"+cell(last, b.lastRow), nil); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: fmt.Sprintf("'%s'!$%s$1:$%s$%d", s, first, last, b.lastRow), Scope: s}); err != nil {
		return err
	}
	return SetPrint(f, s, true, fmt.Sprintf("%d:%d", ChecklistHeaderRow, ChecklistHeaderRow))
}

// checklistWidth is the width of all checklist columns together.
func checklistWidth() float64 {
	w := 0.0
	for _, c := range Columns {
		w += checklistWidths[c.Key]
	}
	return w
}

func (b *builder) conditionalFormats(r0 int, sqE, sqH, sqI, E, H, I string) error {
	statusIs := func(ss ...checklist.Status) string {
		seen := map[string]bool{}
		var conds []string
		for _, st := range ss {
			for _, l := range []string{st.LabelJA(), st.LabelEN(), StatusLabel(st, LabelsBoth)} {
				if !seen[l] {
					seen[l] = true
					conds = append(conds, fmt.Sprintf("TRIM($%s%d)=\"%s\"", E, r0, l))
				}
			}
		}
		return "OR(" + strings.Join(conds, ",") + ")"
	}
	empty := func(c string) string { return fmt.Sprintf("LEN(TRIM($%s%d))=0", c, r0) }
	rules := []struct {
		sqref, formula string
		style          int
	}{
		{sqE, empty(E), b.st.cfUnanswered},
		{sqH, "AND(" + empty(H) + "," + statusIs(checklist.StatusPartial, checklist.StatusNonconforming, checklist.StatusNotApplicable) + ")", b.st.cfMissing},
		{sqI, "AND(" + empty(I) + "," + statusIs(checklist.StatusPartial, checklist.StatusNonconforming) + ")", b.st.cfMissing},
	}
	for _, rule := range rules {
		st := rule.style
		if err := b.f.SetConditionalFormat(SheetChecklist, rule.sqref, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: rule.formula, Format: &st},
		}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) writeHeading(r int, it checklist.Item) error {
	f, s := b.f, SheetChecklist
	st := b.headingStyle(it.Level)
	first, last := Columns[0].Letter, Columns[len(Columns)-1].Letter
	if err := f.SetCellStyle(s, cell(first, r), cell(last, r), st); err != nil {
		return err
	}
	id := it.ID
	if it.Level == checklist.LevelPart {
		id = ""
	}
	title := b.line(it.TitleJA, it.TitleEN)
	if title == "" {
		title = b.line(it.Level.LabelJA(), it.Level.LabelEN()) + " " + it.ID
	}
	vals := map[string]string{"id": id, "level": b.line(it.Level.LabelJA(), it.Level.LabelEN()), "title": title}
	for _, c := range Columns {
		if v := vals[c.Key]; v != "" {
			if err := f.SetCellStr(s, cell(c.Letter, r), SanitizeText(v)); err != nil {
				return err
			}
		}
	}
	h := 20.0
	if it.Level == checklist.LevelPart {
		h = 24
	}
	return f.SetRowHeight(s, r, h)
}

func (b *builder) writeRequirement(r int, it checklist.Item) error {
	s := SheetChecklist
	lines := 1
	for _, c := range Columns {
		ref := cell(c.Letter, r)
		var v string
		style := b.st.locked
		switch c.Key {
		case "id":
			v, style = it.ID, b.st.lockedBold
		case "level":
			v = b.text(it.Level.LabelJA(), it.Level.LabelEN())
		case "title":
			v = b.text(it.TitleJA, it.TitleEN)
		case "summary":
			v = b.text(it.SummaryJA, it.SummaryEN)
		case "planned_date":
			style = b.st.answerDate
		case "status", "responsibility":
			style = b.st.answerCenter
		default:
			if c.Answer {
				style = b.st.answer
			}
		}
		if v != "" {
			if err := b.setStr(s, ref, v, style); err != nil {
				return err
			}
			lines = max(lines, wrappedLines(v, checklistWidths[c.Key]))
		} else if err := b.setStyle(s, ref, style); err != nil {
			return err
		}
	}
	return b.f.SetRowHeight(s, r, rowHeight(max(lines, 2)))
}

// ---- metadata ----

// metaPairs returns the key/value block of the metadata sheet.
func (b *builder) metaPairs() [][2]string {
	ed := b.cat.Edition
	kv := [][2]string{
		{MetaFormat, FormatVersion},
		{MetaTool, b.tool},
		{MetaEdition, ed.ID},
		{MetaEditionSHA256, ed.SHA256},
		{MetaReference, b.req.Reference},
		{MetaGenerated, b.req.Date.String()},
		{MetaLabels, b.labels},
		{MetaHeaderRow, strconv.Itoa(ChecklistHeaderRow)},
	}
	for _, cf := range CoverFields {
		kv = append(kv, [2]string{MetaCoverPrefix + cf.Key, b.coverCells[cf.Key]})
	}
	return kv
}

func (b *builder) writeMeta() error {
	f, s := b.f, SheetMeta
	r := 1
	for _, p := range b.metaPairs() {
		if err := f.SetCellStr(s, cell("A", r), p[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(s, cell("B", r), SanitizeText(p[1])); err != nil {
			return err
		}
		r++
	}
	if err := f.SetCellStr(s, cell("A", r), MetaRowMap); err != nil {
		return err
	}
	if err := f.SetCellInt(s, cell("B", r), int64(len(b.rowMap))); err != nil {
		return err
	}
	r++
	for _, m := range b.rowMap {
		if err := f.SetCellInt(s, cell("A", r), int64(m.row)); err != nil {
			return err
		}
		if err := f.SetCellStr(s, cell("B", r), m.id); err != nil {
			return err
		}
		r++
	}
	return f.SetColWidth(s, "A", "B", 24)
}

// ---- protection and properties ----

func (b *builder) protect() error {
	// No password: protection guards against accidental edits; it is not a
	// security measure (Excel's sheet protection is trivially removed).
	for _, s := range []string{SheetCover, SheetInstructions, SheetChecklist, SheetLists, SheetMeta} {
		if err := b.f.ProtectSheet(s, &excelize.SheetProtectionOptions{
			SelectLockedCells:   true,
			SelectUnlockedCells: true,
			AutoFilter:          s == SheetChecklist,
			FormatColumns:       true,
			FormatRows:          true,
		}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) writeProps() error {
	ed := b.cat.Edition
	stamp := b.req.Date.Time().Format(time.RFC3339)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title:          b.line(workbookTitle[0], workbookTitle[1]),
		Subject:        b.line(ed.TitleJA, ed.TitleEN),
		Creator:        "ismapcheck",
		LastModifiedBy: "ismapcheck",
		Keywords:       "ISMAP; " + ed.ID,
		Identifier:     SanitizeText(b.req.Reference),
		Created:        stamp,
		Modified:       stamp,
		Language:       "ja-JP",
	}); err != nil {
		return err
	}
	for _, p := range b.metaPairs()[:7] {
		if err := b.f.SetCustomProps(excelize.CustomProperty{Name: "ismapcheck." + p[0], Value: SanitizeText(p[1])}); err != nil {
			return err
		}
	}
	return nil
}
