package xlsx

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ismapcheck/ismapcheck/checklist"
	"golang.org/x/text/width"
)

// fold prepares a cell for comparison with a label: full-width ASCII
// becomes half-width (and half-width katakana full-width), runs of white
// space (including the ideographic space and line breaks) become one
// space, the ends are trimmed and ASCII letters lower-cased. Text outside
// the BMP passes through unchanged.
func fold(s string) string {
	if mayWidthFold(s) {
		s = width.Fold.String(s)
	}
	return foldAfterWidth(s)
}

// foldAfterWidth is the rest of fold, on text already width-folded.
func foldAfterWidth(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u3000' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mayWidthFold reports whether width.Fold may change s. It changes only
// U+3000 (E3 80 80) and U+FF01–U+FFEE (EF BC 81 … EF BF AE), rune by
// rune (TestMayWidthFold checks every rune), so text without those bytes
// skips the transformer, which costs a cell read more than all the rest
// of fold. Invalid UTF-8 always goes through it.
func mayWidthFold(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
		case c == 0xEF, c == 0xE3 && strings.HasPrefix(s[i:], "\u3000"):
			return true
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n <= 1 {
				return true
			}
			i += n - 1
		}
	}
	return false
}

// foldTight is fold without any space at all: "一部 適合" = "一部適合".
func foldTight(s string) string { return strings.ReplaceAll(fold(s), " ", "") }

// foldedLabels caches foldTight of the tool's own labels (column
// headers, cover labels): a finite set, compared with every cell a
// search visits. Never pass cell text here.
var foldedLabels sync.Map // string → string

// foldLabel is foldTight of one of the tool's labels, computed once.
func foldLabel(s string) string {
	if v, ok := foldedLabels.Load(s); ok {
		return v.(string)
	}
	f := foldTight(s)
	foldedLabels.Store(s, f)
	return f
}

