package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// Sentinel errors of the reader. Those that mean "this file cannot be used
// at all" wrap checklist.ErrInvalidInput, so the CLI exits 3 on them; the
// others (ErrFormula, ErrOutOfBounds when used in a message…) only classify
// validation messages. Every error Read returns is a *checklist.CellError
// whose Err is one of these.
var (
	ErrEmpty         = fmt.Errorf("%w: empty file", checklist.ErrInvalidInput)
	ErrNotXLSX       = fmt.Errorf("%w: not an xlsx workbook", checklist.ErrInvalidInput)
	ErrXLS           = fmt.Errorf("%w: Excel 97-2003 .xls workbook", checklist.ErrInvalidInput)
	ErrEncrypted     = fmt.Errorf("%w: password-protected workbook", checklist.ErrInvalidInput)
	ErrPassword      = fmt.Errorf("%w: wrong password", checklist.ErrInvalidInput)
	ErrTooLarge      = fmt.Errorf("%w: file too large", checklist.ErrInvalidInput)
	ErrZipBomb       = fmt.Errorf("%w: archive expands too much", checklist.ErrInvalidInput)
	ErrCorrupt       = fmt.Errorf("%w: damaged workbook", checklist.ErrInvalidInput)
	ErrTruncated     = fmt.Errorf("%w: truncated workbook", checklist.ErrInvalidInput)
	ErrOutOfBounds   = fmt.Errorf("%w: cell outside the readable area", checklist.ErrInvalidInput)
	ErrMissingSheet  = fmt.Errorf("%w: checklist sheet not found", checklist.ErrInvalidInput)
	ErrFormula       = errors.New("formula in a cell")
	ErrInvalidAnswer = errors.New("invalid answer")
)

// Default limits of the pre-scan (see Limits). They are far above what a
// generated checklist or risk sheet needs (about 400 rows, 20 columns,
// well under 1 MiB of XML) and far below what would hurt a machine
// reading 200 files at once.
const (
	DefaultMaxFileSize = 20 << 20  // bytes of the file as given (ReadOptions.MaxFileSize)
	MaxEntries         = 1000      // entries in the zip archive
	MaxEntrySize       = 64 << 20  // real decompressed bytes of one entry
	MaxTotalSize       = 256 << 20 // real decompressed bytes of all entries
	// MaxRatio is the largest decompressed/compressed ratio allowed for an
	// entry once it has grown past ratioFloor bytes. Sheet XML compresses
	// 10–30×; a deflate bomb of zeros reaches 1000×.
	MaxRatio   = 200
	ratioFloor = 4 << 20
	// MaxRows and MaxCols bound every worksheet: a cell beyond them (a
	// stray value at XFD1048576, a million-row sheet) makes the file
	// unreadable rather than slow. MaxCols 50 is column AX.
	MaxRows = 10000
	MaxCols = 50
	// maxFormulaReports bounds the warnings about formulas outside the
	// cells the reader uses.
	maxFormulaReports = 50
)

