package xlsx

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// The fast tokenizer of the parts Open reads. It accepts a conservative
// subset of XML and gives, for a document it accepts, exactly the tokens
// tokenReader (encoding/xml RawToken as newDecoder sets it up, plus end-tag
// matching) gives: names split at their one colon into prefix and local
// name, attributes in document order (duplicates kept, as RawToken keeps
// them), character data unescaped with \r\n and \r read as \n. The subset:
// ASCII names with at most one inner colon; attribute values in single or
// double quotes; the five predefined entities and decimal or hexadecimal
// character references to XML characters (no surrogates); valid UTF-8 of
// XML characters in text and values; comments; processing instructions
// (the XML declaration with version 1.0 or none); every element closed by
// its own name before the end. Anything else — CDATA, a DOCTYPE or other
// directive, a non-ASCII name, an error of any kind — stops it with
// errSlow, and the caller reads the whole part again with encoding/xml
// (see readPart), so every error, its message and its line number stay
// those of encoding/xml.

// errSlow stops the fast tokenizer: the part leaves its subset.
var errSlow = errors.New("xml: outside the fast tokenizer's subset")

// xkind is the kind of a light token.
type xkind uint8

const (
	xStart     xkind = iota + 1 // start tag: space, local, attrs
	xEnd                        // end tag: space, local
	xText                       // character data (CDATA included), unescaped
	xComment                    // text: the comment
	xProcInst                   // local: the target, text: the instruction
	xDirective                  // text: the directive (<!DOCTYPE …>)
)

// xattr is an attribute of a start tag.
type xattr struct{ space, local, value []byte }

// xtok is a light token: byte slices valid until the next token is
// read. space is the prefix of the name as written (RawToken's
// Name.Space), not a namespace URL.
type xtok struct {
	kind         xkind
	space, local []byte
	attrs        []xattr
	text         []byte
}

// attr returns the value of the unprefixed attribute local, nil when the
// tag has none (the first one when it is repeated).
func (t *xtok) attr(local string) []byte {
	for i := range t.attrs {
		if a := &t.attrs[i]; len(a.space) == 0 && string(a.local) == local {
			return a.value
		}
	}
	return nil
}

// xsource gives the tokens of one part; io.EOF at its clean end.
type xsource interface {
	next() (*xtok, error)
}

// span is a name in the scanner's input, and where its colon is (-1: none).
type span struct{ from, to, colon int }

// xmlScan is the fast tokenizer over a whole part in memory.
type xmlScan struct {
	in      []byte
	pos     int
	tok     xtok
	open    []span // names of the open elements
	closing span   // the self-closing element whose end comes next
	pending bool
	buf     []byte // unescaped text and attribute values of the token
	fix     []fixup
}

// fixup places an unescaped attribute value once the tag is read (buf
// may move while it grows).
type fixup struct {
	attr     int
	from, to int
}

func newXMLScan(in []byte) *xmlScan { return &xmlScan{in: in} }

// plainByte marks the bytes character data holds as they are: printable
// ASCII but the markup characters and quotes, tab and newline.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range []byte{'<', '&', '>', '"', '\''} {
		t[c] = false
	}
	t['\t'], t['\n'] = true, true
	return t
}()

// nameByte marks the ASCII bytes of names (encoding/xml's isNameByte);
// 2 marks those a name may start with.
var nameByte = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 2, 2
	}
	t['_'], t[':'] = 2, 2
	for c := '0'; c <= '9'; c++ {
		t[c] = 1
	}
	t['.'], t['-'] = 1, 1
	return t
}()

