package pdfatest

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The metadata clauses: 6.6.2.1 the XMP stream, 6.6.4 PDF/A identification,
// and the Info dictionary's agreement with the XMP.

// metadata checks the XMP stream and its agreement with the Info dictionary.
func (c *checker) metadata(cat types.Dict) {
	sd, _, err := c.xr.DereferenceStreamDict(cat["Metadata"])
	if err != nil || sd == nil {
		c.fail(ClauseMetadata, "the catalogue has no /Metadata stream")
		return
	}
	if t, st := sd.Type(), sd.Subtype(); t == nil || *t != "Metadata" || st == nil || *st != "XML" {
		c.fail(ClauseMetadata, "/Metadata is not /Type /Metadata /Subtype /XML")
	}
	if _, ok := sd.Find("Filter"); ok {
		c.fail(ClauseMetadata, "the metadata stream is filtered")
	}
	if err := sd.Decode(); err != nil {
		c.fail(ClauseMetadata, "metadata: %v", err)
		return
	}
	x := sd.Content
	head := x
	if i := bytes.Index(x, []byte("?>")); i >= 0 {
		head = x[:i]
	}
	if !bytes.HasPrefix(x, []byte("<?xpacket begin=")) || !bytes.Contains(head, []byte(`id="W5M0MpCehiHzreSzNTczkc9d"`)) {
		c.fail(ClauseMetadata, "the XMP does not start with a standard xpacket header")
	}
	if bytes.Contains(head, []byte("bytes=")) || bytes.Contains(head, []byte("encoding=")) {
		c.fail(ClauseMetadata, "the xpacket header has a bytes or encoding attribute")
	}
	props, err := xmpProps(x)
	if err != nil {
		c.fail(ClauseMetadata, "the XMP is not well-formed: %v", err)
		return
	}
	if props["pdfaid:part"] != "3" || props["pdfaid:conformance"] != "B" {
		c.fail(ClauseMetadata, "pdfaid:part %q, conformance %q; want 3 and B", props["pdfaid:part"], props["pdfaid:conformance"])
	}
	info, _ := c.xr.DereferenceDict(*c.xr.Info)
	if c.xr.Info == nil || info == nil {
		return
	}
	pairs := []struct{ info, xmp string }{
		{"Title", "dc:title"}, {"Author", "dc:creator"}, {"Subject", "dc:description"}, {"Keywords", "pdf:Keywords"},
		{"Creator", "xmp:CreatorTool"}, {"Producer", "pdf:Producer"}, {"CreationDate", "xmp:CreateDate"}, {"ModDate", "xmp:ModifyDate"},
	}
	for _, p := range pairs {
		o, ok := info[p.info]
		if !ok {
			continue
		}
		v, err := c.xr.DereferenceText(o)
		if err != nil {
			c.fail(ClauseInfoXMP, "Info /%s: %v", p.info, err)
			continue
		}
		got, ok := props[p.xmp]
		if !ok {
			c.fail(ClauseInfoXMP, "Info /%s has no %s in the XMP", p.info, p.xmp)
			continue
		}
		if strings.HasSuffix(p.info, "Date") {
			if !sameDate(v, got) {
				c.fail(ClauseInfoXMP, "Info /%s %q is not the same instant as %s %q", p.info, v, p.xmp, got)
			}
			continue
		}
		if v != got {
			c.fail(ClauseInfoXMP, "Info /%s %q differs from %s %q", p.info, v, p.xmp, got)
		}
	}
}

// xmpProps flattens the XMP's simple properties and the single entry of
// its Alt/Seq/Bag arrays into prefix:name → value.
func xmpProps(x []byte) (map[string]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(x))
	prefixes := map[string]string{
		"http://purl.org/dc/elements/1.1/": "dc", "http://ns.adobe.com/xap/1.0/": "xmp",
		"http://ns.adobe.com/pdf/1.3/": "pdf", "http://www.aiim.org/pdfa/ns/id/": "pdfaid",
	}
	props := map[string]string{}
	var stack []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return props, nil
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Space+" "+t.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			// The property is the nearest ancestor in a known schema.
			name := ""
			if p, ok := prefixes[t.Name.Space]; ok {
				name = p + ":" + t.Name.Local
			} else {
				for i := len(stack) - 1; i >= 0; i-- {
					sp, local, _ := strings.Cut(stack[i], " ")
					if p, ok := prefixes[sp]; ok {
						name = p + ":" + local
						break
					}
				}
			}
			if name != "" && strings.TrimSpace(text.String()) != "" {
				if _, seen := props[name]; !seen {
					props[name] = text.String()
				}
			}
			text.Reset()
		}
	}
}

// sameDate compares a PDF date (D:YYYYMMDDHHmmSS+HH'mm') with an XMP date.
func sameDate(pdfDate, xmpDate string) bool {
	p, ok := types.DateTime(pdfDate, false)
	if !ok {
		return false
	}
	for _, layout := range []string{"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05"} {
		if x, err := parseTime(layout, xmpDate); err == nil {
			return x.Equal(p)
		}
	}
	return false
}
