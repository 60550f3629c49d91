package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// Extract reads back what a report carries: its attachments, the text of
// every page and the trailer /ID. It is the inverse of Render for verify,
// not a general PDF reader: it follows classic cross-reference tables
// (what fpdf and AppendAttachments write), and anything else is an error
// wrapping ErrNotReport. Hostile input is bounded: recursion, the /Prev
// chain, the page tree and every decompressed stream have limits, and no
// input makes it panic (FuzzExtract).

// ErrNotReport is wrapped by every error of Extract: the file is not a
// PDF this package could have written.
var ErrNotReport = errors.New("not a PDF written by ismapcheck")

// Limits of Extract.
const (
	maxDepth        = 32        // nesting of arrays and dictionaries, name and page trees
	maxSections     = 64        // cross-reference sections (/Prev chain)
	maxPages        = 10000     // pages
	maxStreamOutput = 128 << 20 // bytes of one decompressed stream
	maxTotalOutput  = 512 << 20 // decompressed bytes of all streams together
)

// ExtractedFile is one embedded file.
type ExtractedFile struct {
	Name         string // /UF, else /F
	Description  string
	MIME         string
	Relationship string
	Data         []byte
}

// Extracted is what a report carries.
type Extracted struct {
	Files []ExtractedFile
	// Pages holds the text each page shows, its strings concatenated in
	// drawing order (the report's font maps code to Unicode one to one).
	Pages []string
	// TrailerID is the first /ID string of the last trailer, in hex.
	TrailerID string
	// Body is the file up to its last cross-reference section: the bytes
	// FileID hashes.
	Body []byte
	// Keywords is the Info dictionary's /Keywords.
	Keywords string
}

type pdfRef struct{ num, gen int }

type pdfStream struct {
	dict map[string]any
	raw  []byte
}

type reader struct {
	data    []byte
	offsets map[int]int
	cache   map[int]any
	busy    map[int]bool
	visited map[int]bool // name-tree nodes already read
	total   int          // decompressed bytes so far
}

func notReport(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotReport, fmt.Sprintf(format, args...))
}

var reTail = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// Extract parses data. The caller bounds its size.
func Extract(data []byte) (ex *Extracted, err error) {
	defer func() {
		if p := recover(); p != nil { // a bug, not the input's fault; never crash verify
			ex, err = nil, notReport("internal error reading the PDF: %v", p)
		}
	}()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, notReport("no %%PDF header")
	}
	tail := data[max(0, len(data)-1024):]
	m := reTail.FindSubmatch(tail)
	if m == nil {
		return nil, notReport("no startxref at the end")
	}
	start, err := strconv.Atoi(string(m[1]))
	if err != nil || start <= 0 || start >= len(data) {
		return nil, notReport("startxref out of range")
	}
	r := &reader{data: data, offsets: map[int]int{}, cache: map[int]any{}, busy: map[int]bool{}, visited: map[int]bool{}}
	trailer, err := r.xrefChain(start)
	if err != nil {
		return nil, err
	}
	ex = &Extracted{Body: data[:start]}
	if ids, ok := trailer["ID"].([]any); ok && len(ids) > 0 {
		if s, ok := ids[0].(hexString); ok {
			ex.TrailerID = fmt.Sprintf("%x", []byte(s))
		}
	}
	if info, ok := r.resolve(trailer["Info"], 0).(map[string]any); ok {
		ex.Keywords = textString(r.resolve(info["Keywords"], 0))
	}
	root, ok := r.resolve(trailer["Root"], 0).(map[string]any)
	if !ok {
		return nil, notReport("no catalogue")
	}
	if names, ok := r.resolve(root["Names"], 0).(map[string]any); ok {
		if ef, ok := r.resolve(names["EmbeddedFiles"], 0).(map[string]any); ok {
			if err := r.files(ef, 0, &ex.Files); err != nil {
				return nil, err
			}
		}
	}
	pages, ok := r.resolve(root["Pages"], 0).(map[string]any)
	if !ok {
		return nil, notReport("no page tree")
	}
	seen := map[any]bool{}
	if err := r.pages(pages, 0, seen, &ex.Pages); err != nil {
		return nil, err
	}
	return ex, nil
}

