package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"io"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry of A4 portrait, in millimetres.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginX      = 15.0
	contentTop   = 18.0
	contentBot   = 284.0
	contentW     = pageW - 2*marginX
	ptMM         = 25.4 / 72
	bodySize     = 9.5
	tableSize    = 8.0
	lineSpacing  = 1.45 // line height as a multiple of the font size
	cellPadX     = 1.2
	cellPadY     = 0.9
	fontFamily   = "ipaexg"
	pageNumAlias = "{nb}"
)

// ErrNoDate is returned when Report.Meta.Date is zero: the renderer
// never reads the clock, so the same report renders to the same bytes.
var ErrNoDate = errors.New("pdf: report date not set")

// Render draws rep as an A4 PDF onto w. The same rep and options give the
// same bytes. It returns where each section starts and which characters
// had to be replaced. A font that cannot be used gives an error wrapping
// ErrFont.
func Render(w io.Writer, rep report.Report, opt Options) (Layout, error) {
	glyphs, err := parseCmap(opt.FontTTF)
	if err != nil {
		return Layout{}, err
	}
	if rep.Meta.Date.IsZero() {
		return Layout{}, ErrNoDate
	}
	if err := checkICC(opt.ICCProfile); err != nil {
		return Layout{}, err
	}
	san := newSanitizer(glyphs)
	rep = san.report(rep)
	r := &renderer{rep: rep, replacements: san.list, san: san}
	data, err := r.render(opt.FontTTF)
	if err != nil {
		return Layout{}, err
	}
	// Always: the update also writes the PDF/A catalogue, dates and /ID.
	data, err = AppendAttachments(data, rep.Attachments, opt.ICCProfile)
	if err != nil {
		return Layout{}, err
	}
	if _, err := w.Write(data); err != nil {
		return Layout{}, fmt.Errorf("writing the PDF: %w", err)
	}
	return Layout{Pages: r.pages, Sections: r.sections, Replacements: san.list}, nil
}

type renderer struct {
	rep          report.Report
	replacements []Replacement
	san          *sanitizer
	f            *fpdf.Fpdf
	y            float64 // top of the next thing to draw
	size         float64 // current font size in points
	sections     []SectionPage
	pages        int
	events       []rowEvent // every table row chunk drawn, for tests
}

// rowEvent records a table row (or part of one) drawn on a page.
type rowEvent struct {
	page   int
	header bool
	top    float64
}

