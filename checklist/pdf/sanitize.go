package pdf

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// replacementRune stands in for a character the font cannot show (ゲタ).
const replacementRune = '〓'

// sanitizer replaces runes fpdf or the font cannot draw and records them.
// fpdf panics at Output on any rune outside the BMP (its UTF-16 code has
// no surrogate pairs), and a rune without a glyph prints as tofu.
type sanitizer struct {
	glyphs *glyphSet
	repl   rune
	seen   map[Replacement]bool
	list   []Replacement
}

func newSanitizer(g *glyphSet) *sanitizer {
	s := &sanitizer{glyphs: g, repl: replacementRune, seen: map[Replacement]bool{}}
	if !g.has(replacementRune) {
		s.repl = '?'
	}
	return s
}

// ok reports whether r can be drawn as it is.
func (s *sanitizer) ok(r rune) bool {
	switch {
	case r == '\n' || r == ' ':
		return true
	case r < 0x20 || (r >= 0x7F && r < 0xA0):
		return false
	}
	return r <= 0xFFFF && s.glyphs.has(r)
}

// quiet replaces like clean but records nothing: for the "where" labels.
func (s *sanitizer) quiet(text string) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(text, "\r\n", "\n") {
		switch {
		case r == '\t' || r == '\r' || r == '\n':
			b.WriteRune(' ')
		case s.ok(r):
			b.WriteRune(r)
		default:
			b.WriteRune(s.repl)
		}
	}
	return b.String()
}

// clean returns text with tabs as spaces and every other rune that cannot
// be shown replaced, recording each one with where.
func (s *sanitizer) clean(text, where string) string {
	clean := true
	for _, r := range text {
		if !s.ok(r) {
			clean = false
			break
		}
	}
	if clean {
		return text
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case r == '\t':
			b.WriteRune(' ')
		case r == '\r':
			b.WriteRune('\n')
		case s.ok(r):
			b.WriteRune(r)
		default:
			rp := Replacement{Rune: r, Where: where}
			if !s.seen[rp] {
				s.seen[rp] = true
				s.list = append(s.list, rp)
			}
			b.WriteRune(s.repl)
		}
	}
	return b.String()
}

// report returns a copy of rep whose strings are all drawable.
func (s *sanitizer) report(rep report.Report) report.Report {
	out := rep
	meta, hf, rowN := "文書情報", "ヘッダー・フッター", "%d行目"
	if rep.Meta.Lang == "en" {
		meta, hf, rowN = "document information", "header and footer", "row %d"
	}
	out.Meta.Title = s.clean(rep.Meta.Title, meta)
	out.Meta.Author = s.clean(rep.Meta.Author, meta)
	out.Meta.Subject = s.clean(rep.Meta.Subject, meta)
	out.Meta.Keywords = s.clean(rep.Meta.Keywords, meta)
	out.Meta.Creator = s.clean(rep.Meta.Creator, meta)
	out.HeaderLeft = s.clean(rep.HeaderLeft, hf)
	out.HeaderRight = s.clean(rep.HeaderRight, hf)
	out.FooterLeft = s.clean(rep.FooterLeft, hf)
	out.Watermark = s.clean(rep.Watermark, hf)
	out.Sections = make([]report.Section, len(rep.Sections))
	for i, sec := range rep.Sections {
		where := s.quiet(sec.Title)
		sec.Title = s.clean(sec.Title, where)
		blocks := make([]report.Block, len(sec.Blocks))
		for j, b := range sec.Blocks {
			blocks[j] = s.block(b, where, rowN)
		}
		sec.Blocks = blocks
		out.Sections[i] = sec
	}
	return out
}

func (s *sanitizer) block(b report.Block, where, rowN string) report.Block {
	switch b := b.(type) {
	case *report.Paragraph:
		c := *b
		c.Text = s.clean(b.Text, where)
		return &c
	case *report.Table:
		c := *b
		c.Empty = s.clean(b.Empty, where)
		c.Caption = s.clean(b.Caption, where)
		c.Columns = make([]report.Column, len(b.Columns))
		for i, col := range b.Columns {
			col.Title = s.clean(col.Title, where)
			c.Columns[i] = col
		}
		c.Rows = make([]report.Row, len(b.Rows))
		for i, row := range b.Rows {
			ref := row.Ref
			if ref == "" && len(row.Cells) > 0 {
				ref = row.Cells[0]
			}
			if ref == "" {
				ref = fmt.Sprintf(rowN, i+1)
			}
			w := where + " / " + s.quiet(shorten(ref, 40))
			cells := make([]string, len(row.Cells))
			for k, cell := range row.Cells {
				cells[k] = s.clean(cell, w)
			}
			row.Cells = cells
			row.Ref = s.clean(row.Ref, w)
			c.Rows[i] = row
		}
		return &c
	case *report.BarChart:
		c := *b
		c.Caption = s.clean(b.Caption, where)
		c.Series = make([]report.Series, len(b.Series))
		for i, x := range b.Series {
			x.Label = s.clean(x.Label, where)
			c.Series[i] = x
		}
		c.Bars = make([]report.Bar, len(b.Bars))
		for i, x := range b.Bars {
			x.Label = s.clean(x.Label, where)
			c.Bars[i] = x
		}
		return &c
	case *report.SignOff:
		c := *b
		c.Title = s.clean(b.Title, where)
		c.Note = s.clean(b.Note, where)
		c.Seal = s.clean(b.Seal, where)
		c.Fields = make([]string, len(b.Fields))
		for i, f := range b.Fields {
			c.Fields[i] = s.clean(f, where)
		}
		return &c
	case *report.ReplacedList:
		c := *b
		c.Empty = s.clean(b.Empty, where)
		c.Caption = s.clean(b.Caption, where)
		return &c
	}
	return b
}

// shorten cuts s to n runes, marking the cut.
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}
