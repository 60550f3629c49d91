package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// Reading the entries of an untrusted zip archive under the limits, and
// the errors that name what is wrong with it.

// decrypt opens an encrypted OOXML package; a hostile compound file must
// not bring the process down, so a panic becomes an error.
func decrypt(data []byte, password string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("decrypting: %v", r)
		}
	}()
	return excelize.Decrypt(data, &excelize.Options{Password: password})
}

// unzipper opens the entries of one archive under the limits, counting
// the bytes all entries really produce.
type unzipper struct {
	file  string // the workbook, for errors
	lim   Limits
	total int64
}

// limitedEntry streams one zip entry, enforcing the per-entry size, the
// total size and the compression ratio on the bytes really produced.
type limitedEntry struct {
	rc  io.ReadCloser
	f   *zip.File
	z   *unzipper
	n   int64
	err error
}

func (z *unzipper) open(f *zip.File) (*limitedEntry, error) {
	if f.UncompressedSize64 > uint64(z.lim.EntrySize) {
		return nil, bombError(z.file, f.Name, fmt.Sprintf("declared %d bytes", f.UncompressedSize64))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, entryError(z.file, f.Name, err)
	}
	return &limitedEntry{rc: rc, f: f, z: z}, nil
}

func (l *limitedEntry) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.rc.Read(p)
	l.n += int64(n)
	l.z.total += int64(n)
	lim, file := l.z.lim, l.z.file
	switch {
	case l.n > lim.EntrySize:
		l.err = bombError(file, l.f.Name, fmt.Sprintf("more than %d bytes", lim.EntrySize))
	case l.z.total > lim.TotalSize:
		l.err = bombError(file, l.f.Name, fmt.Sprintf("the archive expands to more than %d bytes", lim.TotalSize))
	case l.n > ratioFloor && l.n > lim.Ratio*int64(max(l.f.CompressedSize64, 1)):
		l.err = bombError(file, l.f.Name, fmt.Sprintf("compression ratio above %d:1", lim.Ratio))
	}
	if l.err != nil {
		return n, l.err
	}
	return n, err
}

// finish drains what the parser left (trailing bytes after the root
// element) so the CRC is checked, and closes the entry.
func (l *limitedEntry) finish() error {
	if _, err := io.Copy(io.Discard, l); err != nil {
		return err
	}
	return l.rc.Close()
}

func bombError(file, entry, what string) *checklist.CellError {
	return fatal(file, "", "", ErrZipBomb,
		fmt.Sprintf("ZIP内の %q の展開後サイズが上限を超えます（%s）。圧縮爆弾の疑いがあります", entry, what),
		fmt.Sprintf("zip entry %q expands beyond the limits (%s); possibly a zip bomb", entry, what))
}

func entryError(file, entry string, err error) error {
	var ce *checklist.CellError
	if errors.As(err, &ce) {
		return ce
	}
	if errors.Is(err, zip.ErrChecksum) {
		return fatal(file, "", "", ErrCorrupt,
			fmt.Sprintf("ZIP内の %q のCRCが一致しません（ファイルが壊れています）", entry),
			fmt.Sprintf("zip entry %q fails its CRC check (the file is damaged)", entry))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zip.ErrFormat) {
		return fatal(file, "", "", ErrTruncated,
			fmt.Sprintf("ZIP内の %q が途中で切れています", entry),
			fmt.Sprintf("zip entry %q is truncated", entry))
	}
	return fatal(file, "", "", ErrCorrupt,
		fmt.Sprintf("ZIP内の %q を読めません: %v", entry, err),
		fmt.Sprintf("zip entry %q cannot be read: %v", entry, err))
}

// readEntry reads a small entry whole, with the limits.
func (z *unzipper) readEntry(f *zip.File) ([]byte, error) {
	rc, err := z.open(f)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(rc)
	if err == nil {
		err = rc.rc.Close()
	}
	if err != nil {
		return nil, entryError(z.file, f.Name, err)
	}
	return b, nil
}

func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = true
	// Parts declaring another encoding are decoded as bytes; well-formedness
	// is all that is checked here.
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return d
}

// wellFormed reads an XML document to its end.
func wellFormed(src xsource) error {
	root := false
	for {
		t, err := src.next()
		if err == io.EOF {
			if !root {
				return errors.New("no root element")
			}
			return nil
		}
		if err != nil {
			return err
		}
		if t.kind == xStart {
			root = true
		}
	}
}

// fastPartSize bounds the parts read whole into memory for the fast
// tokenizer; a larger one is streamed through encoding/xml.
const fastPartSize = 16 << 20

// readPart runs consume over the tokens of the XML part b: the fast
// tokenizer's, or encoding/xml's when the part leaves the fast subset.
// consume starts afresh on each call and returns errSlow unchanged.
func readPart(b []byte, consume func(xsource) error) error {
	if err := consume(newXMLScan(b)); err != errSlow {
		return err
	}
	return consume(newSlowSource(bytes.NewReader(b)))
}

