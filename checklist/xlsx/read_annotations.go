package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// Message codes for what a respondent may attach to cells besides their
// values. None of it is dropped silently (issue 13):
//
//	code                 sev  meaning
//	hyperlink_evidence   W    a hyperlink on an answer row; its target was added to the evidence
//	hyperlink_ignored    W    a hyperlink elsewhere on the checklist or the cover (target quoted)
//	cell_comment         W    a cell comment (note) on the checklist or the cover (text quoted)
//	image                W    an image anchored on the checklist or the cover (anchor cell named)
const (
	CodeHyperlinkEvidence = "hyperlink_evidence"
	CodeHyperlinkIgnored  = "hyperlink_ignored"
	CodeComment           = "cell_comment"
	CodeImage             = "image"
)

// maxAnnotationText bounds a comment or link quoted in a message.
const maxAnnotationText = 300

// readAnnotations reports the comments, hyperlinks and images of the
// checklist and the cover. A hyperlink on an answer row carries its target
// into the answer's evidence: the respondent pointed at evidence, and the
// link is what the cell shows only as underlined text.
func (r *reader) readAnnotations() error {
	answerAt := map[int]int{} // checklist row → index in r.a.Answers
	for i, a := range r.a.Answers {
		if a.Row > 0 && a.Sheet == r.sheet {
			answerAt[a.Row] = i
		}
	}
	for _, sheet := range []string{r.sheet, r.coverSheet} {
		if sheet == "" || !r.hasSheet(sheet) || !r.sc.HasAnnotations(sheet) {
			continue
		}
		f, err := r.excel()
		if err != nil {
			return err
		}
		idOf := func(cell string) string {
			if sheet != r.sheet {
				return ""
			}
			if _, row, ok := splitRef(cell); ok {
				if i, ok := answerAt[row]; ok {
					return r.a.Answers[i].ID
				}
			}
			return ""
		}
		if err := r.readLinks(f, sheet, answerAt, idOf); err != nil {
			return err
		}
		comments, err := f.GetComments(sheet)
		if err != nil {
			return fatal(r.name, sheet, "", ErrCorrupt, "コメントを読み取れません: "+err.Error(), "the cell comments cannot be read: "+err.Error())
		}
		for _, c := range comments {
			text := c.Text
			if text == "" {
				var b strings.Builder
				for _, run := range c.Paragraph {
					b.WriteString(run.Text)
				}
				text = b.String()
			}
			if c.Author == feedbackAuthor {
				// A note of a correction pack (feedback) is the agency's,
				// not the CSP's: only a comment of the CSP's it kept counts.
				_, kept, ok := keptComment(text)
				if !ok {
					continue
				}
				text = kept
			}
			text = clip(strings.Join(strings.Fields(SanitizeText(text)), " "), maxAnnotationText)
			r.add(checklist.SeverityWarning, CodeComment, sheet, c.Cell, idOf(c.Cell),
				fmt.Sprintf("セル %s にコメントがあります（読み取りの対象外。内容を確認してください）: %q", c.Cell, text),
				fmt.Sprintf("cell %s has a comment (not read as an answer; check it): %q", c.Cell, text))
		}
		cells, err := pictureCells(f, sheet)
		if err != nil {
			return fatal(r.name, sheet, "", ErrCorrupt, "画像を読み取れません: "+err.Error(), "the images cannot be read: "+err.Error())
		}
		for _, cell := range cells {
			r.add(checklist.SeverityWarning, CodeImage, sheet, cell, idOf(cell),
				fmt.Sprintf("セル %s に画像が貼り付けられています（読み取りの対象外。証跡はファイル名や文書名で記入してください）", cell),
				fmt.Sprintf("an image is anchored at cell %s (not read; name the evidence in text)", cell))
		}
	}
	return nil
}

// readLinks carries the hyperlink targets of answer rows into the evidence
// and reports every other hyperlink.
func (r *reader) readLinks(f *excelize.File, sheet string, answerAt map[int]int, idOf func(string) string) error {
	seen := map[string]bool{}
	for _, cell := range r.sc.Hyperlinks[sheet] {
		if seen[cell] {
			continue
		}
		seen[cell] = true
		ok, target, err := f.GetCellHyperLink(sheet, cell)
		if err != nil {
			return fatal(r.name, sheet, cell, ErrCorrupt, "ハイパーリンクを読み取れません: "+err.Error(), "the hyperlink cannot be read: "+err.Error())
		}
		target = strings.TrimSpace(SanitizeText(target))
		if !ok || target == "" {
			continue
		}
		quoted := clip(target, maxAnnotationText)
		_, row, _ := splitRef(cell)
		if i, onAnswer := answerAt[row]; onAnswer && sheet == r.sheet {
			a := &r.a.Answers[i]
			if !strings.Contains(a.Evidence, target) {
				if a.Evidence != "" {
					a.Evidence += "\n"
				}
				a.Evidence += target
			}
			r.add(checklist.SeverityWarning, CodeHyperlinkEvidence, sheet, cell, a.ID,
				fmt.Sprintf("セル %s のハイパーリンク先を証跡に加えました: %q", cell, quoted),
				fmt.Sprintf("the hyperlink of cell %s was added to the evidence: %q", cell, quoted))
			continue
		}
		r.add(checklist.SeverityWarning, CodeHyperlinkIgnored, sheet, cell, idOf(cell),
			fmt.Sprintf("セル %s にハイパーリンクがあります（回答欄ではないため読み取っていません）: %q", cell, quoted),
			fmt.Sprintf("cell %s has a hyperlink outside the answers (not read): %q", cell, quoted))
	}
	return nil
}

// pictureCells lists the anchor cells of a sheet's images, sorted by row
// then column; a hostile drawing must not bring the process down.
func pictureCells(f *excelize.File, sheet string) (cells []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			cells, err = nil, fmt.Errorf("%v", p)
		}
	}()
	cells, err = f.GetPictureCells(sheet)
	if err != nil {
		return nil, err
	}
	key := func(c string) int {
		col, row, _ := splitRef(c)
		return row*100000 + col
	}
	slices.SortFunc(cells, func(a, b string) int { return key(a) - key(b) })
	return cells, nil
}