func (r *renderer) render(ttf []byte) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			// fpdf panics on some malformed fonts and text; never on ours,
			// but a user's --font must not crash the tool.
			err = fmt.Errorf("%w: the PDF library failed: %v", ErrFont, p)
		}
	}()
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	r.f = f
	m := r.rep.Meta
	f.SetCompression(true)
	f.SetCatalogSort(true)
	// UTC: fpdf writes the clock without a zone, the update adds Z.
	f.SetCreationDate(m.Date.UTC())
	f.SetModificationDate(m.Date.UTC())
	f.SetTitle(m.Title, true)
	f.SetAuthor(m.Author, true)
	f.SetSubject(m.Subject, true)
	f.SetKeywords(m.Keywords, true)
	f.SetCreator(m.Creator, true)
	f.SetProducer(producer, true)
	// PDF/A-3b (ISO 19005-3): XMP metadata agreeing with the Info
	// dictionary (6.6). The output intent is added by AppendAttachments:
	// fpdf v0.12.0 writes its profile stream between the Info dictionary
	// and the catalogue, and its trailer then names the profile as /Info.
	f.SetXmpMetadata(xmpPacket(m))
	if m.Lang != "" {
		f.SetLang(m.Lang)
	}
	f.SetDisplayMode("fullwidth", "continuous")
	f.SetMargins(marginX, contentTop, marginX)
	f.SetAutoPageBreak(false, 0)
	f.AliasNbPages(pageNumAlias)
	f.AddUTF8FontFromBytes(fontFamily, "", ttf)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	f.SetHeaderFuncMode(r.header, false)
	f.SetFooterFunc(r.footer)
	r.setFont(bodySize)
	for _, sec := range r.rep.Sections {
		r.section(sec)
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("rendering section %q: %w", sec.Title, err)
		}
	}
	if f.PageNo() == 0 {
		r.newPage()
	}
	r.pages = f.PageNo()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("rendering the PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// setFont selects the Japanese font at size points.
func (r *renderer) setFont(size float64) {
	r.f.SetFont(fontFamily, "", size)
	r.size = size
}

func (r *renderer) lineH() float64 { return r.size * ptMM * lineSpacing }

func (r *renderer) measure(s string) float64 { return r.f.GetStringWidth(s) }

// text draws one line whose box starts at top y, aligned within [x, x+w].
func (r *renderer) text(x, y, w float64, s string, align report.Align) {
	if s == "" {
		return
	}
	switch align {
	case report.AlignCenter:
		x += (w - r.measure(s)) / 2
	case report.AlignRight:
		x += w - r.measure(s)
	}
	// Baseline: centre the em box in the line box; IPAex's ascent is 0.88 em.
	lh := r.lineH()
	em := r.size * ptMM
	r.f.Text(x, y+(lh-em)/2+0.88*em, s)
}

func (r *renderer) header() {
	f := r.f
	save := r.size
	if r.rep.Watermark != "" {
		r.watermark()
	}
	r.setFont(7.5)
	f.SetTextColor(90, 90, 90)
	r.text(marginX, 8, contentW/2, r.rep.HeaderLeft, report.AlignLeft)
	r.text(marginX+contentW/2, 8, contentW/2, r.rep.HeaderRight, report.AlignRight)
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(marginX, 13, pageW-marginX, 13)
	f.SetTextColor(0, 0, 0)
	r.setFont(save)
}

// watermark draws the draft mark of the page: large light text rotated
// across the middle (drawn first, so the content covers it where it is
// filled) and a framed stamp in the footer. No transparency, which PDF/A-1
// forbids.
func (r *renderer) watermark() {
	f := r.f
	w := r.rep.Watermark
	r.setFont(72)
	f.SetTextColor(248, 212, 208)
	f.TransformBegin()
	f.TransformRotate(45, pageW/2, pageH/2)
	r.text(0, pageH/2-r.lineH()/2, pageW, w, report.AlignCenter)
	f.TransformEnd()
	// The stamp sits in the footer just left of the page number, where
	// neither the header texts nor the footer's tool and date reach.
	r.setFont(9)
	sw := r.measure(w) + 4
	x := pageW - marginX - 22 - 4 - sw
	f.SetDrawColor(192, 0, 0)
	f.SetLineWidth(0.5)
	f.Rect(x, 288, sw, r.lineH()+0.6, "D")
	f.SetTextColor(192, 0, 0)
	r.text(x, 288.3, sw, w, report.AlignCenter)
	f.SetTextColor(0, 0, 0)
}

func (r *renderer) footer() {
	f := r.f
	save := r.size
	r.setFont(7.5)
	f.SetTextColor(90, 90, 90)
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(marginX, 287, pageW-marginX, 287)
	r.text(marginX, 288.5, contentW-30, r.rep.FooterLeft, report.AlignLeft)
	// The alias is replaced by the page count at Output; its final width
	// is unknown here, so the number starts at a fixed place.
	r.text(pageW-marginX-22, 288.5, 22, fmt.Sprintf("%d / %s", f.PageNo(), pageNumAlias), report.AlignLeft)
	f.SetTextColor(0, 0, 0)
	r.setFont(save)
}

func (r *renderer) newPage() {
	r.f.AddPage()
	r.y = contentTop
}

// room is the height left on the current page.
func (r *renderer) room() float64 { return contentBot - r.y }

// ensure starts a new page unless h millimetres fit on this one.
func (r *renderer) ensure(h float64) {
	if r.f.PageNo() == 0 || r.y+h > contentBot {
		r.newPage()
	}
}

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

// ContinuedMark follows the first cell of a table row continued from the
// previous page; ContinuedMarkEN in an English report (Meta.Lang "en").
const (
	ContinuedMark   = "（続き）"
	ContinuedMarkEN = "(cont.)"
)

// en reports whether the report is in English (Meta.Lang), for the few
// texts the renderer writes itself.
func (r *renderer) en() bool { return r.rep.Meta.Lang == "en" }

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

func (r *renderer) barChart(c *report.BarChart) {
	f := r.f
	r.setFont(7.5)
	lh := r.lineH()
	const labelW, numW, barH, gap = 62.0, 14.0, 4.2, 1.6
	barW := contentW - labelW - numW
	maxTotal := 0
	for _, b := range c.Bars {
		t := 0
		for _, v := range b.Values {
			t += v
		}
		maxTotal = max(maxTotal, t)
	}
	// Keep the chart on one page when it fits on one.
	r.ensure(r.captionHeight(c.Caption) + lh + 1.5 + (barH+gap)*float64(len(c.Bars)))
	r.caption(c.Caption)
	r.setFont(7.5)
	// Legend.
	x := marginX + labelW
	for i, s := range c.Series {
		col := seriesColor(c.Series, i)
		f.SetFillColor(int(col.R), int(col.G), int(col.B))
		f.SetDrawColor(120, 120, 120)
		f.SetLineWidth(0.1)
		f.Rect(x, r.y+(lh-2.8)/2, 2.8, 2.8, "FD")
		r.text(x+3.6, r.y, 40, s.Label, report.AlignLeft)
		x += 3.6 + r.measure(s.Label) + 5
	}
	r.y += lh + 1.5
	for _, b := range c.Bars {
		r.ensure(barH + gap)
		label := fitLine(b.Label, labelW-2, r.measure)
		r.text(marginX, r.y+(barH-lh)/2, labelW-2, label, report.AlignLeft)
		bx := marginX + labelW
		total := 0
		for i, v := range b.Values {
			if v <= 0 || maxTotal == 0 {
				continue
			}
			w := float64(v) / float64(maxTotal) * barW
			col := seriesColor(c.Series, i)
			f.SetFillColor(int(col.R), int(col.G), int(col.B))
			f.Rect(bx, r.y, w, barH, "F")
			bx += w
			total += v
		}
		f.SetDrawColor(120, 120, 120)
		f.SetLineWidth(0.1)
		if maxTotal > 0 {
			f.Rect(marginX+labelW, r.y, float64(total)/float64(maxTotal)*barW, barH, "D")
		}
		r.text(bx+1.5, r.y+(barH-lh)/2, numW, fmt.Sprint(total), report.AlignLeft)
		r.y += barH + gap
	}
	// Axis.
	f.SetDrawColor(80, 80, 80)
	f.SetLineWidth(0.2)
	f.Line(marginX+labelW, r.y-gap, marginX+labelW, r.y-gap-float64(len(c.Bars))*(barH+gap)+gap)
	r.y += 2
}

func seriesColor(s []report.Series, i int) report.Color {
	if i < len(s) && !s[i].Color.IsZero() {
		return s[i].Color
	}
	return report.Color{R: 150, G: 150, B: 150}
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

func (r *renderer) signOff(s *report.SignOff) {
	f := r.f
	r.setFont(bodySize)
	lh := r.lineH()
	const fieldH, sealW = 12.0, 32.0
	noteLines := wrapText(s.Note, contentW-6-sealW-4, r.measure)
	if s.Note == "" {
		noteLines = nil
	}
	h := 4 + lh + float64(len(noteLines))*lh + 2 + float64(len(s.Fields))*fieldH + 2
	h = math.Max(h, 4+lh+sealW+6)
	r.ensure(h)
	top := r.y
	f.SetDrawColor(60, 60, 60)
	f.SetLineWidth(0.4)
	f.Rect(marginX, top, contentW, h, "D")
	r.boldText(marginX+3, top+2, contentW-6, s.Title)
	y := top + 2 + lh + 1
	for _, l := range noteLines {
		r.text(marginX+3, y, contentW-6-sealW-4, l, report.AlignLeft)
		y += lh
	}
	y += 1
	sealX := pageW - marginX - 3 - sealW
	f.SetLineWidth(0.2)
	for _, fld := range s.Fields {
		r.text(marginX+3, y+fieldH-lh-1.5, 40, fld, report.AlignLeft)
		lx := marginX + 3 + math.Max(r.measure(fld)+3, 28)
		f.Line(lx, y+fieldH-1.5, sealX-4, y+fieldH-1.5)
		y += fieldH
	}
	// Seal space.
	sy := top + 2 + lh + 2
	f.SetDrawColor(120, 120, 120)
	f.SetDashPattern([]float64{1, 1}, 0)
	f.Rect(sealX, sy, sealW, sealW, "D")
	f.SetDashPattern(nil, 0)
	f.SetTextColor(150, 150, 150)
	r.text(sealX, sy+sealW/2-lh/2, sealW, s.Seal, report.AlignCenter)
	f.SetTextColor(0, 0, 0)
	r.y = top + h + 3
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
