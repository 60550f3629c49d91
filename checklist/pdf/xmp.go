package pdf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// producer is the PDF producer, in the Info dictionary and the XMP.
const producer = "codeberg.org/go-pdf/fpdf"

// outputCondition names the output intent's colour space.
const outputCondition = "sRGB IEC61966-2.1"

// ErrProfile is returned when Options.ICCProfile is not an RGB ICC profile.
var ErrProfile = errors.New("pdf: the output intent needs an RGB ICC profile")

// checkICC accepts an ICC profile (signature "acsp" at 36) whose data
// colour space is RGB (at 16): the output intent's profile must match
// the DeviceRGB the report draws with (ISO 19005-3, 6.2.4.3).
func checkICC(icc []byte) error {
	if len(icc) < 128 || string(icc[36:40]) != "acsp" {
		return fmt.Errorf("%w: not an ICC profile", ErrProfile)
	}
	if string(icc[16:20]) != "RGB " {
		return fmt.Errorf("%w: colour space %q", ErrProfile, icc[16:20])
	}
	return nil
}

// xmpPacket is the document's XMP metadata (ISO 19005-3, 6.6.2.1): the
// PDF/A identification (6.6.4: part 3, conformance B) and, for every entry the
// Info dictionary has, its XMP property with the same value — Title as
// dc:title, Author as dc:creator, Subject as dc:description, Keywords as
// pdf:Keywords, Creator as xmp:CreatorTool, Producer as pdf:Producer,
// the dates as xmp:CreateDate and xmp:ModifyDate (UTC, like the Info
// dates). UTF-8, no bytes or encoding attribute in the packet header
// (6.6.2.1), no padding, so it is deterministic. m holds sanitised text
// (no control characters), which XML can carry.
func xmpPacket(m report.Meta) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	date := m.Date.UTC().Format("2006-01-02T15:04:05Z")
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
	b.WriteString(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("  <rdf:Description rdf:about=\"\"\n")
	b.WriteString("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n")
	b.WriteString("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n")
	b.WriteString("    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n")
	b.WriteString("    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n")
	b.WriteString("   <pdfaid:part>3</pdfaid:part>\n")
	b.WriteString("   <pdfaid:conformance>B</pdfaid:conformance>\n")
	b.WriteString("   <dc:format>application/pdf</dc:format>\n")
	if m.Title != "" {
		fmt.Fprintf(&b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(m.Title))
	}
	if m.Author != "" {
		fmt.Fprintf(&b, "   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(m.Author))
	}
	if m.Subject != "" {
		fmt.Fprintf(&b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(m.Subject))
	}
	if m.Lang != "" {
		fmt.Fprintf(&b, "   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(m.Lang))
	}
	if m.Keywords != "" {
		fmt.Fprintf(&b, "   <pdf:Keywords>%s</pdf:Keywords>\n", esc(m.Keywords))
	}
	fmt.Fprintf(&b, "   <pdf:Producer>%s</pdf:Producer>\n", esc(producer))
	if m.Creator != "" {
		fmt.Fprintf(&b, "   <xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(m.Creator))
	}
	fmt.Fprintf(&b, "   <xmp:CreateDate>%s</xmp:CreateDate>\n", date)
	fmt.Fprintf(&b, "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n", date)
	fmt.Fprintf(&b, "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n", date)
	b.WriteString("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}