// tokens runs consume over the tokens of the entry l (just opened) and
// returns the entry it read, to be finished. A part that reads whole
// without error goes through readPart; any other (an error of the zip
// entry, a part over fastPartSize) is opened again and streamed through
// encoding/xml as it always was, so that the error and what the part
// held before it are reported as before.
func (z *unzipper) tokens(l *limitedEntry, consume func(xsource, *limitedEntry) error) (*limitedEntry, error) {
	if l.f.UncompressedSize64 <= fastPartSize {
		before := z.total - l.n
		if b, err := readWhole(l); err == nil {
			return l, readPart(b, func(src xsource) error { return consume(src, l) })
		}
		l.rc.Close()
		z.total = before
		var err error
		if l, err = z.open(l.f); err != nil {
			return nil, err
		}
	}
	return l, consume(newSlowSource(l), l)
}

// errLargePart stops readWhole past fastPartSize.
var errLargePart = errors.New("part too large to read whole")

// readWhole reads the rest of l, at most fastPartSize bytes. The declared
// size sizes the buffer only up to 256 KiB: it is a claim, and a thousand
// entries each claiming megabytes must not make a thousand large buffers.
func readWhole(l *limitedEntry) ([]byte, error) {
	b := make([]byte, 0, min(l.f.UncompressedSize64, 256<<10)+1)
	for {
		if len(b) == cap(b) {
			if len(b) > fastPartSize {
				return nil, errLargePart
			}
			b = append(b, 0)[:len(b)]
		}
		n, err := l.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func xmlErrorFrom(l *limitedEntry, file, entry string, err error) error {
	if l.err != nil {
		return l.err
	}
	return xmlError(file, "", entry, err)
}

func xmlError(file, sheet, entry string, err error) error {
	var ce *checklist.CellError
	if errors.As(err, &ce) {
		return ce
	}
	if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) && !isXMLSyntax(err) {
		return entryError(file, entry, err)
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF") {
		return fatal(file, sheet, "", ErrTruncated,
			fmt.Sprintf("%q のXMLが途中で終わっています（%d行目）", entry, se.Line),
			fmt.Sprintf("the XML of %q ends early (line %d): the part is truncated", entry, se.Line))
	}
	return fatal(file, sheet, "", ErrCorrupt,
		fmt.Sprintf("%q のXMLが壊れています: %v", entry, err),
		fmt.Sprintf("the XML of %q is malformed: %v", entry, err))
}

func isXMLSyntax(err error) bool {
	var se *xml.SyntaxError
	return errors.As(err, &se)
}

// tokenReader gives what Decoder.Token checks beyond RawToken (every end
// tag matches its start tag, no element is left open at the end, with
// the same errors) without the namespace translation no part needs here:
// the parts are matched by local names. Names compare as Token compares
// them, by prefix and local name before any translation.
type tokenReader struct {
	d     *xml.Decoder
	stack []xml.Name
}

func newTokenReader(r io.Reader) *tokenReader { return &tokenReader{d: newDecoder(r)} }

// Token returns the next token as RawToken does, or Token's error.
func (t *tokenReader) Token() (xml.Token, error) {
	tok, err := t.d.RawToken()
	if err != nil {
		if err == io.EOF && len(t.stack) > 0 {
			return nil, t.syntax("unexpected EOF")
		}
		return nil, err
	}
	switch e := tok.(type) {
	case xml.StartElement:
		t.stack = append(t.stack, e.Name)
	case xml.EndElement:
		n := len(t.stack)
		if n == 0 {
			return nil, t.syntax("unexpected end element </" + e.Name.Local + ">")
		}
		s := t.stack[n-1]
		t.stack = t.stack[:n-1]
		switch {
		case s.Local != e.Name.Local:
			return nil, t.syntax("element <" + s.Local + "> closed by </" + e.Name.Local + ">")
		case s.Space != e.Name.Space:
			ns := e.Name.Space
			if ns == "" {
				ns = `""`
			}
			return nil, t.syntax("element <" + s.Local + "> in space " + s.Space + " closed by </" + e.Name.Local + "> in space " + ns)
		}
	}
	return tok, nil
}

func (t *tokenReader) syntax(msg string) error {
	line, _ := t.d.InputPos()
	return &xml.SyntaxError{Msg: msg, Line: line}
}

// slowSource gives tokenReader's tokens as light tokens, for the parts
// the fast tokenizer leaves to encoding/xml.
type slowSource struct {
	r   *tokenReader
	tok xtok
}

func newSlowSource(r io.Reader) *slowSource { return &slowSource{r: newTokenReader(r)} }

func (s *slowSource) next() (*xtok, error) {
	tok, err := s.r.Token()
	if err != nil {
		return nil, err
	}
	t := &s.tok
	t.space, t.local, t.text, t.attrs = nil, nil, nil, t.attrs[:0]
	switch e := tok.(type) {
	case xml.StartElement:
		t.kind, t.space, t.local = xStart, []byte(e.Name.Space), []byte(e.Name.Local)
		for _, a := range e.Attr {
			t.attrs = append(t.attrs, xattr{[]byte(a.Name.Space), []byte(a.Name.Local), []byte(a.Value)})
		}
	case xml.EndElement:
		t.kind, t.space, t.local = xEnd, []byte(e.Name.Space), []byte(e.Name.Local)
	case xml.CharData:
		t.kind, t.text = xText, e
	case xml.Comment:
		t.kind, t.text = xComment, e
	case xml.ProcInst:
		t.kind, t.local, t.text = xProcInst, []byte(e.Target), e.Inst
	case xml.Directive:
		t.kind, t.text = xDirective, e
	}
	return t, nil
}
