// Package pdfatest checks a report PDF against the rules of PDF/A-3 level B
// (ISO 19005-3:2012) that the tests can decide, one named clause at a time.
// It is not a validator: README.md ("PDF/A-3b") lists which rules it covers
// and which it does not. No PDF/A validator can be installed here (veraPDF
// needs a registry we cannot reach), so this is our own reading of the
// clauses, parsed with pdfcpu (a test dependency only: nothing outside
// _test files imports this package).
package pdfatest

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() { api.DisableConfigDir() } // pdfcpu must not write to $HOME

// Failure is one clause the file breaks.
type Failure struct {
	Clause string // e.g. "6.1.3 trailer /ID"
	Detail string
}

func (f Failure) String() string { return f.Clause + ": " + f.Detail }

// Clauses names every check Check makes, in order; a test asserts each
// one can fail.
var Clauses = []string{
	ClauseHeader, ClauseTrailerID, ClauseNoEncrypt, ClauseEOF, ClauseXref, ClauseStreams, ClauseFilters,
	ClauseOutputIntent, ClauseDeviceColour, ClauseTransparency, ClauseFontsEmbedded, ClauseCIDToGID,
	ClauseGlyphsPresent, ClauseWidths, ClauseNotdef, ClauseActions, ClauseExternal, ClauseAnnotations,
	ClauseMetadata, ClauseInfoXMP, ClauseEFSubtype, ClauseFileSpec, ClauseAFRelationship, ClauseAF,
}

// Clause names (ISO 19005-3:2012 numbering).
const (
	ClauseHeader         = "6.1.2 file header"
	ClauseTrailerID      = "6.1.3 trailer /ID"
	ClauseNoEncrypt      = "6.1.3 no /Encrypt"
	ClauseEOF            = "6.1.3 nothing after %%EOF but one end-of-line"
	ClauseXref           = "6.1.4 cross-reference syntax"
	ClauseStreams        = "6.1.7.1 stream /Length and keywords, no external stream keys"
	ClauseFilters        = "6.1.7.2 no LZW or Crypt filters"
	ClauseOutputIntent   = "6.2.3 PDF/A output intent with an RGB ICC profile"
	ClauseDeviceColour   = "6.2.4.3 device colour spaces match the output intent"
	ClauseTransparency   = "6.2.10 no transparency without a blending colour space"
	ClauseFontsEmbedded  = "6.2.11.4.1 every font program embedded"
	ClauseCIDToGID       = "6.2.11.3.2 CIDFontType2 has a CIDToGIDMap"
	ClauseGlyphsPresent  = "6.2.11.4.1 every glyph used is in the embedded program"
	ClauseWidths         = "6.2.11.5 glyph widths agree with the font program"
	ClauseNotdef         = "6.2.11.8 no .notdef glyph referenced"
	ClauseActions        = "6.5 no JavaScript or forbidden actions"
	ClauseExternal       = "6.1.7/6.2.9 no external content or reference XObjects"
	ClauseAnnotations    = "6.3.2 annotations printable"
	ClauseMetadata       = "6.6.2.1/6.6.4 XMP metadata stream with PDF/A identification part 3, conformance B"
	ClauseInfoXMP        = "6.6 Info entries equal their XMP properties"
	ClauseEFSubtype      = "6.8 embedded file has a MIME /Subtype"
	ClauseFileSpec       = "6.8 file specification has /F and /UF"
	ClauseAFRelationship = "6.8 file specification has /AFRelationship"
	ClauseAF             = "6.8 embedded file listed in the catalogue's /AF"
)

type checker struct {
	data  []byte
	ctx   *model.Context
	xr    *model.XRefTable
	fails []Failure
}

func (c *checker) fail(clause, format string, args ...any) {
	c.fails = append(c.fails, Failure{clause, fmt.Sprintf(format, args...)})
}

// Check parses data and returns every PDF/A-3b clause it breaks, nil when
// none. A file pdfcpu cannot read is one failure.
func Check(data []byte) (fails []Failure) {
	defer func() {
		if r := recover(); r != nil {
			fails = append(fails, Failure{"parse", fmt.Sprintf("checker panicked: %v", r)})
		}
	}()
	c := &checker{data: data}
	// The byte-level clauses first: they hold even where pdfcpu gives up.
	c.header()
	c.trailer()
	c.xrefSyntax()
	conf := model.NewDefaultConfiguration()
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		c.fail("parse", "%v", err)
		return c.fails
	}
	c.ctx, c.xr = ctx, ctx.XRefTable
	if c.xr.Encrypt != nil {
		c.fail(ClauseNoEncrypt, "the file is encrypted")
	}
	c.objects()
	cat, err := c.xr.Catalog()
	if err != nil {
		c.fail("parse", "catalogue: %v", err)
		return c.fails
	}
	c.outputIntent(cat)
	c.pages()
	c.metadata(cat)
	c.embeddedFiles(cat)
	return c.fails
}

