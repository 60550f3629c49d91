package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// This file holds the cell-level helpers every workbook the tool writes
// or reads shares: the checklist here and the risk sheet (package
// risksheet). One implementation, so both workbooks clean text, store and
// parse dates and stamp their zip entries the same way.

// SanitizeText returns s as it can be stored in a cell: invalid UTF-8 is
// replaced with U+FFFD and the characters XML 1.0 cannot carry (control
// characters other than tab, CR and LF; lone surrogates; U+FFFE and
// U+FFFF) are removed. Everything else is kept as is, so text from the
// agency or a CSP can never make the workbook unreadable. Store the result
// with SetCellStr (a string cell), never SetCellValue, so text starting
// with = + - @ stays text.
func SanitizeText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	clean := true
	for _, r := range s {
		if !xmlChar(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if xmlChar(r) {
			return r
		}
		return -1
	}, s)
}

func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}

// DateSerial is the Excel serial day number of d in the 1900 date system
// (2026-03-31 is 46112), the value a date cell stores.
func DateSerial(d checklist.Date) int64 {
	epoch := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)
	return int64(d.Time().Sub(epoch) / (24 * time.Hour))
}

// ParseDateCell reads the raw value of a date cell: an Excel serial (a
// number; any fraction, the time of day, is dropped; date1904 selects the
// 1904 date system of the workbook), a date cell's ISO timestamp
// ("2026-03-31T00:00:00"), or text checklist.ParseDate understands (ISO,
// 西暦 with 年月日, 和暦 such as 令和8年3月31日 or R8.3.31). Errors wrap
// checklist.ErrBadDate.
func ParseDateCell(v string, date1904 bool) (checklist.Date, error) {
	s := strings.TrimSpace(v)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		// 1 = 1900-01-01, 2958465 = 9999-12-31.
		if !(f >= 1 && f < 2958466) {
			return checklist.Date{}, fmt.Errorf("%w: serial %s out of range", checklist.ErrBadDate, s)
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
		if err != nil {
			return checklist.Date{}, fmt.Errorf("%w: %v", checklist.ErrBadDate, err)
		}
		return checklist.DateOf(t), nil
	}
	// A date cell (t="d") reads as 2026-03-31T00:00:00.
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	return checklist.ParseDate(s)
}

// WriteDeterministic saves f to w with every zip entry deflated and
// stamped with date (1980-01-01 when date is zero) instead of the clock,
// so the bytes depend only on the content: the same workbook and date
// always give the same file. The caller still owns f (and closes it).
func WriteDeterministic(f *excelize.File, w io.Writer, date checklist.Date) error {
	mod := date.Time()
	if date.IsZero() {
		mod = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &fixedTimeZip{zw: zip.NewWriter(w), mod: mod}
	})
	if err := f.Write(w); err != nil {
		return fmt.Errorf("writing the workbook: %w", err)
	}
	return nil
}

// fixedTimeZip is the zip writer handed to excelize: entries are deflated
// and carry a fixed modification time instead of none or the clock.
type fixedTimeZip struct {
	zw  *zip.Writer
	mod time.Time
}

func (z *fixedTimeZip) Create(name string) (io.Writer, error) {
	return z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.mod})
}

func (z *fixedTimeZip) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

func (z *fixedTimeZip) Close() error { return z.zw.Close() }
