package report

import "time"

// Report is everything the renderer draws, as plain values: Build maps the
// domain onto it, so the renderer (checklist/pdf) knows nothing of
// findings or risk decisions. Strings may hold any Unicode; runes the
// font cannot show are replaced with 〓 by the renderer and listed.
type Report struct {
	Meta Meta
	// HeaderLeft and HeaderRight are printed at the top of every page,
	// FooterLeft at the bottom left beside the page number "n / N".
	HeaderLeft  string
	HeaderRight string
	FooterLeft  string
	// Watermark, when set, marks every page as not final: a stamp in the
	// footer and large light text across the page, beneath the content
	// (e.g. "案 DRAFT" while the report is not ready for sign-off).
	Watermark string
	// Sections in page order. Each one gets a bookmark.
	Sections []Section
	// Attachments are embedded as document-level files (the EmbeddedFiles
	// name tree), byte for byte, in this order.
	Attachments []Attachment
}

// Meta is the document information dictionary.
type Meta struct {
	Title    string
	Author   string
	Subject  string
	Keywords string
	Creator  string
	// Lang is the natural language of the document (/Lang), e.g. "ja".
	Lang string
	// Date is the creation and modification date written to the file.
	// It must be set: the renderer never reads the clock.
	Date time.Time
}

// Section is one bookmarked part of the report.
type Section struct {
	// Key names the section in the renderer's layout (e.g. "summary").
	Key string
	// Title is the heading and the bookmark text.
	Title string
	// Level 0 is a top-level section, 1 a subsection (a smaller heading).
	// Bookmarks are all top-level: fpdf's nested outline items carry
	// /Count 0, which strict PDF validators reject.
	Level int
	// NewPage starts the section on a fresh page.
	NewPage bool
	// HideTitle bookmarks the section without printing a heading (a cover).
	HideTitle bool
	Blocks    []Block
}

// Block is one element of a section: *Paragraph, *Table, *BarChart,
// *SignOff, *Spacer or *ReplacedList.
type Block interface{ block() }

// Align is horizontal text alignment.
type Align int

// Alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Color is an RGB colour, 0–255 each. The zero Color means "none".
type Color struct{ R, G, B uint8 }

// IsZero reports whether c is unset.
func (c Color) IsZero() bool { return c == Color{} }

// Paragraph is wrapped text. Size is in points (0 = body size); "\n"
// starts a new line.
type Paragraph struct {
	Text  string
	Size  float64
	Align Align
	Color Color
	// Boxed draws a frame around the paragraph, filled with Fill if set.
	Boxed bool
	Fill  Color
}

// Column is one column of a table. Width is relative: the widths of a
// table are scaled to the text width.
type Column struct {
	Title string
	Width float64
	Align Align
}

// Row is one table row. Ref says where a replaced character was found
// (e.g. a requirement ID); empty means the first cell. Fill colours the
// whole row.
type Row struct {
	Cells []string
	Ref   string
	Fill  Color
}

// Table is a grid with a header row repeated on every page it spans.
// Rows taller than a page are split across pages.
type Table struct {
	// Caption is printed above the table and kept on the same page as
	// its header and first row.
	Caption string
	Columns []Column
	Rows    []Row
	// NoHeader hides the header row (a key–value list).
	NoHeader bool
	// Size is the font size in points (0 = table size).
	Size float64
	// Empty is printed instead of the table when there are no rows.
	Empty string
}

// BarChart draws one horizontal stacked bar per Bar, scaled so the
// longest bar fills the width, with a legend of the series.
type BarChart struct {
	// Caption is printed above the chart, on the same page.
	Caption string
	Series  []Series
	Bars    []Bar
}

// Series is one colour of a stacked bar.
type Series struct {
	Label string
	Color Color
}

// Bar is one bar: its label and one value per series.
type Bar struct {
	Label  string
	Values []int
}

// SignOff is a framed box for a signature: one ruled line per field and
// a square space for a seal.
type SignOff struct {
	Title  string
	Note   string
	Fields []string
	Seal   string
}

// Spacer is vertical space in millimetres.
type Spacer struct{ Height float64 }

// ReplacedList is replaced by a table of the characters that could not be
// shown, with their code points and where they were; Empty is printed
// when there were none.
type ReplacedList struct {
	Caption string
	Empty   string
}

func (*Paragraph) block()    {}
func (*Table) block()        {}
func (*BarChart) block()     {}
func (*SignOff) block()      {}
func (*Spacer) block()       {}
func (*ReplacedList) block() {}

// Attachment is a file embedded in the PDF.
type Attachment struct {
	Name        string
	Data        []byte
	Description string
	// MIME is the media type, e.g. "application/json"; without one (or
	// with one a PDF name cannot hold) it is application/octet-stream.
	MIME string
	// Relationship is how the file relates to the report (RelSource,
	// RelData, …; PDF/A-3 /AFRelationship). Empty means RelUnspecified.
	Relationship string
}

// Relationships of an attachment to the document (ISO 32000-2, 14.13;
// ISO 19005-3, 6.8: every embedded file carries one).
const (
	RelSource      = "Source"
	RelData        = "Data"
	RelAlternative = "Alternative"
	RelSupplement  = "Supplement"
	RelUnspecified = "Unspecified"
)
