package pdfatest

import (
	"encoding/binary"
	"testing"
)

// fakeTrueType has glyphs 0–3: 0 .notdef, 1 a space (no outline), 2 and
// 3 with outlines; advances 1000, 500, 1000, 600 in a 1000-unit em.
func fakeFont() *font {
	hmtx := make([]byte, 16)
	for g, adv := range []uint16{1000, 500, 1000, 600} {
		binary.BigEndian.PutUint16(hmtx[4*g:], adv)
	}
	m := make([]byte, 2*0x3100)
	set := func(cid, gid uint16) { binary.BigEndian.PutUint16(m[2*cid:], gid) }
	set(0x20, 1)
	set(0x3042, 2) // あ
	set(0x3044, 3) // い
	set(0x3046, 4) // う: beyond the program
	set(0x3048, 1) // え: mapped to the blank glyph
	return &font{name: "/Fake", cidToGID: m, widths: map[int]float64{0x20: 500, 0x3042: 1000, 0x3044: 900}, dw: 1000,
		tt: &trueType{unitsPerEm: 1000, numGlyphs: 4, loca: []int{0, 10, 10, 20, 30}, hmtx: hmtx, nHMetrics: 4}, checkable: true}
}

func TestContentChecks(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    string // clause, "" for none
	}{
		{"text that is fine", "BT /F1 9 Tf <00203042> Tj ET", ""},
		{"notdef", "BT /F1 9 Tf <0041> Tj ET", ClauseNotdef},
		{"glyph beyond the program", "BT /F1 9 Tf [<3046>] TJ ET", ClauseGlyphsPresent},
		{"glyph without outline", "BT /F1 9 Tf (\x30\x48) Tj ET", ClauseGlyphsPresent},
		{"width disagrees", "BT /F1 9 Tf <3044> Tj ET", ClauseWidths},
		{"CMYK fill", "0 0 0 1 k 0 0 10 10 re f", ClauseDeviceColour},
		{"RGB and gray are fine", "1 0 0 rg 0.5 G /DeviceRGB cs", ""},
		{"unknown font", "BT /F9 9 Tf <3042> Tj ET", ClauseFontsEmbedded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &checker{}
			c.content(1, []byte(tt.content), map[string]*font{"F1": fakeFont()})
			if tt.want == "" {
				if len(c.fails) > 0 {
					t.Errorf("unexpected %v", c.fails)
				}
				return
			}
			for _, f := range c.fails {
				if f.Clause == tt.want {
					return
				}
			}
			t.Errorf("want %q, got %v", tt.want, c.fails)
		})
	}
}