// Mask returns a copy of data that pdfcpu v0.15.0 will validate: it rejects
// every catalogue /AF array ("PDF 2.0 associated files not supported") and,
// in strict mode, /AFRelationship in a 1.7 file, though PDF/A-3 defines
// both for PDF 1.7. The keys are renamed in place (same length, so no
// offset moves); pdfcpu ignores keys it does not know.
func Mask(data []byte) []byte {
	out := bytes.ReplaceAll(data, []byte("/AFRelationship /"), []byte("/XXRelationship /"))
	return bytes.ReplaceAll(out, []byte("\n/AF ["), []byte("\n/XX ["))
}

func (c *checker) header() {
	d := c.data
	if len(d) < 16 || !bytes.HasPrefix(d, []byte("%PDF-1.")) || d[7] < '0' || d[7] > '7' || (d[8] != '\n' && d[8] != '\r') {
		c.fail(ClauseHeader, "the file does not start with %%PDF-1.n and an end-of-line")
		return
	}
	rest := d[9:]
	if rest[0] == '\n' {
		rest = rest[1:]
	}
	end := bytes.IndexAny(rest, "\r\n")
	if end < 0 || rest[0] != '%' {
		c.fail(ClauseHeader, "no comment line after the header")
		return
	}
	high := 0
	for _, b := range rest[1:end] {
		if b > 127 {
			high++
		}
	}
	if high < 4 {
		c.fail(ClauseHeader, "the comment after the header has %d bytes above 127, want at least 4", high)
	}
}

var (
	reTrailerID = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]`)
	reLastXref  = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF(\r\n|\r|\n)?$`)
)

// finalTrailer is the text of the last trailer dictionary.
func (c *checker) finalTrailer() string {
	i := bytes.LastIndex(c.data, []byte("trailer"))
	j := bytes.LastIndex(c.data, []byte("startxref"))
	if i < 0 || j < i {
		return ""
	}
	return string(c.data[i:j])
}

func (c *checker) trailer() {
	tr := c.finalTrailer()
	m := reTrailerID.FindStringSubmatch(tr)
	if m == nil || len(m[1]) != 32 || len(m[2]) != 32 {
		c.fail(ClauseTrailerID, "the last trailer has no /ID of two 16-byte strings")
	}
	for _, t := range regexp.MustCompile(`(?s)trailer\s*<<.*?startxref`).FindAll(c.data, -1) {
		if bytes.Contains(t, []byte("/Encrypt")) {
			c.fail(ClauseNoEncrypt, "a trailer has /Encrypt")
			break
		}
	}
	if !reLastXref.Match(c.data) {
		c.fail(ClauseEOF, "the file does not end with startxref, its offset, %%%%EOF and at most one end-of-line")
	}
}

var reXrefSection = regexp.MustCompile(`(?s)^xref(\r\n|\r|\n)(.*?)trailer`)
var reSubsection = regexp.MustCompile(`^\d+ \d+$`)

// xrefSyntax follows every cross-reference section (startxref, /Prev) and
// checks its layout: "xref", subsection headers of two numbers separated
// by one space, entries of exactly 20 bytes.
func (c *checker) xrefSyntax() {
	m := reLastXref.FindSubmatch(c.data)
	if m == nil {
		c.fail(ClauseXref, "no startxref")
		return
	}
	off, _ := strconv.Atoi(string(m[1]))
	seen := map[int]bool{}
	for off > 0 && !seen[off] {
		seen[off] = true
		if off >= len(c.data) {
			c.fail(ClauseXref, "startxref or /Prev %d beyond the file", off)
			return
		}
		sec := reXrefSection.FindSubmatch(c.data[off:])
		if sec == nil {
			c.fail(ClauseXref, "no classic cross-reference section at %d", off)
			return
		}
		body := sec[2]
		for len(body) > 0 {
			nl := bytes.IndexAny(body, "\r\n")
			if nl < 0 {
				c.fail(ClauseXref, "unterminated subsection header at %d", off)
				return
			}
			head := string(body[:nl])
			if !reSubsection.MatchString(head) {
				c.fail(ClauseXref, "subsection header %q at %d", head, off)
				return
			}
			var first, n int
			fmt.Sscanf(head, "%d %d", &first, &n)
			body = body[nl+1:]
			if len(body) < 20*n {
				c.fail(ClauseXref, "subsection %q is short", head)
				return
			}
			for k := 0; k < n; k++ {
				e := body[20*k : 20*k+20]
				if !regexp.MustCompile(`^\d{10} \d{5} [nf](\r\n| \n| \r)$`).Match(e) {
					c.fail(ClauseXref, "entry %d of subsection %q is not 20 bytes of the fixed form: %q", k, head, e)
					return
				}
			}
			body = body[20*n:]
		}
		tr := c.data[off:]
		end := bytes.Index(tr, []byte("startxref"))
		if end < 0 {
			return
		}
		pm := regexp.MustCompile(`/Prev (\d+)`).FindSubmatch(tr[:end])
		if pm == nil {
			return
		}
		off, _ = strconv.Atoi(string(pm[1]))
	}
}

