package pdf

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/templates"
)

func TestParseCmapIPAex(t *testing.T) {
	g, err := parseCmap(templates.Font())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "Aあア漢〓…（）「」。、①髙﨑ー" {
		if !g.has(r) {
			t.Errorf("IPAex Gothic should have %q (U+%04X)", r, r)
		}
	}
	// Hangul, a Cyrillic rarity, and runes beyond the BMP are not in it.
	for _, r := range []rune{'한', 'ꙮ', '𠮷', '🍣', 0xFFFF} {
		if g.has(r) {
			t.Errorf("IPAex Gothic should lack %q (U+%04X)", r, r)
		}
	}
}

func TestSanitizerReplacesMissingRunes(t *testing.T) {
	g, err := parseCmap(templates.Font())
	if err != nil {
		t.Fatal(err)
	}
	s := newSanitizer(g)
	tests := []struct{ in, want string }{
		{"安全", "安全"},
		{"𠮷野家", "〓野家"},
		{"한국", "〓〓"},
		{"a\tb\r\nc\x00d", "a b\nc〓d"},
	}
	for _, tt := range tests {
		if got := s.clean(tt.in, "here"); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	want := []rune{0x20BB7, '한', '국', 0}
	if len(s.list) != len(want) {
		t.Fatalf("recorded %+v", s.list)
	}
	for i, r := range want {
		if s.list[i].Rune != r || s.list[i].Where != "here" {
			t.Errorf("recorded %d = %+v, want U+%04X here", i, s.list[i], r)
		}
	}
}

func TestCheckFont(t *testing.T) {
	if err := CheckFont(templates.Font()); err != nil {
		t.Errorf("IPAex Gothic rejected: %v", err)
	}
	const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	latin, err := os.ReadFile(dejavu)
	if err != nil {
		t.Skipf("%s not installed", dejavu)
	}
	if err := CheckFont(latin); !errors.Is(err, ErrFont) || !strings.Contains(err.Error(), "U+3042") {
		t.Errorf("CheckFont(DejaVu Sans) = %v, want a missing-kana error", err)
	}
}
