package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fixedMeasure gives full-width runes width 2 and the rest width 1, like a
// monospaced Japanese font.
func fixedMeasure(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"fits", "情報セキュリティ", 40, []string{"情報セキュリティ"}},
		{"cjk break keeps every char", "あいうえおかきくけこ", 8, []string{"あいうえ", "おかきく", "けこ"}},
		{"latin at spaces", "the quick brown fox", 10, []string{"the quick", "brown fox"}},
		{"hard break", "一行目\n二行目", 40, []string{"一行目", "二行目"}},
		{"empty line kept", "上\n\n下", 40, []string{"上", "", "下"}},
		{"empty text", "", 40, []string{""}},
		{"crlf", "a\r\nb", 40, []string{"a", "b"}},
		{"long token force split", "abcdefghijklmnopqrstuvwxyz", 10, []string{"abcdefghij", "klmnopqrst", "uvwxyz"}},
		{"long url in japanese", "参照https://example.jp/a/b/c/d/e/f/g", 12, []string{"参照https://", "example.jp/", "a/b/c/d/e/f/", "g"}},
		{"period not at line start", "あいうえ。かき", 8, []string{"あいう", "え。かき"}},
		{"closing bracket not at line start", "あいう「え」お", 8, []string{"あいう", "「え」お"}},
		{"opening bracket not at line end", "あいう「えお」", 8, []string{"あいう", "「えお」"}},
		{"small kana not at line start", "あいうえっかき", 8, []string{"あいう", "えっかき"}},
		{"prolonged mark not at line start", "あいうえーかき", 8, []string{"あいう", "えーかき"}},
		{"comma not at line start", "あいう、えお", 6, []string{"あい", "う、え", "お"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrapText(tt.text, tt.width, fixedMeasure)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrapText(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
			for _, l := range got {
				if fixedMeasure(l) > tt.width && utf8.RuneCountInString(l) > 1 {
					t.Errorf("line %q is wider (%v) than %v", l, fixedMeasure(l), tt.width)
				}
			}
		})
	}
}

// TestWrapKinsokuAndNoLoss wraps a long Japanese text at many widths and
// checks that no line starts with a forbidden character, none ends with an
// opening bracket, and that no character is lost.
func TestWrapKinsokuAndNoLoss(t *testing.T) {
	text := strings.Repeat("当社は、情報セキュリティ基本方針（「方針」）を定め、全従業員に周知している。ログは九十日間保管し、四半期ごとにレビューする…。バックアップ取得はシステム管理者が行う！「例外」は、承認を要する。", 8)
	for width := 6.0; width <= 60; width += 2 {
		lines := wrapText(text, width, fixedMeasure)
		if got := strings.Join(lines, ""); got != text {
			t.Fatalf("width %v: text changed:\n got %q\nwant %q", width, got, text)
		}
		for i, l := range lines {
			if i > 0 && startsNoLineStart(l) {
				t.Errorf("width %v: line %d starts with a forbidden character: %q", width, i, l)
			}
			if i < len(lines)-1 && endsNoLineEnd(l) {
				t.Errorf("width %v: line %d ends with an opening bracket: %q", width, i, l)
			}
			if fixedMeasure(l) > width {
				t.Errorf("width %v: line %d too wide: %q", width, i, l)
			}
		}
	}
}

func FuzzWrapText(f *testing.F) {
	f.Add("情報セキュリティ方針を定めている。", 10.0)
	f.Add("abc def\n\nghi「」。、", 3.0)
	f.Add("𠮷野家🍣", 1.0)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if width < 2 || width > 1000 || !utf8.ValidString(s) {
			return
		}
		lines := wrapText(s, width, fixedMeasure)
		joined := strings.Join(lines, "")
		strip := func(x string) string {
			x = strings.ReplaceAll(x, "\r", "")
			x = strings.ReplaceAll(x, "\n", "")
			return strings.ReplaceAll(x, " ", "")
		}
		if strip(joined) != strip(s) {
			t.Fatalf("characters lost: %q → %q", s, lines)
		}
	})
}
