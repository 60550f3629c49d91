package pdfatest

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The font and content-stream clauses: 6.2.4.3 colour operators, 6.2.11
// fonts (embedding, CIDToGIDMap, glyphs present, widths, .notdef).

// font is what the text checks need of a Type0 font.
type font struct {
	name      string
	cidToGID  []byte // nil for Identity
	widths    map[int]float64
	dw        float64
	tt        *trueType
	checkable bool
}

func (c *checker) loadFont(ref types.IndirectRef) *font {
	d, err := c.xr.DereferenceDict(ref)
	f := &font{}
	if err != nil || d == nil {
		c.fail(ClauseFontsEmbedded, "font %v is not a dictionary", ref)
		return f
	}
	f.name = fmt.Sprint(d["BaseFont"])
	st := d.Subtype()
	if st == nil || *st != "Type0" {
		// fpdf only writes Type0 fonts for UTF-8 text; a simple font is
		// checked for embedding only.
		fd, _ := c.xr.DereferenceDict(d["FontDescriptor"])
		if !embedded(fd) {
			c.fail(ClauseFontsEmbedded, "font %s (%v) has no embedded program", f.name, st)
		}
		return f
	}
	desc, _ := c.xr.DereferenceArray(d["DescendantFonts"])
	if len(desc) != 1 {
		c.fail(ClauseFontsEmbedded, "Type0 font %s has %d descendant fonts", f.name, len(desc))
		return f
	}
	cid, _ := c.xr.DereferenceDict(desc[0])
	fd, _ := c.xr.DereferenceDict(cid["FontDescriptor"])
	if !embedded(fd) {
		c.fail(ClauseFontsEmbedded, "font %s has no embedded program", f.name)
		return f
	}
	if s := cid.Subtype(); s == nil || *s != "CIDFontType2" {
		c.fail(ClauseFontsEmbedded, "font %s: descendant %v is not CIDFontType2, which this checker reads", f.name, s)
		return f
	}
	if enc := d.NameEntry("Encoding"); enc == nil || *enc != "Identity-H" {
		c.fail(ClauseFontsEmbedded, "font %s: encoding is not Identity-H, which this checker reads", f.name)
		return f
	}
	switch m := cid["CIDToGIDMap"].(type) {
	case types.Name:
		if m != "Identity" {
			c.fail(ClauseCIDToGID, "font %s: CIDToGIDMap /%s", f.name, m)
		}
	case nil:
		c.fail(ClauseCIDToGID, "font %s has no CIDToGIDMap", f.name)
		return f
	default:
		_, b, err := c.decoded(m)
		if err != nil {
			c.fail(ClauseCIDToGID, "font %s: CIDToGIDMap: %v", f.name, err)
			return f
		}
		f.cidToGID = b
	}
	_, prog, err := c.decoded(fd["FontFile2"])
	if err != nil {
		c.fail(ClauseFontsEmbedded, "font %s: FontFile2: %v", f.name, err)
		return f
	}
	tt, err := parseTrueType(prog)
	if err != nil {
		c.fail(ClauseFontsEmbedded, "font %s: the embedded program: %v", f.name, err)
		return f
	}
	f.tt = tt
	f.dw = 1000
	if dw, err := c.xr.DereferenceNumber(cid["DW"]); err == nil && cid["DW"] != nil {
		f.dw = dw
	}
	f.widths = map[int]float64{}
	w, _ := c.xr.DereferenceArray(cid["W"])
	num := func(o types.Object) (float64, bool) {
		v, err := c.xr.DereferenceNumber(o)
		return v, err == nil
	}
	for i := 0; i < len(w); {
		first, ok := num(w[i])
		if !ok || i+1 >= len(w) {
			c.fail(ClauseWidths, "font %s: malformed /W", f.name)
			return f
		}
		if arr, ok := w[i+1].(types.Array); ok {
			for k, x := range arr {
				v, _ := num(x)
				f.widths[int(first)+k] = v
			}
			i += 2
			continue
		}
		if i+2 >= len(w) {
			c.fail(ClauseWidths, "font %s: malformed /W range", f.name)
			return f
		}
		last, _ := num(w[i+1])
		v, _ := num(w[i+2])
		for cid := int(first); cid <= int(last) && cid-int(first) < 1<<16; cid++ {
			f.widths[cid] = v
		}
		i += 3
	}
	f.checkable = true
	return f
}

