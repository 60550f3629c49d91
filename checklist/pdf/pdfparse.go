package pdf

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf16"
)

// The object syntax Extract reads (ISO 32000-1, 7.3): a small recursive
// parser over the file's bytes, with a depth limit.

// name is a PDF name without its slash; hexString a <…> string's bytes;
// literal strings are string.
type (
	name      string
	hexString string
)

// textString decodes a PDF text string (UTF-16BE with a BOM, else bytes
// as they are).
func textString(v any) string {
	var b []byte
	switch s := v.(type) {
	case string:
		b = []byte(s)
	case hexString:
		b = []byte(s)
	default:
		return ""
	}
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		units := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(units))
	}
	return string(b)
}

// parser reads PDF objects from b at i.
type parser struct {
	b []byte
	i int
}

func (p *parser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n', '\f', 0:
			p.i++
		case '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

func (p *parser) keyword(k string) bool {
	p.space()
	if bytes.HasPrefix(p.b[p.i:], []byte(k)) {
		p.i += len(k)
		return true
	}
	return false
}

func (p *parser) integer() (int, bool) {
	j := p.i
	if j < len(p.b) && (p.b[j] == '-' || p.b[j] == '+') {
		j++
	}
	k := j
	for k < len(p.b) && p.b[k] >= '0' && p.b[k] <= '9' && k-j < 12 {
		k++
	}
	if k == j {
		return 0, false
	}
	n, err := strconv.Atoi(string(p.b[p.i:k]))
	if err != nil {
		return 0, false
	}
	p.i = k
	return n, true
}

func isDelimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

var errSyntax = errors.New("syntax error")

// value reads one object: dictionaries become map[string]any, arrays
// []any, names name, strings string or hexString, integers int, reals
// float64, references pdfRef, booleans bool, null nil.
func (p *parser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, errors.New("nesting too deep")
	}
	p.space()
	if p.i >= len(p.b) {
		return nil, io.ErrUnexpectedEOF
	}
	switch c := p.b[p.i]; {
	case c == '<' && p.i+1 < len(p.b) && p.b[p.i+1] == '<':
		return p.dictionary(depth)
	case c == '<':
		return p.hex()
	case c == '(':
		return p.literal()
	case c == '/':
		return p.nameObject(), nil
	case c == '[':
		return p.array(depth)
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		return p.constant()
	}
}

// dictionary reads << /key value … >> at p.i, its entries one level
// deeper than depth.
func (p *parser) dictionary(depth int) (any, error) {
	p.i += 2
	d := map[string]any{}
	for {
		p.space()
		if p.i+1 < len(p.b) && p.b[p.i] == '>' && p.b[p.i+1] == '>' {
			p.i += 2
			return d, nil
		}
		k, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		key, ok := k.(name)
		if !ok {
			return nil, errSyntax
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		d[string(key)] = v
	}
}

// hex reads <hex digits> at p.i; white space is skipped and an odd
// last digit is followed by 0 (ISO 32000-1, 7.3.4.3).
func (p *parser) hex() (any, error) {
	end := bytes.IndexByte(p.b[p.i:], '>')
	if end < 0 {
		return nil, errSyntax
	}
	digits := bytes.Join(bytes.Fields(p.b[p.i+1:p.i+end]), nil)
	p.i += end + 1
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for k := range out {
		v, err := strconv.ParseUint(string(digits[2*k:2*k+2]), 16, 8)
		if err != nil {
			return nil, errSyntax
		}
		out[k] = byte(v)
	}
	return hexString(out), nil
}

// literal reads a (literal string) at p.i.
func (p *parser) literal() (any, error) {
	s, n, err := literalString(p.b[p.i:])
	if err != nil {
		return nil, err
	}
	p.i += n
	return string(s), nil
}

// nameObject reads a /name at p.i, decoding #xx escapes.
func (p *parser) nameObject() name {
	j := p.i + 1
	for j < len(p.b) && !isDelimiter(p.b[j]) {
		j++
	}
	raw := p.b[p.i+1 : j]
	p.i = j
	var nm []byte
	for k := 0; k < len(raw); k++ {
		if raw[k] == '#' && k+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[k+1:k+3]), 16, 8); err == nil {
				nm = append(nm, byte(v))
				k += 2
				continue
			}
		}
		nm = append(nm, raw[k])
	}
	return name(nm)
}

// array reads [ value … ] at p.i, its elements one level deeper than
// depth.
func (p *parser) array(depth int) (any, error) {
	p.i++
	var arr []any
	for {
		p.space()
		if p.i < len(p.b) && p.b[p.i] == ']' {
			p.i++
			return arr, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
}

// number reads an integer, a reference "n g R" or a real at p.i.
func (p *parser) number() (any, error) {
	start := p.i
	n, ok := p.integer()
	if ok && (p.i >= len(p.b) || p.b[p.i] != '.') {
		// "n g R" is a reference.
		save := p.i
		p.space()
		if g, ok := p.integer(); ok {
			p.space()
			if p.i < len(p.b) && p.b[p.i] == 'R' && (p.i+1 >= len(p.b) || isDelimiter(p.b[p.i+1])) {
				p.i++
				return pdfRef{n, g}, nil
			}
		}
		p.i = save
		return n, nil
	}
	p.i = start
	j := p.i
	for j < len(p.b) && !isDelimiter(p.b[j]) {
		j++
	}
	f, err := strconv.ParseFloat(string(p.b[p.i:j]), 64)
	if err != nil {
		return nil, errSyntax
	}
	p.i = j
	return f, nil
}

// constant reads true, false or null at p.i; any other word is a syntax
// error.
func (p *parser) constant() (any, error) {
	j := p.i
	for j < len(p.b) && !isDelimiter(p.b[j]) {
		j++
	}
	w := string(p.b[p.i:j])
	p.i = j
	switch w {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	return nil, errSyntax
}

// literalString reads a (string) with nesting and escapes; n is its length.
func literalString(b []byte) (s []byte, n int, err error) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\\':
			i++
			if i >= len(b) {
				return nil, 0, errSyntax
			}
			switch e := b[i]; e {
			case 'n':
				s = append(s, '\n')
			case 'r':
				s = append(s, '\r')
			case 't':
				s = append(s, '\t')
			case 'b':
				s = append(s, '\b')
			case 'f':
				s = append(s, '\f')
			case '\r', '\n':
			default:
				if e >= '0' && e <= '7' {
					v, k := 0, 0
					for ; k < 3 && i+k < len(b) && b[i+k] >= '0' && b[i+k] <= '7'; k++ {
						v = v*8 + int(b[i+k]-'0')
					}
					s = append(s, byte(v))
					i += k - 1
				} else {
					s = append(s, e)
				}
			}
		case '(':
			if depth > 0 {
				s = append(s, c)
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				return s, i + 1, nil
			}
			s = append(s, c)
		default:
			s = append(s, c)
		}
	}
	return nil, 0, errSyntax
}