func (s *xmlScan) next() (*xtok, error) {
	t := &s.tok
	t.space, t.local, t.text, t.attrs = nil, nil, nil, t.attrs[:0]
	if s.pending {
		s.pending = false
		t.kind = xEnd
		t.space, t.local = s.split(s.closing)
		return t, nil
	}
	if s.pos >= len(s.in) {
		if len(s.open) > 0 {
			return nil, errSlow
		}
		return nil, io.EOF
	}
	if s.in[s.pos] != '<' {
		return s.text()
	}
	if s.pos+1 >= len(s.in) {
		return nil, errSlow
	}
	switch s.in[s.pos+1] {
	case '/':
		return s.endTag()
	case '?':
		return s.procInst()
	case '!':
		return s.comment()
	}
	return s.startTag()
}

// name reads the name at i; ok is false when it is not an ASCII name with
// at most one colon, not at either end.
func (s *xmlScan) name(i int) (n span, ok bool) {
	in := s.in
	if i >= len(in) || nameByte[in[i]] != 2 {
		return span{}, false
	}
	colon := -1
	j := i + 1
	for ; j < len(in); j++ {
		c := in[j]
		if nameByte[c] == 0 {
			if c >= utf8.RuneSelf {
				return span{}, false // a non-ASCII name: encoding/xml's checks
			}
			break
		}
		if c == ':' {
			if colon >= 0 {
				return span{}, false
			}
			colon = j
		}
	}
	if in[i] == ':' || colon == j-1 {
		return span{}, false
	}
	return span{i, j, colon}, true
}

// split gives a name's prefix and local name.
func (s *xmlScan) split(n span) (space, local []byte) {
	if n.colon >= 0 {
		return s.in[n.from:n.colon], s.in[n.colon+1 : n.to]
	}
	return nil, s.in[n.from:n.to]
}

func (s *xmlScan) space(i int) int {
	for i < len(s.in) {
		switch s.in[i] {
		case ' ', '\r', '\n', '\t':
			i++
		default:
			return i
		}
	}
	return i
}

func (s *xmlScan) startTag() (*xtok, error) {
	t := &s.tok
	n, ok := s.name(s.pos + 1)
	if !ok {
		return nil, errSlow
	}
	s.buf, s.fix = s.buf[:0], s.fix[:0]
	i := n.to
	for {
		i = s.space(i)
		if i >= len(s.in) {
			return nil, errSlow
		}
		switch s.in[i] {
		case '>':
			s.open = append(s.open, n)
			return s.started(n, i+1)
		case '/':
			if i+1 >= len(s.in) || s.in[i+1] != '>' {
				return nil, errSlow
			}
			s.closing, s.pending = n, true
			return s.started(n, i+2)
		}
		an, ok := s.name(i)
		if !ok {
			return nil, errSlow
		}
		i = s.space(an.to)
		if i >= len(s.in) || s.in[i] != '=' {
			return nil, errSlow
		}
		i = s.space(i + 1)
		if i >= len(s.in) || s.in[i] != '"' && s.in[i] != '\'' {
			return nil, errSlow
		}
		var a xattr
		a.space, a.local = s.split(an)
		if i, ok = s.value(i, &a); !ok {
			return nil, errSlow
		}
		t.attrs = append(t.attrs, a)
	}
}

// started completes a start tag that ends before next.
func (s *xmlScan) started(n span, next int) (*xtok, error) {
	t := &s.tok
	for _, f := range s.fix {
		t.attrs[f.attr].value = s.buf[f.from:f.to]
	}
	t.kind = xStart
	t.space, t.local = s.split(n)
	s.pos = next
	return t, nil
}

// value reads the quoted attribute value at i into a, returning the
// index past the closing quote.
func (s *xmlScan) value(i int, a *xattr) (int, bool) {
	quote := s.in[i]
	from := i + 1
	j, ok := s.run(from, quote)
	if !ok || j >= len(s.in) {
		return 0, false
	}
	if s.in[j] == quote {
		a.value = s.in[from:j]
		return j + 1, true
	}
	bfrom := len(s.buf)
	if j, ok = s.unescape(from, quote); !ok || j >= len(s.in) {
		return 0, false
	}
	s.fix = append(s.fix, fixup{len(s.tok.attrs), bfrom, len(s.buf)})
	return j + 1, true
}

