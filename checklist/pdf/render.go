package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismapcheck/ismapcheck/checklist/report"
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

// en reports whether the report is in English (Meta.Lang), for the few
// texts the renderer writes itself.
func (r *renderer) en() bool { return r.rep.Meta.Lang == "en" }
