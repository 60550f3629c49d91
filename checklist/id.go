package checklist

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrBadID is returned (wrapped) by ParseID for text that is not a
// requirement or heading ID of the ISMAP control criteria.
var ErrBadID = errors.New("bad requirement ID")

// ID is a parsed, normalised requirement ID such as 9.2.3, 6.3.1.P or
// 9.2.3.11.PB. Nums holds the numeric parts; P and B the suffix flags.
type ID struct {
	Nums []int
	P    bool
	B    bool
}

// maxIDParts bounds the numeric parts of an ID: X.X.X.N is the deepest form.
const maxIDParts = 4

// NormalizeID folds full-width digits, letters and dots to ASCII, removes
// surrounding space (including the ideographic space), drops an "A." prefix
// and upper-cases the suffix. It does not check the shape; see ParseID.
func NormalizeID(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		r = foldFullWidth(r)
		switch {
		case r == '。' || r == '｡':
			r = '.'
		case r == '\u3000':
			r = ' '
		}
		b.WriteRune(r)
	}
	out := strings.ToUpper(strings.TrimSpace(b.String()))
	out = strings.TrimPrefix(out, "A.")
	return strings.TrimSpace(out)
}

// ParseID parses a requirement or heading ID after NormalizeID. Accepted
// forms: "3", "9.2", "6.3.P", "9.2.3", "8.1.5.P", "9.2.3.11.PB", "9.4.2.2.B".
func ParseID(s string) (ID, error) {
	n := NormalizeID(s)
	if n == "" {
		return ID{}, fmt.Errorf("%w: empty", ErrBadID)
	}
	if len(n) > 32 {
		return ID{}, fmt.Errorf("%w: %q is too long", ErrBadID, truncate(n, 32))
	}
	parts := strings.Split(n, ".")
	var id ID
	suffix := ""
	if last := parts[len(parts)-1]; last == "P" || last == "B" || last == "PB" {
		suffix = last
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 || len(parts) > maxIDParts {
		return ID{}, fmt.Errorf("%w: %q", ErrBadID, n)
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 || strings.Trim(p, "0123456789") != "" {
			return ID{}, fmt.Errorf("%w: %q", ErrBadID, n)
		}
		v, err := strconv.Atoi(p) // digits only: Atoi alone would take "+2"
		if err != nil || (len(p) > 1 && p[0] == '0') {
			return ID{}, fmt.Errorf("%w: %q", ErrBadID, n)
		}
		id.Nums = append(id.Nums, v)
	}
	id.P = strings.Contains(suffix, "P")
	id.B = strings.Contains(suffix, "B")
	if id.B && len(id.Nums) != 4 {
		return ID{}, fmt.Errorf("%w: %q: a B suffix belongs to a detailed control (four numbers)", ErrBadID, n)
	}
	if id.P && len(id.Nums) < 2 {
		return ID{}, fmt.Errorf("%w: %q", ErrBadID, n)
	}
	return id, nil
}

// String renders the ID in its canonical form, never with an "A." prefix.
func (id ID) String() string {
	var b strings.Builder
	for i, v := range id.Nums {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(v))
	}
	switch {
	case id.P && id.B:
		b.WriteString(".PB")
	case id.P:
		b.WriteString(".P")
	case id.B:
		b.WriteString(".B")
	}
	return b.String()
}

// Depth is the number of numeric parts.
func (id ID) Depth() int { return len(id.Nums) }

// Chapter is the first number (3 to 18 in the 2022-04-01 edition).
func (id ID) Chapter() int {
	if len(id.Nums) == 0 {
		return 0
	}
	return id.Nums[0]
}

// Suffix returns "", "P", "B" or "PB".
func (id ID) Suffix() string {
	s := ""
	if id.P {
		s += "P"
	}
	if id.B {
		s += "B"
	}
	return s
}

// CanonicalID normalises and re-renders s, or returns ErrBadID.
func CanonicalID(s string) (string, error) {
	id, err := ParseID(s)
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// foldFullWidth maps a full-width ASCII character (Ｕ+FF01–FF5E: digits,
// letters, '．', '－', '／' …) to its ASCII form and leaves any other rune
// alone. Japanese input methods produce these in IDs and dates.
func foldFullWidth(r rune) rune {
	if r >= '！' && r <= '～' {
		return r - '！' + '!'
	}
	return r
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
