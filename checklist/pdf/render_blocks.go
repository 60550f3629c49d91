package pdf

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// The blocks of a section: heading, paragraph, caption, and the list of
// replaced characters (drawn as a table).

func (r *renderer) section(sec report.Section) {
	f := r.f
	size := 13.0
	if sec.Level > 0 {
		size = 11
	}
	r.setFont(size)
	headH := r.lineH() + 3
	if sec.NewPage || f.PageNo() == 0 {
		r.newPage()
	} else {
		// Keep a heading with at least some of what follows.
		r.y += 3
		r.ensure(headH + 30)
	}
	// Every bookmark is top-level: fpdf writes /Count 0 on outline items
	// that have children, which strict validators reject.
	f.Bookmark(sec.Title, 0, r.y)
	r.sections = append(r.sections, SectionPage{Key: sec.Key, Title: sec.Title, Level: sec.Level, Page: f.PageNo()})
	if !sec.HideTitle {
		if sec.Level == 0 {
			f.SetFillColor(232, 238, 246)
			f.Rect(marginX, r.y, contentW, r.lineH()+1, "F")
			f.SetFillColor(40, 70, 120)
			f.Rect(marginX, r.y, 1.5, r.lineH()+1, "F")
		}
		r.boldText(marginX+3, r.y+0.5, contentW-3, sec.Title)
		r.y += r.lineH() + 1
		if sec.Level > 0 {
			f.SetDrawColor(40, 70, 120)
			f.SetLineWidth(0.3)
			f.Line(marginX, r.y, pageW-marginX, r.y)
		}
		r.y += 3
	}
	for _, b := range sec.Blocks {
		r.block(b)
	}
}

// boldText draws a line with a stroked outline, IPAex Gothic having no
// bold face.
func (r *renderer) boldText(x, y, w float64, s string) {
	f := r.f
	f.SetTextRenderingMode(2)
	f.SetLineWidth(0.12)
	f.SetDrawColor(0, 0, 0)
	r.text(x, y, w, s, report.AlignLeft)
	f.SetTextRenderingMode(0)
}

func (r *renderer) block(b report.Block) {
	switch b := b.(type) {
	case *report.Paragraph:
		r.paragraph(b)
	case *report.Table:
		r.table(b)
	case *report.BarChart:
		r.barChart(b)
	case *report.SignOff:
		r.signOff(b)
	case *report.Spacer:
		r.y += b.Height
		if r.y > contentBot {
			r.newPage()
		}
	case *report.ReplacedList:
		r.replacedList(b)
	}
}

func (r *renderer) paragraph(p *report.Paragraph) {
	f := r.f
	size := p.Size
	if size == 0 {
		size = bodySize
	}
	r.setFont(size)
	pad := 0.0
	if p.Boxed {
		pad = 2.5
	}
	lines := wrapText(p.Text, contentW-2*pad, r.measure)
	lh := r.lineH()
	if !p.Color.IsZero() {
		f.SetTextColor(int(p.Color.R), int(p.Color.G), int(p.Color.B))
	}
	// Draw page by page so a boxed paragraph gets one frame per page.
	for i := 0; i < len(lines); {
		r.ensure(lh + 2*pad)
		n := int((r.room() - 2*pad) / lh)
		if n > len(lines)-i {
			n = len(lines) - i
		}
		h := float64(n)*lh + 2*pad
		if p.Boxed {
			style := "D"
			if !p.Fill.IsZero() {
				f.SetFillColor(int(p.Fill.R), int(p.Fill.G), int(p.Fill.B))
				style = "FD"
			}
			f.SetDrawColor(120, 120, 120)
			f.SetLineWidth(0.3)
			f.Rect(marginX, r.y, contentW, h, style)
		}
		for k := 0; k < n; k++ {
			r.text(marginX+pad, r.y+pad+float64(k)*lh, contentW-2*pad, lines[i+k], p.Align)
		}
		r.y += h
		i += n
	}
	f.SetTextColor(0, 0, 0)
	r.y += 1.5
}

const captionSize = 10.5

// captionHeight is the height of a caption line, 0 for none.
func (r *renderer) captionHeight(c string) float64 {
	if c == "" {
		return 0
	}
	return captionSize*ptMM*lineSpacing + 1
}

// caption draws a caption at r.y; the caller has made room for it.
func (r *renderer) caption(c string) {
	if c == "" {
		return
	}
	save := r.size
	r.setFont(captionSize)
	r.boldText(marginX, r.y, contentW, fitLine(c, contentW, r.measure))
	r.y += r.lineH() + 1
	r.setFont(save)
}

// fitLine shortens s with "…" until it fits width.
func fitLine(s string, width float64, measure func(string) float64) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if measure(s) <= width {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := string(rs[:n]) + "…"
		if measure(t) <= width {
			return t
		}
	}
	return "…"
}

func (r *renderer) replacedList(l *report.ReplacedList) {
	tr := func(ja, en string) string {
		if r.en() {
			return en
		}
		return ja
	}
	t := &report.Table{Caption: l.Caption, Empty: l.Empty, Columns: []report.Column{{Title: tr("符号位置", "Code point"), Width: 1}, {Title: tr("理由", "Why"), Width: 1.3}, {Title: tr("場所", "Where"), Width: 4}}}
	for _, rp := range r.replacements {
		why := tr("フォントに字形がない", "no glyph in the font")
		if rp.Rune > 0xFFFF {
			why = tr("基本多言語面(BMP)外", "outside the BMP")
		} else if rp.Rune < 0x20 || (rp.Rune >= 0x7F && rp.Rune < 0xA0) {
			why = tr("制御文字", "control character")
		}
		t.Rows = append(t.Rows, report.Row{Cells: []string{fmt.Sprintf("U+%04X", rp.Rune), why, r.san.quiet(rp.Where)}})
	}
	r.table(t)
}