// xrefChain reads the cross-reference sections from start along /Prev;
// the newest entry of an object wins. It returns the newest trailer.
func (r *reader) xrefChain(start int) (map[string]any, error) {
	var newest map[string]any
	seen := map[int]bool{}
	for off, n := start, 0; off > 0; n++ {
		if n >= maxSections || seen[off] {
			return nil, notReport("cross-reference chain loops or is too long")
		}
		seen[off] = true
		if off >= len(r.data) || !bytes.HasPrefix(r.data[off:], []byte("xref")) {
			return nil, notReport("no classic cross-reference table at %d", off)
		}
		p := &parser{b: r.data, i: off + 4}
		for {
			p.space()
			if bytes.HasPrefix(r.data[p.i:], []byte("trailer")) {
				p.i += len("trailer")
				break
			}
			first, ok1 := p.integer()
			p.space()
			count, ok2 := p.integer()
			if !ok1 || !ok2 || first < 0 || count < 0 || count > len(r.data)/20 {
				return nil, notReport("bad cross-reference subsection at %d", p.i)
			}
			p.space()
			if p.i+20*count > len(r.data) {
				return nil, notReport("cross-reference table truncated")
			}
			for k := 0; k < count; k++ {
				e := r.data[p.i+20*k : p.i+20*k+20]
				if e[17] != 'n' {
					continue
				}
				o, err := strconv.Atoi(string(e[:10]))
				if err != nil {
					return nil, notReport("bad cross-reference entry")
				}
				if _, have := r.offsets[first+k]; !have {
					r.offsets[first+k] = o
				}
			}
			p.i += 20 * count
		}
		v, err := p.value(0)
		if err != nil {
			return nil, notReport("trailer: %v", err)
		}
		t, ok := v.(map[string]any)
		if !ok {
			return nil, notReport("trailer is not a dictionary")
		}
		if _, enc := t["Encrypt"]; enc {
			return nil, notReport("the file is encrypted")
		}
		if newest == nil {
			newest = t
		}
		prev, ok := t["Prev"].(int)
		if !ok {
			break
		}
		off = prev
	}
	return newest, nil
}

// resolve follows a reference (loading the object) and returns the value.
func (r *reader) resolve(v any, depth int) any {
	ref, ok := v.(pdfRef)
	if !ok {
		return v
	}
	if o, ok := r.cache[ref.num]; ok {
		return o
	}
	off, ok := r.offsets[ref.num]
	if !ok || off <= 0 || off >= len(r.data) || r.busy[ref.num] || depth > maxDepth {
		return nil
	}
	r.busy[ref.num] = true
	defer delete(r.busy, ref.num)
	p := &parser{b: r.data, i: off}
	num, ok1 := p.integer()
	p.space()
	_, ok2 := p.integer()
	p.space()
	if !ok1 || !ok2 || num != ref.num || !p.keyword("obj") {
		return nil
	}
	v, err := p.value(0)
	if err != nil {
		return nil
	}
	if d, ok := v.(map[string]any); ok {
		p.space()
		if p.keyword("stream") {
			if p.i < len(r.data) && r.data[p.i] == '\r' {
				p.i++
			}
			if p.i < len(r.data) && r.data[p.i] == '\n' {
				p.i++
			}
			n, ok := r.resolve(d["Length"], depth+1).(int)
			if !ok || n < 0 || p.i+n > len(r.data) {
				return nil
			}
			v = &pdfStream{dict: d, raw: r.data[p.i : p.i+n]}
		}
	}
	r.cache[ref.num] = v
	return v
}

// decode returns a stream's data, inflated if it is FlateDecode.
func (r *reader) decode(s *pdfStream, limit int) ([]byte, error) {
	switch f := s.dict["Filter"].(type) {
	case nil:
		return s.raw, nil
	case name:
		if f != "FlateDecode" {
			return nil, notReport("stream filter %s", f)
		}
	default:
		return nil, notReport("unexpected stream filter")
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.raw))
	if err != nil {
		return nil, notReport("stream: %v", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, notReport("stream: %v", err)
	}
	if len(out) > limit {
		return nil, notReport("a stream inflates beyond %d bytes", limit)
	}
	r.total += len(out)
	if r.total > maxTotalOutput {
		return nil, notReport("the streams inflate beyond %d bytes together", maxTotalOutput)
	}
	return out, nil
}