// objects checks every stream: its /Length against the bytes between the
// keywords, no /F, /FFilter or /FDecodeParms (external data), no LZW or
// Crypt filter; and that no dictionary names a forbidden action, carries
// JavaScript or is a reference XObject.
func (c *checker) objects() {
	forbiddenActions := map[string]bool{"Launch": true, "Sound": true, "Movie": true, "ResetForm": true, "ImportData": true,
		"Hide": true, "SetOCGState": true, "Rendition": true, "Trans": true, "GoTo3DView": true, "JavaScript": true}
	nums := make([]int, 0, len(c.xr.Table))
	for n := range c.xr.Table {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		e := c.xr.Table[n]
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		var d types.Dict
		switch o := e.Object.(type) {
		case types.Dict:
			d = o
		case types.StreamDict:
			d = o.Dict
			c.stream(n, o)
		default:
			continue
		}
		if s := d.NameEntry("S"); s != nil && forbiddenActions[*s] {
			c.fail(ClauseActions, "object %d is a %s action", n, *s)
		}
		for _, k := range []string{"JS", "AA"} {
			if _, ok := d.Find(k); ok {
				c.fail(ClauseActions, "object %d has /%s", n, k)
			}
		}
		if t := d.Type(); t != nil && *t == "Catalog" {
			if names := d.DictEntry("Names"); names != nil {
				if _, ok := names.Find("JavaScript"); ok {
					c.fail(ClauseActions, "the catalogue's name dictionary has /JavaScript")
				}
			}
		}
		if st := d.Subtype(); st != nil && *st == "Form" {
			if _, ok := d.Find("Ref"); ok {
				c.fail(ClauseExternal, "object %d is a reference XObject", n)
			}
		}
		if t := d.Type(); t != nil && *t == "Filespec" {
			if _, ok := d.Find("EF"); !ok {
				c.fail(ClauseExternal, "file specification %d refers to a file outside the PDF", n)
			}
		}
		for _, k := range []string{"OPI", "PS"} {
			if _, ok := d.Find(k); ok {
				c.fail(ClauseExternal, "object %d has /%s", n, k)
			}
		}
	}
}

func (c *checker) stream(n int, sd types.StreamDict) {
	for _, k := range []string{"F", "FFilter", "FDecodeParms"} {
		if _, ok := sd.Find(k); ok {
			c.fail(ClauseStreams, "stream %d has /%s", n, k)
		}
	}
	var filters []string
	switch f := sd.Dict["Filter"].(type) {
	case types.Name:
		filters = append(filters, string(f))
	case types.Array:
		for _, x := range f {
			if nm, ok := x.(types.Name); ok {
				filters = append(filters, string(nm))
			}
		}
	}
	for _, f := range filters {
		if f == "LZWDecode" || f == "Crypt" {
			c.fail(ClauseFilters, "stream %d uses %s", n, f)
		}
	}
	length, _ := sd.Length()
	if length == nil {
		if l, ok := sd.Dict["Length"].(types.IndirectRef); ok {
			if o, err := c.xr.Dereference(l); err == nil {
				if i, ok := o.(types.Integer); ok {
					v := int64(i.Value())
					length = &v
				}
			}
		}
	}
	off := sd.StreamOffset
	if length == nil || off <= 0 || off > int64(len(c.data)) {
		c.fail(ClauseStreams, "stream %d: no usable /Length or offset", n)
		return
	}
	// The stream keyword ends with CRLF or LF (7.3.8.1; 6.1.7.1).
	pre := c.data[:off]
	if !bytes.HasSuffix(pre, []byte("stream\n")) && !bytes.HasSuffix(pre, []byte("stream\r\n")) {
		c.fail(ClauseStreams, "stream %d: the stream keyword is not followed by CRLF or LF", n)
	}
	end := off + *length
	if end > int64(len(c.data)) {
		c.fail(ClauseStreams, "stream %d: /Length %d runs past the end of the file", n, *length)
		return
	}
	post := c.data[end:]
	if !bytes.HasPrefix(post, []byte("\nendstream")) && !bytes.HasPrefix(post, []byte("\r\nendstream")) && !bytes.HasPrefix(post, []byte("\rendstream")) {
		c.fail(ClauseStreams, "stream %d: /Length %d does not end at an end-of-line before endstream", n, *length)
	}
}

