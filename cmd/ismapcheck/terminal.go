package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Every string that came from an input (answers, reasons, IDs, file
// names, cell text quoted in messages) may hold terminal control
// sequences: ESC [ … (CSI), ESC ] … (OSC, which can set the window title
// or write a hyperlink), the C1 controls that some terminals read as the
// same, or bidirectional overrides that make text read backwards. Text
// output and messages go through termWriter, which shows such characters
// as escapes (\x1b, \u009b, \u202e) instead of sending them raw. JSON
// output goes through jsonSafe. CSV keeps its data as it is (it is for
// spreadsheets, with csvSafe against formulas), and binary output is
// refused on a terminal.

// termUnsafe reports whether r must not reach a terminal raw. Newline and
// tab are layout, kept.
func termUnsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional controls
	}
	return false
}

// termEscape returns s with every unsafe character and invalid byte
// written as an escape.
func termEscape(s string) string {
	if !strings.ContainsFunc(s, termUnsafe) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && termUnsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case termUnsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// termWriter escapes what is written through it (see termEscape). The
// commands write whole lines, so a rune is never split between writes.
type termWriter struct{ w io.Writer }

func (t *termWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, termEscape(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// text is stdout for text meant for a person.
func (a *app) text() io.Writer { return &termWriter{w: a.stdout} }

// jsonSafe writes the C1 controls and bidirectional controls that
// encoding/json leaves raw as \u escapes. Such runes can only occur
// inside JSON strings, where \uXXXX means the same rune, so the JSON is
// unchanged in meaning.
func jsonSafe(b []byte) []byte {
	s := string(b)
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && termUnsafe(r) }) {
		return b
	}
	var out strings.Builder
	for _, r := range s {
		if r >= 0x80 && termUnsafe(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}