var (
	zipMagic   = []byte("PK\x03\x04")
	zipEmpty   = []byte("PK\x05\x06")
	oleMagic   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	utf16Enc   = utf16le("EncryptedPackage")
	utf16Info  = utf16le("EncryptionInfo")
	eocdMarker = []byte("PK\x05\x06")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// Limits bound what Prescan accepts. A zero (or negative) field takes the
// package default named beside it, so Limits{} is the ingest reader's
// safety; a caller with other needs (the risk sheet) passes its own.
type Limits struct {
	FileSize  int64 // bytes of the file, and of an encrypted file once decrypted (DefaultMaxFileSize)
	Entries   int   // entries in the zip archive (MaxEntries)
	EntrySize int64 // real decompressed bytes of one entry (MaxEntrySize)
	TotalSize int64 // real decompressed bytes of all entries (MaxTotalSize)
	Ratio     int64 // decompressed/compressed ratio of an entry past 4 MiB (MaxRatio)
	Rows      int   // rows of every worksheet (MaxRows)
	Cols      int   // columns of every worksheet (MaxCols)
}

// withDefaults fills the zero fields.
func (l Limits) withDefaults() Limits {
	def := func(v, d int64) int64 {
		if v <= 0 {
			return d
		}
		return v
	}
	l.FileSize = def(l.FileSize, DefaultMaxFileSize)
	l.Entries = int(def(int64(l.Entries), MaxEntries))
	l.EntrySize = def(l.EntrySize, MaxEntrySize)
	l.TotalSize = def(l.TotalSize, MaxTotalSize)
	l.Ratio = def(l.Ratio, MaxRatio)
	l.Rows = int(def(int64(l.Rows), MaxRows))
	l.Cols = int(def(int64(l.Cols), MaxCols))
	return l
}

// ScanOptions tune Prescan.
type ScanOptions struct {
	Limits Limits
	// Password decrypts a password-protected (encrypted OOXML) workbook;
	// without it such a workbook is refused with ErrEncrypted.
	Password string
}

// SheetPart is one sheet of the workbook as listed in xl/workbook.xml.
type SheetPart struct {
	Name  string
	Part  string // zip entry, e.g. xl/worksheets/sheet1.xml
	State string // "", "hidden" or "veryHidden"
}

// ScanResult is what Prescan learned about a workbook it accepted.
type ScanResult struct {
	Zip       []byte // the OOXML package (decrypted when it was encrypted): hand this to excelize
	Encrypted bool
	Macros    bool // xl/vbaProject.bin present (.xlsm)
	Date1904  bool // the workbook uses the 1904 date system
	Sheets    []SheetPart
	// Formulas maps a sheet name to its cells holding a formula, in
	// document order.
	Formulas map[string][]string
	formula  map[string]map[string]bool
	// Hyperlinks maps a sheet name to the cells a hyperlink covers, in
	// document order (a range is expanded, at most maxLinkCells per sheet).
	Hyperlinks map[string][]string
	// sharedStrings is the number of strings in xl/sharedStrings.xml, or
	// -1 while it has not been counted.
	sharedStrings int
}

// maxLinkCells bounds the hyperlinked cells collected per sheet.
const maxLinkCells = 10000

// HasFormula reports whether cell ("C12") of sheet holds a formula.
func (s *ScanResult) HasFormula(sheet, cell string) bool {
	return s.formula[sheet][cell]
}

func fatal(file, sheet, cell string, sentinel error, ja, en string) *checklist.CellError {
	return &checklist.CellError{File: file, Sheet: sheet, Cell: cell, JA: ja, EN: en, Err: sentinel}
}

// Prescan checks an untrusted workbook with archive/zip and encoding/xml
// before excelize sees it, and refuses what excelize would read slowly,
// partly or not at all: an empty or oversized file; anything but a zip
// archive (an Excel 97-2003 .xls, an .xlsb, an .ods, a Word document, plain
// text), a password-protected workbook without (or with the wrong)
// Password; too many entries, an entry or archive whose real decompressed
// size or compression ratio passes the limits (a zip bomb), an entry
// failing its CRC (every entry is read to its end), a truncated archive or
// part; XML that is not well-formed (every .xml, .rels and .vml part,
// worksheets and sharedStrings included); a worksheet cell beyond
// Limits.Rows × Limits.Cols; a sheet whose part is missing. name is used
// in the errors only. Every error is a *checklist.CellError whose Err is
// one of the sentinels above, all wrapping checklist.ErrInvalidInput.
//
// On success the result lists the sheets, the 1904 date flag, macros and
// every formula cell, so a reader can refuse formulas without asking
// excelize.
func Prescan(data []byte, name string, opt ScanOptions) (*ScanResult, error) {
	lim := opt.Limits.withDefaults()
	maxSize := lim.FileSize
	switch {
	case len(data) == 0:
		return nil, fatal(name, "", "", ErrEmpty, "ファイルが空です（0バイト）", "the file is empty (0 bytes)")
	case int64(len(data)) > maxSize:
		return nil, fatal(name, "", "", ErrTooLarge,
			fmt.Sprintf("ファイルが大きすぎます（%dバイト、上限%dバイト。--max-size で変更できます）", len(data), maxSize),
			fmt.Sprintf("the file is too large (%d bytes, limit %d; see --max-size)", len(data), maxSize))
	}
	sc := &ScanResult{Zip: data, sharedStrings: -1}
	if bytes.HasPrefix(data, oleMagic) {
		// An OLE2 compound file is either a BIFF .xls workbook or an OOXML
		// package encrypted with a password (ECMA-376 agile or standard
		// encryption: streams "EncryptionInfo" and "EncryptedPackage",
		// whose UTF-16 names sit in the directory sectors).
		if !bytes.Contains(data, utf16Enc) || !bytes.Contains(data, utf16Info) {
			return nil, fatal(name, "", "", ErrXLS,
				"Excel 97-2003 形式（.xls）のファイルです。Excel で「Excel ブック（.xlsx）」として保存し直してください",
				"this is an Excel 97-2003 (.xls) file; save it as an Excel workbook (.xlsx) and try again")
		}
		if opt.Password == "" {
			return nil, fatal(name, "", "", ErrEncrypted,
				"パスワードで保護されたブックです。--password でパスワードを指定してください",
				"the workbook is password-protected; give the password with --password")
		}
		dec, err := decrypt(data, opt.Password)
		if err != nil || !bytes.HasPrefix(dec, zipMagic) {
			// A wrong password decrypts to noise, not to a zip archive.
			return nil, fatal(name, "", "", ErrPassword,
				"パスワードが違うか、暗号化されたブックを復号できません",
				"the password is wrong or the encrypted workbook cannot be decrypted")
		}
		if int64(len(dec)) > maxSize {
			return nil, fatal(name, "", "", ErrTooLarge,
				fmt.Sprintf("復号後のファイルが大きすぎます（%dバイト、上限%dバイト）", len(dec), maxSize),
				fmt.Sprintf("the decrypted workbook is too large (%d bytes, limit %d)", len(dec), maxSize))
		}
		sc.Zip, sc.Encrypted = dec, true
		data = dec
	}
	if !bytes.HasPrefix(data, zipMagic) && !bytes.HasPrefix(data, zipEmpty) {
		return nil, fatal(name, "", "", ErrNotXLSX,
			"Excel ブック（.xlsx）ではありません（ZIP形式でない）",
			"not an Excel workbook (.xlsx): the file is not a zip archive")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tail := data[max(0, len(data)-(65535+22)):]
		if !bytes.Contains(tail, eocdMarker) {
			return nil, fatal(name, "", "", ErrTruncated,
				"ファイルが途中で切れています（ZIPの末尾がない）。送付されたファイルをもう一度受け取ってください",
				"the file is truncated (the end of the zip archive is missing); get the file again")
		}
		return nil, fatal(name, "", "", ErrCorrupt,
			"ZIP構造が壊れています: "+err.Error(), "the zip structure is damaged: "+err.Error())
	}
	if len(zr.File) > lim.Entries {
		return nil, fatal(name, "", "", ErrZipBomb,
			fmt.Sprintf("ZIP内のファイル数が多すぎます（%d、上限%d）", len(zr.File), lim.Entries),
			fmt.Sprintf("too many entries in the zip archive (%d, limit %d)", len(zr.File), lim.Entries))
	}
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		key := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if _, dup := entries[key]; dup {
			return nil, fatal(name, "", "", ErrCorrupt,
				fmt.Sprintf("ZIP内に同じ名前のファイルが2つあります: %q", f.Name),
				fmt.Sprintf("the zip archive holds two entries named %q", f.Name))
		}
		entries[key] = f
	}
	if entries["xl/workbook.xml"] == nil {
		ja, en := "Excel ブック（.xlsx）ではありません（xl/workbook.xml がない）", "not an Excel workbook (.xlsx): xl/workbook.xml is missing"
		switch {
		case entries["xl/workbook.bin"] != nil:
			ja, en = "Excel バイナリブック（.xlsb）は読めません。.xlsx で保存してください", "an Excel binary workbook (.xlsb) cannot be read; save it as .xlsx"
		case entries["mimetype"] != nil || entries["content.xml"] != nil:
			ja, en = "OpenDocument（.ods）は読めません。.xlsx で保存してください", "an OpenDocument spreadsheet (.ods) cannot be read; save it as .xlsx"
		case entries["word/document.xml"] != nil:
			ja, en = "Word 文書です。Excel ブック（.xlsx）ではありません", "this is a Word document, not an Excel workbook (.xlsx)"
		}
		return nil, fatal(name, "", "", ErrNotXLSX, ja, en)
	}
	if entries["xl/vbaproject.bin"] != nil {
		sc.Macros = true
	}

	// Worksheet names come from xl/workbook.xml and its relationships.
	z := &unzipper{file: name, lim: lim}
	sheetOf := map[string]string{} // part → sheet name
	wb, err := z.readEntry(entries["xl/workbook.xml"])
	if err != nil {
		return nil, err
	}
	rels := map[string]string{}
	if f := entries["xl/_rels/workbook.xml.rels"]; f != nil {
		b, err := z.readEntry(f)
		if err != nil {
			return nil, err
		}
		if rels, err = parseRels(b, "xl"); err != nil {
			return nil, xmlError(name, "", f.Name, err)
		}
	}
	if sc.Sheets, sc.Date1904, err = parseWorkbook(wb, rels); err != nil {
		return nil, xmlError(name, "", "xl/workbook.xml", err)
	}
	for _, s := range sc.Sheets {
		sheetOf[strings.ToLower(s.Part)] = s.Name
	}

	sc.Formulas = map[string][]string{}
	sc.formula = map[string]map[string]bool{}
	sc.Hyperlinks = map[string][]string{}
	if entries["xl/sharedstrings.xml"] == nil {
		sc.sharedStrings = 0 // no shared string: every index is out of range
		for k := range entries {
			if strings.HasSuffix(k, "sharedstrings.xml") {
				sc.sharedStrings = -1 // a table elsewhere: not checked
			}
		}
	}
	// Read every entry to its end: archive/zip checks the CRC-32 there,
	// and the real (not the declared) size is what counts.
	names := make([]string, 0, len(entries))
	for k := range entries {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		f := entries[k]
		if k == "xl/workbook.xml" || k == "xl/_rels/workbook.xml.rels" || strings.HasSuffix(k, "/") {
			continue
		}
		isXML := strings.HasSuffix(k, ".xml") || strings.HasSuffix(k, ".rels") || strings.HasSuffix(k, ".vml")
		isSheet := strings.HasPrefix(k, "xl/worksheets/") && strings.HasSuffix(k, ".xml") && !strings.Contains(k, "/_rels/")
		rc, err := z.open(f)
		if err != nil {
			return nil, err
		}
		switch {
		case k == "xl/sharedstrings.xml":
			// Sorted names put it before xl/worksheets/: the worksheets'
			// indices are checked against its count.
			sc.sharedStrings, err = countSharedStrings(rc)
			if err != nil {
				err = xmlErrorFrom(rc, name, f.Name, err)
			}
		case isSheet:
			sheet := sheetOf[k]
			if sheet == "" {
				sheet = f.Name
			}
			err = scanWorksheet(rc, name, sheet, sc, lim)
		case isXML:
			err = wellFormed(rc)
			if err != nil {
				err = xmlErrorFrom(rc, name, f.Name, err)
			}
		default:
			_, err = io.Copy(io.Discard, rc)
		}
		if err == nil {
			err = rc.finish()
		}
		if err != nil {
			var ce *checklist.CellError
			if errors.As(err, &ce) {
				return nil, ce
			}
			return nil, entryError(name, f.Name, err)
		}
	}
	for _, s := range sc.Sheets {
		if entries[strings.ToLower(s.Part)] == nil && !strings.HasPrefix(s.Part, "?") {
			return nil, fatal(name, s.Name, "", ErrCorrupt,
				fmt.Sprintf("シートの中身（%s）がありません", s.Part),
				fmt.Sprintf("the sheet's content (%s) is missing from the archive", s.Part))
		}
	}
	return sc, nil
}

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
func wellFormed(r io.Reader) error {
	d := newDecoder(r)
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !root {
				return errors.New("no root element")
			}
			return nil
		}
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.StartElement); ok {
			root = true
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

// parseRels maps relationship IDs to zip entry names resolved against dir.
func parseRels(b []byte, dir string) (map[string]string, error) {
	var doc struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := newDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range doc.Rel {
		if strings.EqualFold(r.Mode, "External") {
			continue
		}
		t := strings.ReplaceAll(r.Target, "\\", "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		out[r.ID] = path.Clean(t)
	}
	return out, nil
}

// parseWorkbook lists the sheets of xl/workbook.xml in tab order.
func parseWorkbook(b []byte, rels map[string]string) ([]SheetPart, bool, error) {
	var doc struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := newDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		return nil, false, err
	}
	var out []SheetPart
	for i, s := range doc.Sheets {
		p, ok := rels[s.RID]
		if !ok {
			p = "?" + strconv.Itoa(i)
		}
		out = append(out, SheetPart{Name: s.Name, Part: p, State: s.State})
	}
	d1904 := doc.Pr.Date1904 == "1" || strings.EqualFold(doc.Pr.Date1904, "true")
	return out, d1904, nil
}

// scanWorksheet streams one worksheet: well-formed XML, every cell inside
// lim.Rows × lim.Cols, and the address of every formula.
func scanWorksheet(l *limitedEntry, file, sheet string, sc *ScanResult, lim Limits) error {
	d := newDecoder(l)
	row, col := 0, 0
	depthC := false
	var cell, cellType string
	inV := false
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !root {
				return xmlError(file, sheet, l.f.Name, errors.New("no root element"))
			}
			return nil
		}
		if err != nil {
			if l.err != nil {
				return l.err
			}
			return xmlError(file, sheet, l.f.Name, err)
		}
		if cd, ok := tok.(xml.CharData); ok && inV {
			if err := checkSharedIndex(file, sheet, cell, string(cd), sc.sharedStrings); err != nil {
				return err
			}
			continue
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			if ee, ok := tok.(xml.EndElement); ok {
				switch ee.Name.Local {
				case "c":
					depthC = false
				case "v":
					inV = false
				}
			}
			continue
		}
		root = true
		switch se.Name.Local {
		case "row":
			r := attr(se, "r")
			if r == "" {
				row++
			} else {
				n, err := strconv.Atoi(r)
				if err != nil || n < 1 || n > 1048576 {
					return fatal(file, sheet, "", ErrCorrupt,
						fmt.Sprintf("行番号 %q が不正です", r), fmt.Sprintf("invalid row number %q", r))
				}
				row = n
			}
			col = 0
		case "c":
			ref := attr(se, "r")
			if ref == "" {
				col++
				if row == 0 {
					row = 1
				}
			} else {
				c, r, ok := splitRef(ref)
				if !ok {
					return fatal(file, sheet, "", ErrCorrupt,
						fmt.Sprintf("セル番地 %q が不正です", ref), fmt.Sprintf("invalid cell reference %q", ref))
				}
				col, row = c, r
			}
			cell = cellName(col, row)
			cellType = attr(se, "t")
			if row > lim.Rows || col > lim.Cols {
				return fatal(file, sheet, cell, ErrOutOfBounds,
					fmt.Sprintf("読み取り範囲（%d行・%s列まで）の外にセルがあります。このセルを削除してください", lim.Rows, colName(lim.Cols)),
					fmt.Sprintf("a cell lies outside the readable area (rows 1–%d, columns A–%s); delete it", lim.Rows, colName(lim.Cols)))
			}
			depthC = true
		case "v":
			inV = depthC && cellType == "s"
		case "hyperlink":
			sc.Hyperlinks[sheet] = appendRange(sc.Hyperlinks[sheet], attr(se, "ref"))
		case "f":
			if depthC {
				m := sc.formula[sheet]
				if m == nil {
					m = map[string]bool{}
					sc.formula[sheet] = m
				}
				if !m[cell] {
					m[cell] = true
					sc.Formulas[sheet] = append(sc.Formulas[sheet], cell)
				}
			}
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// splitRef parses "AB12" into column 28, row 12. Absolute markers ($) are
// accepted; anything beyond XFD1048576 is not.
func splitRef(s string) (col, row int, ok bool) {
	s = strings.ReplaceAll(s, "$", "")
	i := 0
	for i < len(s) && i < 4 {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		i++
	}
	if i == 0 || i > 3 || col > 16384 {
		return 0, 0, false
	}
	digits := s[i:]
	if digits == "" || len(digits) > 7 {
		return 0, 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
	}
	row, _ = strconv.Atoi(digits)
	if row < 1 || row > 1048576 {
		return 0, 0, false
	}
	return col, row, true
}

// colName renders column number n (1-based) as letters.
func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// cellName renders column and row as "C12".
func cellName(col, row int) string { return colName(col) + strconv.Itoa(row) }
