package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrFont is returned (wrapped) for a font file the renderer cannot use.
var ErrFont = errors.New("unusable font")

// glyphSet records which BMP runes a font maps to a glyph. fpdf cannot
// show runes outside the BMP at all, so the set covers only the BMP.
type glyphSet struct{ bits [65536 / 64]uint64 }

func (g *glyphSet) add(r rune) {
	if r >= 0 && r < 65536 {
		g.bits[r/64] |= 1 << (uint(r) % 64)
	}
}

// has reports whether r can be drawn with the font.
func (g *glyphSet) has(r rune) bool {
	return r >= 0 && r < 65536 && g.bits[r/64]&(1<<(uint(r)%64)) != 0
}

// parseCmap reads the character map of a TrueType font: the Unicode BMP
// subtable (platform 3 encoding 1, or platform 0) in format 4, which is
// what fpdf itself uses. It also checks that the file is a TrueType font
// at all (fpdf panics on some malformed fonts).
func parseCmap(ttf []byte) (*glyphSet, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("%w: %d bytes is too short for a TrueType font", ErrFont, len(ttf))
	}
	switch v := binary.BigEndian.Uint32(ttf); v {
	case 0x00010000, 0x74727565: // 1.0, "true"
	case 0x4F54544F: // "OTTO"
		return nil, fmt.Errorf("%w: an OpenType font with CFF outlines; a TrueType (glyf) font is needed", ErrFont)
	default:
		return nil, fmt.Errorf("%w: not a TrueType font (signature %08x)", ErrFont, v)
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if 12+16*n > len(ttf) {
		return nil, fmt.Errorf("%w: truncated table directory", ErrFont)
	}
	var cmap []byte
	need := map[string]bool{"cmap": false, "glyf": false, "head": false, "hmtx": false, "loca": false}
	for i := 0; i < n; i++ {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off > len(ttf) || length > len(ttf)-off {
			return nil, fmt.Errorf("%w: table %q lies outside the file", ErrFont, tag)
		}
		if _, ok := need[tag]; ok {
			need[tag] = true
		}
		if tag == "cmap" {
			cmap = ttf[off : off+length]
		}
	}
	for _, tag := range []string{"cmap", "glyf", "head", "hmtx", "loca"} {
		if !need[tag] {
			return nil, fmt.Errorf("%w: no %q table", ErrFont, tag)
		}
	}
	if len(cmap) < 4 {
		return nil, fmt.Errorf("%w: cmap table too short", ErrFont)
	}
	nsub := int(binary.BigEndian.Uint16(cmap[2:]))
	if 4+8*nsub > len(cmap) {
		return nil, fmt.Errorf("%w: truncated cmap", ErrFont)
	}
	var sub []byte
	for i := 0; i < nsub; i++ {
		rec := cmap[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		if (pid == 3 && eid == 1) || pid == 0 {
			sub = cmap[off:]
			if pid == 3 {
				break
			}
		}
	}
	if sub == nil {
		return nil, fmt.Errorf("%w: no Unicode BMP character map (cmap format 4)", ErrFont)
	}
	return parseFormat4(sub)
}

func parseFormat4(t []byte) (*glyphSet, error) {
	bad := fmt.Errorf("%w: malformed cmap format 4", ErrFont)
	if len(t) < 14 {
		return nil, bad
	}
	length := int(binary.BigEndian.Uint16(t[2:]))
	if length < 14 || length > len(t) {
		// Some fonts overstate the length; trust what is there.
		length = len(t)
	}
	t = t[:length]
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	if segX2%2 != 0 || 16+4*segX2 > len(t) {
		return nil, bad
	}
	ends := t[14:]
	starts := t[16+segX2:]
	deltas := t[16+2*segX2:]
	rangeOffs := t[16+3*segX2:]
	g := &glyphSet{}
	for s := 0; s < segX2/2; s++ {
		end := int(binary.BigEndian.Uint16(ends[2*s:]))
		start := int(binary.BigEndian.Uint16(starts[2*s:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*s:]))
		ro := int(binary.BigEndian.Uint16(rangeOffs[2*s:]))
		if start > end {
			return nil, bad
		}
		for c := start; c <= end && c < 0xFFFF; c++ {
			gid := 0
			if ro == 0 {
				gid = (c + delta) & 0xFFFF
			} else {
				// idRangeOffset is relative to its own position.
				pos := 16 + 3*segX2 + 2*s + ro + 2*(c-start)
				if pos+2 > len(t) {
					return nil, bad
				}
				gid = int(binary.BigEndian.Uint16(t[pos:]))
				if gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			if gid != 0 {
				g.add(rune(c))
			}
		}
	}
	return g, nil
}

// CheckFont reports whether ttf is a TrueType font the renderer can use
// for Japanese: parseable, with glyphs for kana, kanji and punctuation.
func CheckFont(ttf []byte) error {
	g, err := parseCmap(ttf)
	if err != nil {
		return err
	}
	for _, r := range "あア漢。" {
		if !g.has(r) {
			return fmt.Errorf("%w: no glyph for %q (U+%04X); the report is Japanese", ErrFont, r, r)
		}
	}
	return nil
}