// stream returns the decoded content of a stream object.
func (c *checker) decoded(o types.Object) (*types.StreamDict, []byte, error) {
	sd, _, err := c.xr.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil, nil, fmt.Errorf("not a stream: %v", err)
	}
	if err := sd.Decode(); err != nil {
		return sd, nil, err
	}
	return sd, sd.Content, nil
}

func (c *checker) outputIntent(cat types.Dict) {
	arr, err := c.xr.DereferenceArray(cat["OutputIntents"])
	if err != nil || len(arr) == 0 {
		c.fail(ClauseOutputIntent, "the catalogue has no /OutputIntents")
		return
	}
	var profiles []types.Object
	pdfa := 0
	for _, o := range arr {
		d, err := c.xr.DereferenceDict(o)
		if err != nil || d == nil {
			c.fail(ClauseOutputIntent, "an output intent is not a dictionary")
			continue
		}
		if s := d.NameEntry("S"); s != nil && *s == "GTS_PDFA1" {
			pdfa++
		}
		profiles = append(profiles, d["DestOutputProfile"])
	}
	if pdfa != 1 {
		c.fail(ClauseOutputIntent, "%d output intents of subtype GTS_PDFA1, want 1", pdfa)
	}
	for _, p := range profiles {
		sd, icc, err := c.decoded(p)
		if err != nil {
			c.fail(ClauseOutputIntent, "the destination profile: %v", err)
			continue
		}
		n := sd.IntEntry("N")
		if len(icc) < 128 || string(icc[36:40]) != "acsp" {
			c.fail(ClauseOutputIntent, "the destination profile is not an ICC profile")
			continue
		}
		if string(icc[16:20]) != "RGB " || n == nil || *n != 3 {
			c.fail(ClauseOutputIntent, "the destination profile is not RGB with /N 3 (colour space %q)", icc[16:20])
		}
		if v := icc[8]; v < 2 || v > 4 {
			c.fail(ClauseOutputIntent, "ICC version %d is not one PDF 1.7 supports", v)
		}
		if cls := string(icc[12:16]); cls != "prtr" && cls != "mntr" {
			c.fail(ClauseOutputIntent, "ICC device class %q is neither output (prtr) nor display (mntr)", cls)
		}
	}
	if len(profiles) > 1 {
		c.fail(ClauseOutputIntent, "%d destination profiles; PDF/A wants one and the same", len(profiles))
	}
}

func (c *checker) pages() {
	if err := c.xr.EnsurePageCount(); err != nil {
		c.fail("parse", "page count: %v", err)
		return
	}
	fonts := map[int]*font{} // by object number of the font dict
	for p := 1; p <= c.xr.PageCount; p++ {
		pd, _, inh, err := c.xr.PageDict(p, true)
		if err != nil || pd == nil {
			c.fail("parse", "page %d: %v", p, err)
			continue
		}
		if _, ok := pd.Find("Group"); ok {
			c.fail(ClauseTransparency, "page %d has a transparency group", p)
		}
		c.annotations(p, pd)
		res := inh.Resources
		if res == nil {
			res = pd.DictEntry("Resources")
		}
		byName := map[string]*font{}
		if res != nil {
			fd, _ := c.xr.DereferenceDict(res["Font"])
			for name, ref := range fd {
				ir, ok := ref.(types.IndirectRef)
				if !ok {
					c.fail("parse", "page %d: font %s is not an indirect object", p, name)
					continue
				}
				f, ok := fonts[ir.ObjectNumber.Value()]
				if !ok {
					f = c.loadFont(ir)
					fonts[ir.ObjectNumber.Value()] = f
				}
				byName[name] = f
			}
			gs, _ := c.xr.DereferenceDict(res["ExtGState"])
			for name, o := range gs {
				g, _ := c.xr.DereferenceDict(o)
				for _, k := range []string{"CA", "ca"} {
					if v, err := c.xr.DereferenceNumber(g[k]); err == nil && g[k] != nil && v < 1 {
						c.fail(ClauseTransparency, "page %d: graphics state %s sets /%s %g", p, name, k, v)
					}
				}
				if sm := g.NameEntry("SMask"); g["SMask"] != nil && (sm == nil || *sm != "None") {
					c.fail(ClauseTransparency, "page %d: graphics state %s has a soft mask", p, name)
				}
				if bm := g.NameEntry("BM"); bm != nil && *bm != "Normal" && *bm != "Compatible" {
					c.fail(ClauseTransparency, "page %d: graphics state %s blends with %s", p, name, *bm)
				}
			}
			if xo, _ := c.xr.DereferenceDict(res["XObject"]); len(xo) > 0 {
				c.fail(ClauseExternal, "page %d uses XObjects, which this checker does not inspect", p)
			}
		}
		content, err := c.xr.PageContent(pd, p)
		if err != nil {
			c.fail("parse", "page %d content: %v", p, err)
			continue
		}
		c.content(p, content, byName)
	}
}