func (r *reader) files(node map[string]any, depth int, out *[]ExtractedFile) error {
	if depth > maxDepth {
		return notReport("name tree too deep")
	}
	if kids, ok := r.resolve(node["Kids"], 0).([]any); ok {
		for _, k := range kids {
			if ref, isRef := k.(pdfRef); isRef {
				if r.visited[ref.num] {
					return notReport("name tree loops")
				}
				r.visited[ref.num] = true
			}
			if kd, ok := r.resolve(k, 0).(map[string]any); ok {
				if err := r.files(kd, depth+1, out); err != nil {
					return err
				}
			}
		}
	}
	arr, _ := r.resolve(node["Names"], 0).([]any)
	for i := 1; i < len(arr); i += 2 {
		spec, ok := r.resolve(arr[i], 0).(map[string]any)
		if !ok {
			return notReport("an embedded file's specification is not a dictionary")
		}
		f := ExtractedFile{Name: textString(r.resolve(spec["UF"], 0)), Description: textString(r.resolve(spec["Desc"], 0))}
		if f.Name == "" {
			f.Name = textString(r.resolve(spec["F"], 0))
		}
		if rel, ok := spec["AFRelationship"].(name); ok {
			f.Relationship = string(rel)
		}
		ef, _ := r.resolve(spec["EF"], 0).(map[string]any)
		st, ok := r.resolve(ef["F"], 0).(*pdfStream)
		if !ok {
			return notReport("embedded file %q has no stream", f.Name)
		}
		if mime, ok := st.dict["Subtype"].(name); ok {
			f.MIME = string(mime)
		}
		data, err := r.decode(st, maxStreamOutput)
		if err != nil {
			return fmt.Errorf("embedded file %q: %w", f.Name, err)
		}
		f.Data = data
		*out = append(*out, f)
	}
	return nil
}

// shownStrings returns the string operand of every Tj in a content
// stream, in order: fpdf shows each run of text with one Tj, its UTF-8
// fonts as two-byte codes equal to the Unicode code units.
func shownStrings(content []byte) [][]byte {
	var out [][]byte
	var last []byte
	p := &parser{b: content}
	for {
		p.space()
		if p.i >= len(content) {
			return out
		}
		switch c := content[p.i]; {
		case c == '(' || (c == '<' && (p.i+1 >= len(content) || content[p.i+1] != '<')):
			v, err := p.value(0)
			if err != nil {
				return out
			}
			switch s := v.(type) {
			case string:
				last = []byte(s)
			case hexString:
				last = []byte(s)
			}
		case isDelimiter(c):
			p.i++
		default:
			j := p.i
			for j < len(content) && !isDelimiter(content[j]) {
				j++
			}
			if string(content[p.i:j]) == "Tj" && last != nil {
				out = append(out, last)
			}
			if string(content[p.i:j]) != "Tj" {
				last = nil
			}
			p.i = j
		}
	}
}

func (r *reader) pages(node map[string]any, depth int, seen map[any]bool, out *[]string) error {
	if depth > maxDepth || len(*out) > maxPages {
		return notReport("page tree too deep or too large")
	}
	if t, _ := node["Type"].(name); t == "Page" {
		var content []byte
		var parts []any
		switch c := node["Contents"].(type) {
		case []any:
			parts = c
		default:
			parts = []any{c}
		}
		for _, p := range parts {
			st, ok := r.resolve(p, 0).(*pdfStream)
			if !ok {
				continue
			}
			b, err := r.decode(st, maxStreamOutput)
			if err != nil {
				return err
			}
			content = append(content, b...)
		}
		var text []rune
		for _, s := range shownStrings(content) {
			units := make([]uint16, 0, len(s)/2)
			for i := 0; i+1 < len(s); i += 2 {
				units = append(units, uint16(s[i])<<8|uint16(s[i+1]))
			}
			text = append(text, utf16.Decode(units)...)
		}
		*out = append(*out, string(text))
		return nil
	}
	kids, _ := r.resolve(node["Kids"], 0).([]any)
	for _, k := range kids {
		if ref, isRef := k.(pdfRef); isRef {
			if seen[ref] {
				return notReport("page tree loops")
			}
			seen[ref] = true
		}
		kd, ok := r.resolve(k, 0).(map[string]any)
		if !ok {
			return notReport("a page tree node is not a dictionary")
		}
		if err := r.pages(kd, depth+1, seen, out); err != nil {
			return err
		}
	}
	return nil
}
