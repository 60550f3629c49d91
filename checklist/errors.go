package checklist

import (
	"errors"
	"fmt"
)

// ErrInvalidInput marks an input file that cannot be used at all (not a
// workbook, unreadable, wrong format). Commands exit 3 on it.
var ErrInvalidInput = errors.New("invalid input file")

// Bilingual is implemented by errors that carry a Japanese message besides
// their English Error() text.
type Bilingual interface {
	error
	MessageJA() string
}

// CellError is bad input at one place of a workbook, modelled on
// encoding/csv's ParseError: a user with the workbook open can find the
// cell from the message alone. Err is a sentinel (see the adapters) or
// ErrInvalidInput; JA and EN say what is wrong in words.
type CellError struct {
	File  string
	Sheet string
	Cell  string
	ID    string
	JA    string
	EN    string
	Err   error
}

func (e *CellError) where(ja bool) string {
	s := ""
	if e.File != "" {
		s = fmt.Sprintf("%q", e.File)
	}
	if e.Sheet != "" {
		if ja {
			s += fmt.Sprintf(" シート「%s」", e.Sheet)
		} else {
			s += fmt.Sprintf(" sheet %q", e.Sheet)
		}
	}
	if e.Cell != "" {
		if ja {
			s += " セル " + e.Cell
		} else {
			s += " cell " + e.Cell
		}
	}
	if e.ID != "" {
		s += " (ID " + e.ID + ")"
	}
	return s
}

func (e *CellError) Error() string {
	msg := e.EN
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	if w := e.where(false); w != "" {
		return w + ": " + msg
	}
	return msg
}

// MessageJA renders the error in Japanese.
func (e *CellError) MessageJA() string {
	msg := e.JA
	if msg == "" {
		msg = e.EN
	}
	if w := e.where(true); w != "" {
		return w + ": " + msg
	}
	return msg
}

// Unwrap returns the sentinel.
func (e *CellError) Unwrap() error { return e.Err }

// MessageFrom turns a CellError into a validation Message.
func MessageFrom(sev Severity, code string, e *CellError) Message {
	return Message{Severity: sev, Code: code, File: e.File, Sheet: e.Sheet, Cell: e.Cell, ID: e.ID, TextJA: e.JA, TextEN: e.EN}
}
