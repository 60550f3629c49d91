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

// table draws t: its caption and header row, then each row where the page
// breaks allow (placeRow), with the header repeated on every new page.
func (r *renderer) table(t *report.Table) {
	if len(t.Rows) == 0 {
		if t.Empty != "" {
			r.setFont(bodySize)
			r.ensure(r.captionHeight(t.Caption) + r.lineH())
			r.caption(t.Caption)
			r.paragraph(&report.Paragraph{Text: t.Empty})
		}
		return
	}
	g, ok := r.newTableGrid(t)
	if !ok {
		return
	}
	for i, row := range t.Rows {
		tr := r.wrapRow(row.Cells, g.widths)
		tr.fill = row.Fill
		if i == 0 {
			r.startTable(g, tr)
		}
		r.placeRow(g, tr)
	}
	r.f.SetTextColor(0, 0, 0)
	r.y += 2
}

// tableGrid is a table's layout at its font size: column widths and
// alignments, the header row wrapped into lines, and the heights the page
// breaks are computed from.
type tableGrid struct {
	caption   string
	size      float64 // font size in points
	lh        float64 // line height at size
	widths    []float64
	aligns    []report.Align
	noHeader  bool
	head      tableRow
	headH     float64
	pageLines int // the lines of a row a page holds under the header
}

// newTableGrid sets the table's font and lays out its columns; ok is false
// for a table without columns (nothing is drawn).
func (r *renderer) newTableGrid(t *report.Table) (g tableGrid, ok bool) {
	g.caption, g.noHeader = t.Caption, t.NoHeader
	g.size = t.Size
	if g.size == 0 {
		g.size = tableSize
	}
	r.setFont(g.size)
	g.lh = r.lineH()
	if len(t.Columns) == 0 {
		return g, false
	}
	g.widths = columnWidths(t.Columns)
	g.aligns = make([]report.Align, len(t.Columns))
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		g.aligns[i] = c.Align
		titles[i] = c.Title
	}
	if !g.noHeader {
		g.head = r.wrapRow(titles, g.widths)
		g.head.fill = report.Color{R: 225, G: 230, B: 238}
		g.headH = float64(g.head.lines)*g.lh + 2*cellPadY
	}
	g.pageLines = int((contentBot - contentTop - g.headH - 2*cellPadY) / g.lh)
	return g, true
}

// columnWidths shares the content width among the columns in proportion
// to their relative widths (negative counts as 0), or equally when none
// is given.
func columnWidths(cols []report.Column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += max(c.Width, 0)
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		if total > 0 {
			widths[i] = max(c.Width, 0) / total * contentW
		} else {
			widths[i] = contentW / float64(len(cols))
		}
	}
	return widths
}

// rowH is the height of a row of the given number of lines.
func (g tableGrid) rowH(lines int) float64 { return float64(lines)*g.lh + 2*cellPadY }

// startTable draws the caption and the header before the first row tr.
// It never leaves the header alone at a page bottom: the header goes with
// the first row, or with a few lines of it.
func (r *renderer) startTable(g tableGrid, tr tableRow) {
	first := g.rowH(tr.lines)
	if tr.lines > 3 {
		first = g.rowH(3)
	}
	capH := r.captionHeight(g.caption)
	r.ensure(capH + g.headH + first)
	r.caption(g.caption)
	r.setFont(g.size)
	r.drawHead(g)
}

// placeRow draws row tr where it fits: on this page; whole on a new page
// when it is short (at most a third of a page); else split across pages.
func (r *renderer) placeRow(g tableGrid, tr tableRow) {
	if r.y+g.rowH(tr.lines) <= contentBot {
		r.drawRowChunk(tr, 0, tr.lines, g.widths, g.aligns)
		return
	}
	if tr.lines <= g.pageLines/3 {
		r.newPage()
		r.drawHead(g)
		r.drawRowChunk(tr, 0, tr.lines, g.widths, g.aligns)
		return
	}
	r.splitRow(g, tr)
}

// splitRow draws a tall row across pages, as many lines on each as fit,
// repeating the header on every new page. A page that has room for fewer
// than two lines (and not for the rest of the row) is left for the next.
func (r *renderer) splitRow(g tableGrid, tr tableRow) {
	for from := 0; from < tr.lines; {
		n := int((r.room() - 2*cellPadY) / g.lh)
		if n < 2 && n < tr.lines-from {
			r.newPage()
			r.drawHead(g)
			continue
		}
		if n > tr.lines-from {
			n = tr.lines - from
		}
		r.drawRowChunk(tr, from, from+n, g.widths, g.aligns)
		from += n
		if from < tr.lines {
			r.newPage()
			r.drawHead(g)
		}
	}
}

// drawHead draws the header row at r.y, if the table has one.
func (r *renderer) drawHead(g tableGrid) {
	if !g.noHeader {
		r.drawRowChunk(g.head, 0, g.head.lines, g.widths, nil)
	}
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
