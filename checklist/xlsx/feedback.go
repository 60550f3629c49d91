package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// SheetCorrections is the first sheet of a correction pack: every problem
// the CSP must fix or check, grouped by code. The reader skips it, so a
// corrected pack reads back as the CSP's workbook.
const SheetCorrections = "修正依頼 Corrections"

// feedbackAuthor is the author of the cell comments feedback adds; a
// second feedback run on a returned pack replaces exactly these.
const feedbackAuthor = "ismapcheck"

// Highlight colours of problem cells: errors light red, warnings yellow.
const (
	fillError   = "FFC7CE"
	fillWarning = "FFEB9C"
)

// restoreCol is the hidden column of the corrections sheet that records,
// per highlighted cell, the fill it had before ("sheet", "cell", "fill" in
// three columns from here), so the next run can undo the highlight.
const restoreCol = 26 // Z, AA, AB

// FeedbackOptions tunes Feedback.
type FeedbackOptions struct {
	ReadOptions
	// Date stamps the zip entries (see WriteDeterministic) and the sheet.
	Date checklist.Date
}

// FeedbackResult is what Feedback found and wrote.
type FeedbackResult struct {
	Assessment  *checklist.Assessment
	Catalog     *checklist.Catalog // the catalogue the workbook was read against
	Corrections []checklist.Correction
	Groups      []checklist.CorrectionGroup
	Cells       int // cells commented and highlighted
}

// Feedback writes to w a correction pack for the completed workbook data:
// the CSP's own workbook with every answer untouched, each problem cell
// highlighted and commented in Japanese and English (what is wrong, what
// to enter), and a first sheet listing every problem grouped by code.
//
// The workbook is first read exactly as ingest reads it (Read, with the
// pre-scan of hostile input); only a workbook Read accepts is opened again
// to annotate. An earlier pack's sheet, comments and highlights are
// replaced. Text from the workbook is only ever stored as string cells and
// comment text, never as a formula.
func Feedback(w io.Writer, data []byte, name string, cat *checklist.Catalog, opt FeedbackOptions) (res *FeedbackResult, err error) {
	as, err := Read(data, name, cat, opt.ReadOptions)
	if err != nil {
		return nil, err
	}
	if c := opt.Editions[as.Edition]; as.Edition != cat.Edition.ID && c != nil {
		cat = c // Read picked the edition the workbook names
	}
	cs := checklist.Corrections(cat, as)
	res = &FeedbackResult{Assessment: as, Catalog: cat, Corrections: cs, Groups: checklist.GroupCorrections(cs)}

	sc, err := Open(data, name, OpenOptions{Limits: Limits{FileSize: opt.maxFileSize()}, Password: opt.Password})
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fatal(name, "", "", ErrCorrupt,
				fmt.Sprintf("ブックを読み取れません（%v）", r), fmt.Sprintf("the workbook cannot be read (%v)", r))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(sc.Zip), excelize.Options{UnzipSizeLimit: MaxTotalSize, UnzipXMLSizeLimit: MaxTotalSize})
	if err != nil {
		return nil, fatal(name, "", "", ErrCorrupt, "ブックを読み取れません: "+err.Error(), "the workbook cannot be read: "+err.Error())
	}
	defer f.Close()
	a := &annotator{f: f, styles: map[[2]int]int{}}
	if err := a.undoEarlierPack(sc); err != nil {
		return nil, fmt.Errorf("removing the earlier corrections of %q: %w", name, err)
	}
	notes := checklist.CellNotes(cs)
	for _, n := range notes {
		if err := a.mark(n); err != nil {
			return nil, fmt.Errorf("annotating %q sheet %q cell %s: %w", name, n.Sheet, n.Cell, err)
		}
	}
	res.Cells = len(a.marked)
	// The CSP's long answers print whole in the pack: rows only grow.
	if sheet, rows := answerRows(as); sheet != "" {
		if err := FitRowHeights(f, sheet, rows); err != nil {
			return nil, fmt.Errorf("fitting the rows of %q: %w", name, err)
		}
	}
	if err := a.writeSheet(as, res.Groups, opt.Date); err != nil {
		return nil, fmt.Errorf("writing the corrections sheet: %w", err)
	}
	if err := WriteDeterministic(f, w, opt.Date); err != nil {
		return nil, err
	}
	return res, nil
}

type annotator struct {
	f      *excelize.File
	styles map[[2]int]int // (style, highlight kind) → new style
	marked [][3]string    // sheet, cell, original fill
}