// splitCombined splits a cell such as "適合 / Conforms", "適合\nConforms" or
// "適合（Conforms）" into its parts; a cell holding one label gives one part.
func splitCombined(s string) []string {
	s = width.Fold.String(s)
	f := func(r rune) bool {
		switch r {
		case '/', '\n', '\r', '(', ')', '|', '・':
			return true
		}
		return false
	}
	var out []string
	for _, p := range strings.FieldsFunc(s, f) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Status synonyms. The labels of the drop-down (checklist.Status LabelJA
// and LabelEN) are always accepted, alone or combined ("適合 / Conforms").
// Besides them only words that cannot mean two things are read; ○, ×, △,
// Yes, No, OK and NA are refused because a CSP and an agency might read
// them differently (× could be 不適合 or 対象外, NA could be "not
// answered").
//
//	conforms        適合 / Conforms, Conform, Conforming, Compliant
//	partial         一部適合 / Partially conforms, Partial, Partially conforming, Partly conforms
//	nonconforming   不適合 / Does not conform, Nonconforming, Non-conforming, Not conforming, Noncompliant, Non-compliant
//	not_applicable  対象外 / Not applicable, N/A, 該当なし, 非該当
//	unanswered      未回答 / Unanswered (the same as an empty cell)
var statusSynonyms = map[string]checklist.Status{
	"conform":              checklist.StatusConforms,
	"conforming":           checklist.StatusConforms,
	"compliant":            checklist.StatusConforms,
	"partial":              checklist.StatusPartial,
	"partially conforming": checklist.StatusPartial,
	"partly conforms":      checklist.StatusPartial,
	"nonconforming":        checklist.StatusNonconforming,
	"non-conforming":       checklist.StatusNonconforming,
	"not conforming":       checklist.StatusNonconforming,
	"noncompliant":         checklist.StatusNonconforming,
	"non-compliant":        checklist.StatusNonconforming,
	"n/a":                  checklist.StatusNotApplicable,
	"該当なし":                 checklist.StatusNotApplicable,
	"非該当":                  checklist.StatusNotApplicable,
}

var statusWords = func() map[string]checklist.Status {
	m := map[string]checklist.Status{}
	for _, s := range append(append([]checklist.Status(nil), checklist.Statuses...), checklist.StatusUnanswered) {
		m[fold(s.LabelJA())] = s
		m[fold(s.LabelEN())] = s
		m[fold(string(s))] = s
		m[foldTight(s.LabelJA())] = s
	}
	m["not_applicable"] = checklist.StatusNotApplicable
	for k, v := range statusSynonyms {
		m[fold(k)] = v
	}
	return m
}()

// parseStatus reads the status cell. Empty gives StatusUnanswered.
func parseStatus(s string) (checklist.Status, bool) {
	if strings.TrimSpace(s) == "" {
		return checklist.StatusUnanswered, true
	}
	if st, ok := lookupWord(statusWords, s); ok {
		return st, true
	}
	// "N/A" contains the separator; it was tried whole above.
	return lookupCombined(statusWords, s)
}

func lookupWord[T any](m map[string]T, s string) (T, bool) {
	if v, ok := m[fold(s)]; ok {
		return v, true
	}
	v, ok := m[foldTight(s)]
	return v, ok
}

// lookupCombined accepts "JA / EN", "JA\nEN" or "JA（EN）" when every part
// names the same value.
func lookupCombined[T comparable](m map[string]T, s string) (T, bool) {
	var zero T
	parts := splitCombined(s)
	if len(parts) < 2 {
		return zero, false
	}
	var got T
	for i, p := range parts {
		v, ok := lookupWord(m, p)
		if !ok || (i > 0 && v != got) {
			return zero, false
		}
		got = v
	}
	return got, true
}

// allowedStatuses lists the drop-down labels for messages.
func allowedStatuses() (ja, en string) {
	var j, e []string
	for _, s := range checklist.Statuses {
		j = append(j, s.LabelJA())
		e = append(e, s.LabelEN())
	}
	return strings.Join(j, "、"), strings.Join(e, ", ")
}

// Responsibility synonyms besides the drop-down labels:
//
//	csp        CSP, クラウドサービス事業者, 事業者, Provider
//	customer   利用者, Customer
//	shared     共同, Shared, 共有
//	inherited  継承, Inherited
var respWords = func() map[string]checklist.Responsibility {
	m := map[string]checklist.Responsibility{}
	for _, r := range checklist.Responsibilities {
		m[fold(r.LabelJA())] = r
		m[fold(r.LabelEN())] = r
		m[fold(string(r))] = r
	}
	for k, v := range map[string]checklist.Responsibility{
		"クラウドサービス事業者": checklist.RespCSP,
		"事業者":         checklist.RespCSP,
		"provider":    checklist.RespCSP,
		"共有":          checklist.RespShared,
	} {
		m[fold(k)] = v
	}
	return m
}()

func parseResponsibility(s string) (checklist.Responsibility, bool) {
	if v, ok := lookupWord(respWords, s); ok {
		return v, true
	}
	return lookupCombined(respWords, s)
}

func allowedResponsibilities() (ja, en string) {
	var j, e []string
	for _, r := range checklist.Responsibilities {
		j = append(j, r.LabelJA())
		e = append(e, r.LabelEN())
	}
	return strings.Join(j, "、"), strings.Join(e, ", ")
}

// parseChoice reads a choice cell of field f: the whole choice, its
// Japanese part, its English part or the stored value, folded. It returns
// the stored value.
func parseChoice(f CoverField, s string) (string, bool) {
	want := fold(s)
	for _, ch := range f.Choices {
		c, v := ch.Entry, ch.Value
		forms := []string{c, v}
		if ja, en, ok := strings.Cut(c, " / "); ok {
			forms = append(forms, ja, en)
		}
		for _, form := range forms {
			if fold(form) == want || foldTight(form) == foldTight(s) {
				return v, true
			}
		}
	}
	return "", false
}

// headerMatches reports whether a header cell names column c: its Japanese
// label, its English label, or both in one cell ("適合状況\nStatus",
// "適合状況 / Status", "適合状況 Status").
func headerMatches(cell string, c Column) bool {
	got := foldTight(cell)
	if got == "" {
		return false
	}
	ja, en := foldLabel(c.LabelJA), foldLabel(c.LabelEN)
	switch got {
	case ja, en, ja + en, en + ja, ja + "/" + en:
		return true
	}
	// A paraphrase marker such as （参考訳） may be dropped by hand.
	if base, _, ok := strings.Cut(c.LabelJA, "（"); ok && got == foldLabel(base) {
		return true
	}
	if base, _, ok := strings.Cut(c.LabelEN, " ("); ok && got == foldLabel(base) {
		return true
	}
	for _, p := range splitCombined(cell) {
		if fp := foldTight(p); fp != "" && (fp == ja || fp == en) {
			return true
		}
	}
	return false
}
