package checklist

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrBadDate is returned (wrapped) for text that is not a date this tool reads.
var ErrBadDate = errors.New("bad date")

// Date is a calendar date without time or zone. The zero Date means "none".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate builds a date, normalising overflow like time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String renders d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	}
	return sign(d.Day - e.Day)
}

// AddDate adds years, months and days like time.Time.AddDate.
func (d Date) AddDate(y, m, days int) Date { return DateOf(d.Time().AddDate(y, m, days)) }

func sign(v int) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}

// MarshalText renders YYYY-MM-DD ("" for zero).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what ParseDate reads; "" gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Era is a Japanese era (元号) with its first day.
type Era struct {
	Name  string // 令和
	Short string // R
	Start Date
}

// Eras lists the eras ParseDate and FormatWareki know, newest first.
var Eras = []Era{
	{"令和", "R", Date{2019, time.May, 1}},
	{"平成", "H", Date{1989, time.January, 8}},
	{"昭和", "S", Date{1926, time.December, 25}},
	{"大正", "T", Date{1912, time.July, 30}},
	{"明治", "M", Date{1868, time.October, 23}},
}

var (
	reISO    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	reJPWest = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
	reWareki = regexp.MustCompile(`^(令和|平成|昭和|大正|明治|R|H|S|T|M)(元|\d{1,4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$`)
)

// ParseDate reads a date written as ISO (2026-03-31, 2026/3/31), as
// 西暦 with 年月日 (2026年3月31日) or as 和暦 (令和8年3月31日, 令和元年5月1日,
// R8.3.31, H31.4.30). Full-width digits and surrounding spaces are allowed.
// A 和暦 date outside its era (平成32年, 令和元年4月30日) is rejected.
func ParseDate(s string) (Date, error) {
	n := normalizeDateText(s)
	if n == "" {
		return Date{}, fmt.Errorf("%w: empty", ErrBadDate)
	}
	if len(n) > 40 {
		return Date{}, fmt.Errorf("%w: %q", ErrBadDate, truncate(n, 40))
	}
	var y, m, d int
	if g := reISO.FindStringSubmatch(n); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := reJPWest.FindStringSubmatch(n); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := reWareki.FindStringSubmatch(n); g != nil {
		era, ok := eraByName(g[1])
		if !ok {
			return Date{}, fmt.Errorf("%w: %q: unknown era", ErrBadDate, s)
		}
		ey := 1
		if g[2] != "元" {
			ey = atoi(g[2])
		}
		if ey < 1 {
			return Date{}, fmt.Errorf("%w: %q: era year must be 1 or more", ErrBadDate, s)
		}
		y, m, d = era.Start.Year+ey-1, atoi(g[3]), atoi(g[4])
		dt, err := checkedDate(y, m, d, s)
		if err != nil {
			return Date{}, err
		}
		if dt.Before(era.Start) {
			return Date{}, fmt.Errorf("%w: %q is before the first day of %s (%s)", ErrBadDate, s, era.Name, era.Start)
		}
		if next, ok := nextEra(era); ok && !dt.Before(next.Start) {
			return Date{}, fmt.Errorf("%w: %q is after the end of %s (%s began %s)", ErrBadDate, s, era.Name, next.Name, next.Start)
		}
		return dt, nil
	} else {
		return Date{}, fmt.Errorf("%w: %q: use 2026-03-31, 2026年3月31日 or 令和8年3月31日", ErrBadDate, s)
	}
	return checkedDate(y, m, d, s)
}

func checkedDate(y, m, d int, s string) (Date, error) {
	if y < 1868 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, fmt.Errorf("%w: %q: out of range", ErrBadDate, s)
	}
	dt := NewDate(y, time.Month(m), d)
	if dt.Year != y || int(dt.Month) != m || dt.Day != d {
		return Date{}, fmt.Errorf("%w: %q: no such day", ErrBadDate, s)
	}
	return dt, nil
}

func eraByName(n string) (Era, bool) {
	for _, e := range Eras {
		if e.Name == n || e.Short == n {
			return e, true
		}
	}
	return Era{}, false
}

func nextEra(e Era) (Era, bool) {
	for i, x := range Eras {
		if x.Name == e.Name && i > 0 {
			return Eras[i-1], true
		}
	}
	return Era{}, false
}

func atoi(s string) int {
	v, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return v
}

func normalizeDateText(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		r = foldFullWidth(r)
		switch {
		case r >= 'a' && r <= 'z':
			r = r - 'a' + 'A'
		case r == '‐' || r == '−':
			r = '-'
		case r == ' ' || r == '\u3000' || r == '\t':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// WarekiOf returns the era and era year of d; ok is false before 明治.
func WarekiOf(d Date) (era Era, year int, ok bool) {
	for _, e := range Eras {
		if !d.Before(e.Start) {
			return e, d.Year - e.Start.Year + 1, true
		}
	}
	return Era{}, 0, false
}

// FormatWareki renders d as 令和8年3月31日 (元年 for the first year).
func FormatWareki(d Date) string {
	if d.IsZero() {
		return ""
	}
	e, y, ok := WarekiOf(d)
	if !ok {
		return d.String()
	}
	ys := strconv.Itoa(y)
	if y == 1 {
		ys = "元"
	}
	return fmt.Sprintf("%s%s年%d月%d日", e.Name, ys, int(d.Month), d.Day)
}

// FormatJapanese renders d as 令和8年3月31日（2026-03-31）.
func FormatJapanese(d Date) string {
	if d.IsZero() {
		return ""
	}
	return FormatWareki(d) + "（" + d.String() + "）"
}