// text reads character data up to the next tag or the end.
func (s *xmlScan) text() (*xtok, error) {
	t := &s.tok
	from := s.pos
	j, ok := s.run(from, '<')
	if !ok {
		return nil, errSlow
	}
	if j < len(s.in) && s.in[j] != '<' {
		s.buf = s.buf[:0]
		if j, ok = s.unescape(from, '<'); !ok {
			return nil, errSlow
		}
		t.kind, t.text, s.pos = xText, s.buf, j
		return t, nil
	}
	t.kind, t.text, s.pos = xText, s.in[from:j], j
	return t, nil
}

// unescape appends the character data from i up to stop (or the end) to
// buf, unescaped, and returns where it stopped.
func (s *xmlScan) unescape(i int, stop byte) (int, bool) {
	in := s.in
	for {
		j, ok := s.run(i, stop)
		if !ok {
			return 0, false
		}
		s.buf = append(s.buf, in[i:j]...)
		switch {
		case j >= len(in) || in[j] == stop:
			return j, true
		case in[j] == '\r':
			// A line end is read as \n, whichever it is.
			s.buf = append(s.buf, '\n')
			i = j + 1
			if i < len(in) && in[i] == '\n' {
				i++
			}
		default: // '&'
			if i, ok = s.entity(j); !ok {
				return 0, false
			}
		}
	}
}

// run checks the character data from i up to stop ('<' for text, the
// quote for an attribute value), the end, or the next '&' or '\r', and
// returns where it stopped. Text may not hold "]]>"; a value may not
// hold '<'.
func (s *xmlScan) run(i int, stop byte) (int, bool) {
	in := s.in
	for {
		for i < len(in) && plainByte[in[i]] {
			i++
		}
		// Kana and most kanji: three-byte sequences led by E1–EC.
		for i+2 < len(in) && in[i]-0xE1 <= 0xEC-0xE1 && in[i+1]&0xC0 == 0x80 && in[i+2]&0xC0 == 0x80 {
			i += 3
		}
		if i >= len(in) {
			return i, true
		}
		switch c := in[i]; {
		case plainByte[c]:
		case c == stop || c == '&' || c == '\r':
			return i, true
		case c == '<':
			return 0, false
		case c == '"' || c == '\'':
			i++
		case c == '>':
			if stop == '<' && i-2 >= s.pos && in[i-1] == ']' && in[i-2] == ']' {
				return 0, false
			}
			i++
		case c < utf8.RuneSelf:
			return 0, false // a control character
		default:
			n := xmlRune(in[i:])
			if n == 0 {
				return 0, false
			}
			i += n
		}
	}
}

// xmlRune returns the length of the UTF-8 sequence b starts with (its
// first byte is not ASCII), 0 when it is invalid or no XML character.
// The usual two- and three-byte sequences are checked here, the rest by
// utf8.DecodeRune.
func xmlRune(b []byte) int {
	cont := func(c byte) bool { return c&0xC0 == 0x80 }
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF && len(b) >= 2:
		if cont(b[1]) {
			return 2
		}
		return 0
	case (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && len(b) >= 3:
		// U+FFFE and U+FFFF (EF BF BE, EF BF BF) are no XML characters.
		if !cont(b[1]) || !cont(b[2]) || c == 0xEF && b[1] == 0xBF && b[2] >= 0xBE {
			return 0
		}
		return 3
	}
	r, n := utf8.DecodeRune(b)
	if r == utf8.RuneError && n == 1 || !isXMLChar(r) {
		return 0
	}
	return n
}