func embedded(fd types.Dict) bool {
	if fd == nil {
		return false
	}
	for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
		if _, ok := fd.Find(k); ok {
			return true
		}
	}
	return false
}

// content reads a page's operators: colour operators must fit an RGB
// output intent (no CMYK k/K, no colour space other than Device RGB/Gray
// set by name), and every glyph shown must be embedded, not .notdef,
// with the width the program gives it.
func (c *checker) content(p int, content []byte, fonts map[string]*font) {
	var cur *font
	reported := map[string]bool{}
	once := func(clause, key, format string, args ...any) {
		if !reported[clause+key] {
			reported[clause+key] = true
			c.fail(clause, format, args...)
		}
	}
	err := lex(content, func(op string, operands []token) {
		switch op {
		case "k", "K":
			once(ClauseDeviceColour, op, "page %d uses DeviceCMYK (%s) with an RGB output intent", p, op)
		case "cs", "CS":
			if len(operands) == 1 && operands[0].kind == tName {
				if n := operands[0].text; n != "DeviceRGB" && n != "DeviceGray" {
					once(ClauseDeviceColour, n, "page %d selects colour space %s, which this checker does not inspect", p, n)
				}
			}
		case "BI":
			once("parse", "BI", "page %d has an inline image, which this checker does not inspect", p)
		case "Do":
			once(ClauseExternal, "Do", "page %d draws an XObject, which this checker does not inspect", p)
		case "Tf":
			if len(operands) == 2 && operands[0].kind == tName {
				cur = fonts[operands[0].text]
				if cur == nil {
					once(ClauseFontsEmbedded, operands[0].text, "page %d selects font %s, not in its resources", p, operands[0].text)
				}
			}
		case "Tj", "'", "\"", "TJ":
			for _, o := range operands {
				if o.kind == tString {
					c.glyphs(p, cur, o.bytes, once)
				}
				for _, e := range o.elems {
					if e.kind == tString {
						c.glyphs(p, cur, e.bytes, once)
					}
				}
			}
		}
	})
	if err != nil {
		c.fail("parse", "page %d content: %v", p, err)
	}
}

func (c *checker) glyphs(p int, f *font, s []byte, once func(clause, key, format string, args ...any)) {
	if f == nil {
		once(ClauseFontsEmbedded, "nofont", "page %d shows text with no font selected", p)
		return
	}
	if !f.checkable {
		return
	}
	if len(s)%2 != 0 {
		once(ClauseGlyphsPresent, f.name+"odd", "page %d: a string of odd length for 2-byte font %s", p, f.name)
		return
	}
	for i := 0; i+1 < len(s); i += 2 {
		cid := int(binary.BigEndian.Uint16(s[i:]))
		gid := cid
		if f.cidToGID != nil {
			if 2*cid+1 >= len(f.cidToGID) {
				once(ClauseGlyphsPresent, fmt.Sprint(f.name, cid), "page %d: CID %d beyond the CIDToGIDMap of %s", p, cid, f.name)
				continue
			}
			gid = int(binary.BigEndian.Uint16(f.cidToGID[2*cid:]))
		}
		key := fmt.Sprint(f.name, "/", cid)
		if gid == 0 {
			once(ClauseNotdef, key, "page %d: CID %d (U+%04X in fpdf's mapping) maps to .notdef in %s", p, cid, cid, f.name)
			continue
		}
		if gid >= f.tt.numGlyphs {
			once(ClauseGlyphsPresent, key, "page %d: CID %d maps to glyph %d, beyond the %d glyphs of the embedded program", p, cid, gid, f.tt.numGlyphs)
			continue
		}
		if f.tt.empty(gid) && !blankRune(rune(cid)) {
			once(ClauseGlyphsPresent, key, "page %d: glyph %d for CID %d (U+%04X) has no outline in the embedded subset", p, gid, cid, cid)
		}
		w, ok := f.widths[cid]
		if !ok {
			w = f.dw
		}
		want := float64(f.tt.advance(gid)) * 1000 / float64(f.tt.unitsPerEm)
		if math.Abs(w-want) > 1 {
			once(ClauseWidths, key, "page %d: CID %d of %s has width %g in /W, %.1f in the font program", p, cid, f.name, w, want)
		}
	}
}

// blankRune is a character whose glyph has no outline by design.
func blankRune(r rune) bool {
	return r == ' ' || r == 0x3000 || r == 0xA0 || (r >= 0x2000 && r <= 0x200B)
}
