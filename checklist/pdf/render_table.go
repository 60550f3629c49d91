package pdf

import (
	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// Tables: the column layout, where a table breaks across pages, and the
// drawing of a row.

// ContinuedMark follows the first cell of a table row continued from the
// previous page; ContinuedMarkEN in an English report (Meta.Lang "en").
const (
	ContinuedMark   = "（続き）"
	ContinuedMarkEN = "(cont.)"
)

// tableRow is a row wrapped into lines per cell.
type tableRow struct {
	cells [][]string
	lines int
	fill  report.Color
}

func (r *renderer) wrapRow(cells []string, widths []float64) tableRow {
	tr := tableRow{cells: make([][]string, len(widths)), lines: 1}
	for i, w := range widths {
		s := ""
		if i < len(cells) {
			s = cells[i]
		}
		tr.cells[i] = wrapText(s, w-2*cellPadX, r.measure)
		if len(tr.cells[i]) > tr.lines {
			tr.lines = len(tr.cells[i])
		}
	}
	return tr
}

func (r *renderer) table(t *report.Table) {
	f := r.f
	if len(t.Rows) == 0 {
		if t.Empty != "" {
			r.setFont(bodySize)
			r.ensure(r.captionHeight(t.Caption) + r.lineH())
			r.caption(t.Caption)
			r.paragraph(&report.Paragraph{Text: t.Empty})
		}
		return
	}
	size := t.Size
	if size == 0 {
		size = tableSize
	}
	r.setFont(size)
	lh := r.lineH()
	if len(t.Columns) == 0 {
		return
	}
	total := 0.0
	for _, c := range t.Columns {
		total += max(c.Width, 0)
	}
	widths := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		if total > 0 {
			widths[i] = max(c.Width, 0) / total * contentW
		} else {
			widths[i] = contentW / float64(len(t.Columns))
		}
	}
	aligns := make([]report.Align, len(t.Columns))
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		aligns[i] = c.Align
		titles[i] = c.Title
	}
	var head tableRow
	headH := 0.0
	if !t.NoHeader {
		head = r.wrapRow(titles, widths)
		head.fill = report.Color{R: 225, G: 230, B: 238}
		headH = float64(head.lines)*lh + 2*cellPadY
	}
	drawHead := func() {
		if !t.NoHeader {
			r.drawRowChunk(head, 0, head.lines, widths, nil)
		}
	}
	rowH := func(lines int) float64 { return float64(lines)*lh + 2*cellPadY }
	// A page holds this many lines of a row under the header.
	pageLines := int((contentBot - contentTop - headH - 2*cellPadY) / lh)
	started := false
	for _, row := range t.Rows {
		tr := r.wrapRow(row.Cells, widths)
		tr.fill = row.Fill
		h := rowH(tr.lines)
		if !started {
			// Never leave the header alone at a page bottom: it goes with
			// the first row, or with a few lines of it.
			first := h
			if tr.lines > 3 {
				first = rowH(3)
			}
			capH := r.captionHeight(t.Caption)
			r.ensure(capH + headH + first)
			r.caption(t.Caption)
			r.setFont(size)
			drawHead()
			started = true
		}
		if r.y+h <= contentBot {
			r.drawRowChunk(tr, 0, tr.lines, widths, aligns)
			continue
		}
		if tr.lines <= pageLines/3 {
			r.newPage()
			drawHead()
			r.drawRowChunk(tr, 0, tr.lines, widths, aligns)
			continue
		}
		// A tall row: split it across pages, repeating the header.
		for from := 0; from < tr.lines; {
			n := int((r.room() - 2*cellPadY) / lh)
			if n < 2 && n < tr.lines-from {
				r.newPage()
				drawHead()
				continue
			}
			if n > tr.lines-from {
				n = tr.lines - from
			}
			r.drawRowChunk(tr, from, from+n, widths, aligns)
			from += n
			if from < tr.lines {
				r.newPage()
				drawHead()
			}
		}
	}
	f.SetTextColor(0, 0, 0)
	r.y += 2
}

// drawRowChunk draws lines [from, to) of every cell of a row at r.y and
// moves r.y below it. A nil aligns means a header row.
func (r *renderer) drawRowChunk(tr tableRow, from, to int, widths []float64, aligns []report.Align) {
	f := r.f
	r.events = append(r.events, rowEvent{page: f.PageNo(), header: aligns == nil, top: r.y})
	lh := r.lineH()
	h := float64(to-from)*lh + 2*cellPadY
	x := marginX
	f.SetDrawColor(140, 140, 140)
	f.SetLineWidth(0.2)
	for i, w := range widths {
		style := "D"
		if !tr.fill.IsZero() {
			f.SetFillColor(int(tr.fill.R), int(tr.fill.G), int(tr.fill.B))
			style = "FD"
		}
		f.Rect(x, r.y, w, h, style)
		align := report.AlignLeft
		if aligns == nil {
			align = report.AlignCenter
		} else if i < len(aligns) {
			align = aligns[i]
		}
		lines := tr.cells[i]
		for k := from; k < to && k < len(lines); k++ {
			r.text(x+cellPadX, r.y+cellPadY+float64(k-from)*lh, w-2*cellPadX, lines[k], align)
		}
		if i == 0 && aligns != nil && from > 0 && from >= len(lines) && len(lines) > 0 && lines[0] != "" {
			// A row continued from the previous page: say whose row it is.
			f.SetTextColor(110, 110, 110)
			r.text(x+cellPadX, r.y+cellPadY, w-2*cellPadX, lines[0], align)
			if to-from > 1 {
				mark := ContinuedMark
				if r.en() {
					mark = ContinuedMarkEN
				}
				r.text(x+cellPadX, r.y+cellPadY+lh, w-2*cellPadX, mark, align)
			}
			f.SetTextColor(0, 0, 0)
		}
		x += w
	}
	r.y += h
}