// entity appends the entity or character reference at i.
func (s *xmlScan) entity(i int) (int, bool) {
	in := s.in
	end := bytes.IndexByte(in[i:min(len(in), i+12)], ';')
	if end < 0 {
		return 0, false
	}
	ref := in[i+1 : i+end]
	next := i + end + 1
	switch string(ref) {
	case "lt":
		s.buf = append(s.buf, '<')
	case "gt":
		s.buf = append(s.buf, '>')
	case "amp":
		s.buf = append(s.buf, '&')
	case "apos":
		s.buf = append(s.buf, '\'')
	case "quot":
		s.buf = append(s.buf, '"')
	default:
		r, ok := charRef(ref)
		if !ok {
			return 0, false
		}
		s.buf = utf8.AppendRune(s.buf, r)
	}
	return next, true
}

// charRef reads "#65" or "#x41" (lower-case x, as encoding/xml) to an XML
// character; a surrogate is left to encoding/xml.
func charRef(ref []byte) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		r = r*base + d
	}
	if r >= 0xD800 && r <= 0xDFFF || !isXMLChar(r) {
		return 0, false
	}
	return r, true
}

// isXMLChar is XML 1.0's Char production (encoding/xml's
// isInCharacterRange).
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func (s *xmlScan) endTag() (*xtok, error) {
	n, ok := s.name(s.pos + 2)
	if !ok {
		return nil, errSlow
	}
	i := s.space(n.to)
	if i >= len(s.in) || s.in[i] != '>' || len(s.open) == 0 {
		return nil, errSlow
	}
	top := s.open[len(s.open)-1]
	if !bytes.Equal(s.in[top.from:top.to], s.in[n.from:n.to]) {
		return nil, errSlow
	}
	s.open = s.open[:len(s.open)-1]
	t := &s.tok
	t.kind = xEnd
	t.space, t.local = s.split(n)
	s.pos = i + 1
	return t, nil
}

// comment reads <!-- … -->; CDATA and directives are left to
// encoding/xml.
func (s *xmlScan) comment() (*xtok, error) {
	in := s.in
	from := s.pos + 4
	if from > len(in) || string(in[s.pos:from]) != "<!--" {
		return nil, errSlow
	}
	k := bytes.Index(in[from:], []byte("--"))
	if k < 0 || from+k+2 >= len(in) || in[from+k+2] != '>' {
		return nil, errSlow
	}
	t := &s.tok
	t.kind, t.text, s.pos = xComment, in[from:from+k], from+k+3
	return t, nil
}

// procInst reads <?target …?>. The XML declaration is checked as
// encoding/xml checks it: a version other than 1.0 is an error; any
// encoding passes (newDecoder reads every part as bytes).
func (s *xmlScan) procInst() (*xtok, error) {
	in := s.in
	i := s.pos + 2
	if i >= len(in) || nameByte[in[i]] != 2 {
		return nil, errSlow
	}
	j := i + 1
	for j < len(in) && nameByte[in[j]] != 0 {
		j++
	}
	if j < len(in) && in[j] >= utf8.RuneSelf {
		return nil, errSlow
	}
	target := in[i:j]
	from := s.space(j)
	k := bytes.Index(in[from:], []byte("?>"))
	if k < 0 {
		return nil, errSlow
	}
	data := in[from : from+k]
	if string(target) == "xml" {
		if v := procInstParam("version", data); len(v) > 0 && string(v) != "1.0" {
			return nil, errSlow
		}
	}
	t := &s.tok
	t.kind, t.local, t.text, s.pos = xProcInst, target, data, from+k+2
	return t, nil
}

// procInstParam finds param="value" (or '…') in an XML declaration the
// way encoding/xml's procInst does: the first "param=" followed by a
// quote, up to the same quote; nil when there is none.
func procInstParam(param string, s []byte) []byte {
	p := []byte(param + "=")
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := bytes.Index(sub, p)
		if k < 0 || len(p)+k >= len(sub) {
			return nil
		}
		i += len(p) + k + 1
		if c := sub[len(p)+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return nil
	}
	j := bytes.IndexByte(s[i:], sep)
	if j < 0 {
		return nil
	}
	return s[i : i+j]
}
