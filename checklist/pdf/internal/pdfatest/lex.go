package pdfatest

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

type tokenKind int

const (
	tNumber tokenKind = iota
	tName
	tString
	tArray
	tOther
)

type token struct {
	kind  tokenKind
	text  string // a name without its slash, a number
	bytes []byte // a string's bytes
	elems []token
}

// lex reads a content stream and calls emit with each operator and its
// operands. It knows strings, hex strings, names, numbers, arrays and
// dictionaries (skipped), which is all fpdf writes.
func lex(b []byte, emit func(op string, operands []token)) error {
	var stack []token
	var arrays [][]token
	i := 0
	isDelim := func(c byte) bool {
		switch c {
		case ' ', '\t', '\r', '\n', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
			return true
		}
		return false
	}
	push := func(t token) {
		if len(arrays) > 0 {
			arrays[len(arrays)-1] = append(arrays[len(arrays)-1], t)
			return
		}
		stack = append(stack, t)
	}
	for i < len(b) {
		c := b[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			s, n, err := literal(b[i:])
			if err != nil {
				return err
			}
			push(token{kind: tString, bytes: s})
			i += n
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			depth := 0
			for ; i+1 < len(b); i++ {
				if b[i] == '<' && b[i+1] == '<' {
					depth++
					i++
				} else if b[i] == '>' && b[i+1] == '>' {
					depth--
					i++
					if depth == 0 {
						i++
						break
					}
				}
			}
			push(token{kind: tOther})
		case c == '<':
			j := i + 1
			for j < len(b) && b[j] != '>' {
				j++
			}
			if j >= len(b) {
				return errors.New("unterminated hex string")
			}
			h := make([]byte, 0, j-i)
			for _, x := range b[i+1 : j] {
				if x != ' ' && x != '\n' && x != '\r' && x != '\t' {
					h = append(h, x)
				}
			}
			if len(h)%2 == 1 {
				h = append(h, '0')
			}
			s, err := hex.DecodeString(string(h))
			if err != nil {
				return fmt.Errorf("hex string: %v", err)
			}
			push(token{kind: tString, bytes: s})
			i = j + 1
		case c == '[':
			arrays = append(arrays, nil)
			i++
		case c == ']':
			if len(arrays) == 0 {
				return errors.New("unbalanced ]")
			}
			a := arrays[len(arrays)-1]
			arrays = arrays[:len(arrays)-1]
			push(token{kind: tArray, elems: a})
			i++
		case c == '/':
			j := i + 1
			for j < len(b) && !isDelim(b[j]) {
				j++
			}
			push(token{kind: tName, text: string(b[i+1 : j])})
			i = j
		default:
			j := i
			for j < len(b) && !isDelim(b[j]) {
				j++
			}
			if j == i {
				return fmt.Errorf("unexpected byte %q at %d", c, i)
			}
			w := string(b[i:j])
			i = j
			if (w[0] >= '0' && w[0] <= '9') || w[0] == '-' || w[0] == '+' || w[0] == '.' {
				push(token{kind: tNumber, text: w})
				continue
			}
			if w == "true" || w == "false" || w == "null" {
				push(token{kind: tOther, text: w})
				continue
			}
			if len(arrays) > 0 {
				return fmt.Errorf("operator %s inside an array", w)
			}
			emit(w, stack)
			stack = stack[:0]
			if w == "BI" {
				return nil // inline image data follows; the caller reports it
			}
		}
	}
	return nil
}

// literal reads a (string) with nesting and escapes; n is its length.
func literal(b []byte) (s []byte, n int, err error) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\\':
			i++
			if i >= len(b) {
				return nil, 0, errors.New("unterminated string")
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
					v := 0
					k := 0
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
	return nil, 0, errors.New("unterminated string")
}

// trueType is what the checks need of an embedded TrueType program.
type trueType struct {
	unitsPerEm int
	numGlyphs  int
	loca       []int
	hmtx       []byte
	nHMetrics  int
}

func parseTrueType(b []byte) (*trueType, error) {
	if len(b) < 12 {
		return nil, errors.New("too short")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errors.New("table directory truncated")
		}
		tag := string(b[rec : rec+4])
		off, ln := int(binary.BigEndian.Uint32(b[rec+8:])), int(binary.BigEndian.Uint32(b[rec+12:]))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, fmt.Errorf("table %s out of range", tag)
		}
		tables[tag] = b[off : off+ln]
	}
	for _, t := range []string{"head", "maxp", "hhea", "hmtx", "loca", "glyf"} {
		if tables[t] == nil {
			return nil, fmt.Errorf("no %s table", t)
		}
	}
	head, maxp, hhea := tables["head"], tables["maxp"], tables["hhea"]
	if len(head) < 54 || len(maxp) < 6 || len(hhea) < 36 {
		return nil, errors.New("short head, maxp or hhea")
	}
	tt := &trueType{
		unitsPerEm: int(binary.BigEndian.Uint16(head[18:])),
		numGlyphs:  int(binary.BigEndian.Uint16(maxp[4:])),
		nHMetrics:  int(binary.BigEndian.Uint16(hhea[34:])),
		hmtx:       tables["hmtx"],
	}
	if tt.unitsPerEm == 0 || tt.nHMetrics == 0 || len(tt.hmtx) < 4*tt.nHMetrics {
		return nil, errors.New("bad unitsPerEm or hmtx")
	}
	long := binary.BigEndian.Uint16(head[50:]) == 1
	loca := tables["loca"]
	for g := 0; g <= tt.numGlyphs; g++ {
		switch {
		case long && 4*g+4 <= len(loca):
			tt.loca = append(tt.loca, int(binary.BigEndian.Uint32(loca[4*g:])))
		case !long && 2*g+2 <= len(loca):
			tt.loca = append(tt.loca, 2*int(binary.BigEndian.Uint16(loca[2*g:])))
		default:
			return nil, errors.New("loca shorter than numGlyphs")
		}
	}
	return tt, nil
}

// empty reports whether glyph g has no outline data.
func (t *trueType) empty(g int) bool { return t.loca[g+1] <= t.loca[g] }

// advance is the advance width of glyph g in font units.
func (t *trueType) advance(g int) int {
	if g >= t.nHMetrics {
		g = t.nHMetrics - 1
	}
	return int(binary.BigEndian.Uint16(t.hmtx[4*g:]))
}

func parseTime(layout, s string) (time.Time, error) { return time.Parse(layout, s) }