// undoEarlierPack removes what an earlier feedback run added: its sheet
// (after restoring the fills it recorded) and its comments.
func (a *annotator) undoEarlierPack(sc *Workbook) error {
	has := func(s string) bool {
		for _, p := range sc.Sheets {
			if p.Name == s {
				return true
			}
		}
		return false
	}
	if has(SheetCorrections) {
		rows, err := ReadRows(a.f, "", SheetCorrections, MaxRows)
		if err != nil {
			return err
		}
		for _, row := range rows {
			sheet, ref, fill := at([][]string{row}, 1, restoreCol), at([][]string{row}, 1, restoreCol+1), at([][]string{row}, 1, restoreCol+2)
			if sheet == "" || sheet == SheetCorrections || !has(sheet) {
				continue
			}
			if _, _, ok := splitRef(ref); !ok {
				continue
			}
			if err := a.setFill(ref, sheet, decodeFill(fill)); err != nil {
				return err
			}
		}
		if err := a.f.DeleteSheet(SheetCorrections); err != nil {
			return err
		}
	}
	for _, p := range sc.Sheets {
		cms, err := a.f.GetComments(p.Name)
		if err != nil {
			continue
		}
		for _, c := range cms {
			if c.Author != feedbackAuthor {
				continue
			}
			if err := a.f.DeleteComment(p.Name, c.Cell); err != nil {
				return err
			}
			// Give back a comment someone else had left on the cell.
			if author, text, ok := keptComment(commentText(c)); ok {
				if err := a.f.AddComment(p.Name, excelize.Comment{Author: author, Cell: c.Cell, Text: text}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// setFill gives cell ref of sheet the fill fl, keeping the rest of its style.
func (a *annotator) setFill(ref, sheet string, fl excelize.Fill) error {
	idx, err := a.f.GetCellStyle(sheet, ref)
	if err != nil {
		return err
	}
	st, err := a.f.GetStyle(idx)
	if err != nil {
		return err
	}
	st.Fill = fl
	n, err := a.f.NewStyle(st)
	if err != nil {
		return err
	}
	return a.f.SetCellStyle(sheet, ref, ref, n)
}

// mark highlights a problem cell and attaches the note as a comment
// (below any comment someone else left there).
func (a *annotator) mark(n checklist.CellNote) error {
	if _, _, ok := splitRef(n.Cell); !ok {
		return nil // a message without a usable address is only listed
	}
	if _, err := a.f.GetSheetIndex(n.Sheet); err != nil {
		return nil
	}
	kind, color := 1, fillWarning
	if n.Severity == checklist.SeverityError {
		kind, color = 0, fillError
	}
	idx, err := a.f.GetCellStyle(n.Sheet, n.Cell)
	if err != nil {
		return err
	}
	st, err := a.f.GetStyle(idx)
	if err != nil {
		return err
	}
	a.marked = append(a.marked, [3]string{n.Sheet, n.Cell, encodeFill(st.Fill)})
	ns, ok := a.styles[[2]int{idx, kind}]
	if !ok {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		if ns, err = a.f.NewStyle(st); err != nil {
			return err
		}
		a.styles[[2]int{idx, kind}] = ns
	}
	if err := a.f.SetCellStyle(n.Sheet, n.Cell, n.Cell, ns); err != nil {
		return err
	}
	text := SanitizeText(n.Text())
	cms, _ := a.f.GetComments(n.Sheet)
	for _, c := range cms {
		if c.Cell == n.Cell {
			text += keptSep + c.Author + keptEnd + commentText(c)
			if err := a.f.DeleteComment(n.Sheet, n.Cell); err != nil {
				return err
			}
		}
	}
	text = clampUTF16(text, MaxCellChars)
	lines := wrappedLines(text, 44)
	return a.f.AddComment(n.Sheet, excelize.Comment{Author: feedbackAuthor, Cell: n.Cell, Text: text,
		Width: 360, Height: uint(min(max(lines, 4), 40)*16 + 8)})
}

// A comment someone else left on a problem cell is kept below the note,
// between these markers, and given back when the note is removed.
const (
	keptSep = "\n\n――― "
	keptEnd = " ―――\n"
)

// keptComment finds the comment kept in a note: its author and text.
func keptComment(note string) (author, text string, ok bool) {
	_, rest, ok := strings.Cut(note, keptSep)
	if !ok {
		return "", "", false
	}
	author, text, ok = strings.Cut(rest, keptEnd)
	return author, text, ok && text != ""
}

func commentText(c excelize.Comment) string {
	t := c.Text
	for _, p := range c.Paragraph {
		t += p.Text
	}
	return t
}

// encodeFill records a fill as "type|pattern|colors|shading".
func encodeFill(fl excelize.Fill) string {
	return fmt.Sprintf("%s|%d|%s|%d", fl.Type, fl.Pattern, strings.Join(fl.Color, ","), fl.Shading)
}

var reColor = regexp.MustCompile(`^#?[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$`)

// decodeFill reads encodeFill's form back; anything it does not
// recognise (the sheet came back from the CSP) gives no fill.
func decodeFill(s string) excelize.Fill {
	parts := strings.Split(s, "|")
	if len(parts) != 4 || (parts[0] != "pattern" && parts[0] != "gradient") {
		return excelize.Fill{}
	}
	pat, err1 := strconv.Atoi(parts[1])
	sh, err2 := strconv.Atoi(parts[3])
	if err1 != nil || err2 != nil || pat < 0 || pat > 18 || sh < 0 || sh > 16 {
		return excelize.Fill{}
	}
	var colors []string
	if parts[2] != "" {
		for _, c := range strings.Split(parts[2], ",") {
			if !reColor.MatchString(c) {
				return excelize.Fill{}
			}
			colors = append(colors, c)
		}
	}
	return excelize.Fill{Type: parts[0], Pattern: pat, Color: colors, Shading: sh}
}

// answerRows is the sheet the answers were read from and their rows.
func answerRows(as *checklist.Assessment) (string, []int) {
	sheet := ""
	var rows []int
	for _, x := range as.Answers {
		if x.Sheet != "" && x.Row > 0 {
			sheet = x.Sheet
			rows = append(rows, x.Row)
		}
	}
	return sheet, rows
}
