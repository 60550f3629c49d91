package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// fpdf's MultiCell and SplitText drop a character at every line break in
// CJK text and know nothing of 禁則処理, so the renderer wraps text itself:
// UAX #14 line-break opportunities (uniseg), tightened by the Japanese
// line-start and line-end rules below, filled greedily by the font's
// advance widths.

// noLineStart holds characters a line must not begin with (行頭禁則):
// closing brackets, punctuation, small kana, the prolonged sound mark and
// iteration marks. UAX #14 already keeps most of them, but treats small
// kana and ー as ordinary ideographs (class CJ resolved to ID).
const noLineStart = "、。，．,.・：；？！!?)]}）］｝」』】〕〉》〙〗｣’”゛゜ヽヾゝゞ々〻ーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ‐゠–〜～‥…%％"

// noLineEnd holds characters a line must not end with (行末禁則): opening
// brackets and quotes.
const noLineEnd = "(（[［{｛「『【〔〈《〘〖｢‘“"

func startsNoLineStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r != utf8.RuneError && strings.ContainsRune(noLineStart, r)
}

func endsNoLineEnd(s string) bool {
	s = strings.TrimRight(s, " ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != utf8.RuneError && strings.ContainsRune(noLineEnd, r)
}

// wrapText splits s into lines whose width, as measured, does not exceed
// width. "\n" is a hard line break; an empty paragraph gives an empty line.
// Trailing spaces are dropped at a wrap; no other character is lost, so
// joining the lines gives back s without its wrap-point spaces. A token
// wider than a line is split between grapheme clusters.
func wrapText(s string, width float64, measure func(string) float64) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapParagraph(para, width, measure)...)
	}
	return lines
}

// lineSegments returns the pieces of para between permitted line breaks.
func lineSegments(para string) []string {
	var segs []string
	state := -1
	rest := para
	for len(rest) > 0 {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		if len(segs) > 0 && (startsNoLineStart(seg) || endsNoLineEnd(segs[len(segs)-1])) {
			segs[len(segs)-1] += seg
			continue
		}
		segs = append(segs, seg)
	}
	return segs
}

func wrapParagraph(para string, width float64, measure func(string) float64) []string {
	if para == "" {
		return []string{""}
	}
	var lines []string
	var line strings.Builder
	lineW := 0.0 // width of line including its trailing spaces
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineW = 0
	}
	for _, seg := range lineSegments(para) {
		segW := measure(seg)
		trimW := measure(strings.TrimRight(seg, " "))
		if lineW+trimW <= width {
			line.WriteString(seg)
			lineW += segW
			continue
		}
		if line.Len() > 0 {
			flush()
		}
		if trimW <= width {
			line.WriteString(seg)
			lineW = segW
			continue
		}
		// A token wider than the line: split it by width.
		for _, piece := range forceSplit(seg, width, measure) {
			if line.Len() > 0 {
				flush()
			}
			line.WriteString(piece)
			lineW = measure(piece)
		}
	}
	if line.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// forceSplit cuts seg into pieces no wider than width, between grapheme
// clusters, never starting a piece with a line-start-forbidden character
// when that can be helped. Every piece holds at least one cluster.
func forceSplit(seg string, width float64, measure func(string) float64) []string {
	var clusters []string
	g := uniseg.NewGraphemes(seg)
	for g.Next() {
		clusters = append(clusters, g.Str())
	}
	var out []string
	for i := 0; i < len(clusters); {
		w := 0.0
		j := i
		for j < len(clusters) {
			cw := measure(clusters[j])
			if j > i && w+cw > width {
				break
			}
			w += cw
			j++
		}
		// Keep a forbidden line start with the previous piece.
		if j < len(clusters) && j-i > 1 && startsNoLineStart(clusters[j]) {
			j--
		}
		out = append(out, strings.Join(clusters[i:j], ""))
		i = j
	}
	return out
}