func (c *checker) annotations(p int, pd types.Dict) {
	arr, _ := c.xr.DereferenceArray(pd["Annots"])
	for _, o := range arr {
		d, _ := c.xr.DereferenceDict(o)
		f := d.IntEntry("F")
		// Print (4) set; Hidden (2), Invisible (1), NoView (32) clear.
		if f == nil || *f&4 == 0 || *f&(1|2|32) != 0 {
			c.fail(ClauseAnnotations, "page %d: an annotation is not set to print", p)
		}
	}
}

// embeddedFiles checks every file in the EmbeddedFiles name tree.
func (c *checker) embeddedFiles(cat types.Dict) {
	af := map[int]bool{}
	arr, _ := c.xr.DereferenceArray(cat["AF"])
	for _, o := range arr {
		if ir, ok := o.(types.IndirectRef); ok {
			af[ir.ObjectNumber.Value()] = true
		}
	}
	names, _ := c.xr.DereferenceDict(cat["Names"])
	tree, _ := c.xr.DereferenceDict(names["EmbeddedFiles"])
	specs := c.nameTreeValues(tree, 0)
	for _, ref := range specs {
		ir, _ := ref.(types.IndirectRef)
		d, err := c.xr.DereferenceDict(ref)
		if err != nil || d == nil {
			c.fail(ClauseFileSpec, "an EmbeddedFiles entry is not a dictionary")
			continue
		}
		name := "?"
		if uf, err := c.xr.DereferenceText(d["UF"]); err == nil && d["UF"] != nil {
			name = uf
		}
		if d["F"] == nil || d["UF"] == nil {
			c.fail(ClauseFileSpec, "file specification %q lacks /F or /UF", name)
		}
		rel := d.NameEntry("AFRelationship")
		switch {
		case rel == nil:
			c.fail(ClauseAFRelationship, "file specification %q has no /AFRelationship", name)
		case !map[string]bool{"Source": true, "Data": true, "Alternative": true, "Supplement": true, "Unspecified": true}[*rel]:
			c.fail(ClauseAFRelationship, "file specification %q has /AFRelationship /%s", name, *rel)
		}
		if ir.ObjectNumber.Value() == 0 || !af[ir.ObjectNumber.Value()] {
			c.fail(ClauseAF, "file specification %q is not in the catalogue's /AF", name)
		}
		ef, _ := c.xr.DereferenceDict(d["EF"])
		sd, _, err := c.xr.DereferenceStreamDict(ef["F"])
		if err != nil || sd == nil {
			c.fail(ClauseEFSubtype, "file specification %q has no embedded file stream", name)
			continue
		}
		if st := sd.Subtype(); st == nil || !strings.Contains(*st, "/") {
			c.fail(ClauseEFSubtype, "embedded file %q has no MIME /Subtype", name)
		}
	}
	if len(specs) == 0 && len(arr) > 0 {
		c.fail(ClauseAF, "/AF lists files but there are no embedded files")
	}
}

func (c *checker) nameTreeValues(d types.Dict, depth int) []types.Object {
	if d == nil || depth > 32 {
		return nil
	}
	var out []types.Object
	names, _ := c.xr.DereferenceArray(d["Names"])
	for i := 1; i < len(names); i += 2 {
		out = append(out, names[i])
	}
	kids, _ := c.xr.DereferenceArray(d["Kids"])
	for _, k := range kids {
		kd, _ := c.xr.DereferenceDict(k)
		out = append(out, c.nameTreeValues(kd, depth+1)...)
	}
	return out
}
