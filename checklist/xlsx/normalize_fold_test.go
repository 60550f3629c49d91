package xlsx

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// slowFold is fold as it was: width.Fold on every text.
func slowFold(s string) string {
	return foldAfterWidth(width.Fold.String(s))
}

// TestMayWidthFold: fold with the shortcut equals fold through
// width.Fold for every rune alone, inside text, and for invalid UTF-8;
// mayWidthFold is false exactly where width.Fold changes nothing.
func TestMayWidthFold(t *testing.T) {
	// Every rune of the BMP, where the width variants are, and a sample
	// of the planes above.
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r > 0xFFFF {
			r += 256
		}
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if changed := width.Fold.String(s) != s; changed && !mayWidthFold(s) {
			t.Fatalf("U+%04X: width.Fold changes it but mayWidthFold says no", r)
		}
		if r%97 == 0 || r >= 0x3000 && r <= 0x3001 || r >= 0xFF00 {
			in := "適合 " + s + " Conforms"
			if got, want := fold(in), slowFold(in); got != want {
				t.Fatalf("U+%04X: fold %q, want %q", r, got, want)
			}
		}
	}
	tests := []struct{ name, in string }{
		{"ascii", "  Partially   Conforms "},
		{"japanese", "一部適合 / Partially conforms"},
		{"full-width letters", "ＣＯＮＦＯＲＭＳ"},
		{"ideographic space", "一部\u3000適合"},
		{"half-width katakana", "ｶﾞｲﾄﾞ"},
		{"invalid utf-8", "適合\xff\xfe"},
		{"truncated sequence", "適\xe3\x80"},
		{"outside the BMP", "𠮷野家"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := fold(tt.in), slowFold(tt.in); got != want {
				t.Errorf("fold(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}
