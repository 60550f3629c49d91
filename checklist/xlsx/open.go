package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
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

// Default limits of Open (see Limits). They are far above what a
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

// Limits bound what Open accepts. A zero (or negative) field takes the
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

// OpenOptions tune Open.
type OpenOptions struct {
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

// Workbook is an untrusted workbook Open accepted: its sheets and the
// values of their cells, read in the same pass as the checks.
type Workbook struct {
	Zip       []byte // the OOXML package (decrypted when it was encrypted), for excelize where a reader still needs it
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
	sst           []string               // the shared strings as excelize finds them (xl/sharedStrings.xml)
	cells         map[string]*sheetCells // sheet name → its cells
	relTypes      map[string][]string    // worksheet part (lower case) → the types of its relationships
	richData      bool                   // the workbook has xl/richData parts (pictures in cells)
	name          string                 // the file, for errors
}

// maxLinkCells bounds the hyperlinked cells collected per sheet.
const maxLinkCells = 10000

// HasFormula reports whether cell ("C12") of sheet holds a formula.
func (s *Workbook) HasFormula(sheet, cell string) bool {
	return s.formula[sheet][cell]
}

// HasAnnotations reports whether sheet may carry comments, images or
// hyperlinks: it has a relationship to a comments part or a drawing, or a
// hyperlink element, or the workbook has pictures in cells (rich data). Without them there is nothing to look up beyond the
// cells.
func (s *Workbook) HasAnnotations(sheet string) bool {
	if len(s.Hyperlinks[sheet]) > 0 || s.richData {
		return true
	}
	for _, sp := range s.Sheets {
		if sp.Name != sheet {
			continue
		}
		for _, t := range s.relTypes[strings.ToLower(sp.Part)] {
			if strings.HasSuffix(t, "/comments") || strings.HasSuffix(t, "/drawing") || strings.HasSuffix(t, "/vmlDrawing") {
				return true
			}
		}
	}
	return false
}

func fatal(file, sheet, cell string, sentinel error, ja, en string) *checklist.CellError {
	return &checklist.CellError{File: file, Sheet: sheet, Cell: cell, JA: ja, EN: en, Err: sentinel}
}

// Open reads an untrusted workbook once, with archive/zip and
// encoding/xml, and refuses what cannot be read safely or completely: an
// empty or oversized file; anything but a zip archive (an Excel 97-2003
// .xls, an .xlsb, an .ods, a Word document, plain text), a
// password-protected workbook without (or with the wrong) Password; too
// many entries, an entry or archive whose real decompressed size or
// compression ratio passes the limits (a zip bomb), an entry failing its
// CRC (every entry is read to its end), a truncated archive or part; XML
// that is not well-formed (every .xml, .rels and .vml part, worksheets and
// sharedStrings included); a worksheet cell beyond Limits.Rows ×
// Limits.Cols; a shared-string index outside the table; a sheet whose part
// is missing. name is used in the errors only. Every error is a
// *checklist.CellError whose Err is one of the sentinels above, all
// wrapping checklist.ErrInvalidInput.
//
// In the same pass it keeps the values of every cell (see Rows), the
// sheets, the 1904 date flag, macros, every formula cell and every
// hyperlinked cell, so a reader needs no second parse.
func Open(data []byte, name string, opt OpenOptions) (*Workbook, error) {
	lim := opt.Limits.withDefaults()
	w := &Workbook{Zip: data, sharedStrings: -1, name: name}
	data, err := w.unwrap(data, opt.Password, lim.FileSize)
	if err != nil {
		return nil, err
	}
	entries, err := openZip(data, name, lim)
	if err != nil {
		return nil, err
	}
	if entries["xl/vbaproject.bin"] != nil {
		w.Macros = true
	}
	z := &unzipper{file: name, lim: lim}
	sheetOf, err := w.readWorkbookPart(z, entries)
	if err != nil {
		return nil, err
	}
	if err := w.scanEntries(z, entries, sheetOf, lim); err != nil {
		return nil, err
	}
	for _, s := range w.Sheets {
		if entries[strings.ToLower(s.Part)] == nil && !strings.HasPrefix(s.Part, "?") {
			return nil, fatal(name, s.Name, "", ErrCorrupt,
				fmt.Sprintf("シートの中身（%s）がありません", s.Part),
				fmt.Sprintf("the sheet's content (%s) is missing from the archive", s.Part))
		}
	}
	return w, nil
}

// unwrap checks the file's size and decrypts an encrypted package,
// returning the zip archive.
func (w *Workbook) unwrap(data []byte, password string, maxSize int64) ([]byte, error) {
	name := w.name
	switch {
	case len(data) == 0:
		return nil, fatal(name, "", "", ErrEmpty, "ファイルが空です（0バイト）", "the file is empty (0 bytes)")
	case int64(len(data)) > maxSize:
		return nil, fatal(name, "", "", ErrTooLarge,
			fmt.Sprintf("ファイルが大きすぎます（%dバイト、上限%dバイト。--max-size で変更できます）", len(data), maxSize),
			fmt.Sprintf("the file is too large (%d bytes, limit %d; see --max-size)", len(data), maxSize))
	}
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
		if password == "" {
			return nil, fatal(name, "", "", ErrEncrypted,
				"パスワードで保護されたブックです。--password でパスワードを指定してください",
				"the workbook is password-protected; give the password with --password")
		}
		dec, err := decrypt(data, password)
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
		w.Zip, w.Encrypted = dec, true
		data = dec
	}
	return data, nil
}

// openZip opens the zip archive and maps its entries by lower-case
// name, refusing what is no OOXML workbook.
func openZip(data []byte, name string, lim Limits) (map[string]*zip.File, error) {
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
	return entries, nil
}

// readWorkbookPart reads xl/workbook.xml and its relationships: the sheets
// in tab order and the date system. It returns the sheet name of each
// worksheet part (lower case).
func (w *Workbook) readWorkbookPart(z *unzipper, entries map[string]*zip.File) (map[string]string, error) {
	name := w.name
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
		if rels, _, err = parseRels(b, "xl"); err != nil {
			return nil, xmlError(name, "", f.Name, err)
		}
	}
	if w.Sheets, w.Date1904, err = parseWorkbook(wb, rels); err != nil {
		return nil, xmlError(name, "", "xl/workbook.xml", err)
	}
	sheetOf := map[string]string{} // part → sheet name
	for _, s := range w.Sheets {
		sheetOf[strings.ToLower(s.Part)] = s.Name
	}
	return sheetOf, nil
}

// scanEntries reads every other entry to its end (archive/zip checks the
// CRC-32 there, and the real, not the declared, size is what counts):
// the shared strings, the worksheets with their cells, every other XML
// part for well-formedness.
func (w *Workbook) scanEntries(z *unzipper, entries map[string]*zip.File, sheetOf map[string]string, lim Limits) error {
	w.Formulas = map[string][]string{}
	w.formula = map[string]map[string]bool{}
	w.Hyperlinks = map[string][]string{}
	w.cells = map[string]*sheetCells{}
	w.relTypes = map[string][]string{}
	if entries["xl/sharedstrings.xml"] == nil {
		w.sharedStrings = 0 // no shared string: every index is out of range
		for k := range entries {
			if strings.HasSuffix(k, "sharedstrings.xml") {
				w.sharedStrings = -1 // a table elsewhere: not checked
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(entries)) {
		f := entries[k]
		if k == "xl/workbook.xml" || k == "xl/_rels/workbook.xml.rels" || strings.HasSuffix(k, "/") {
			continue
		}
		if strings.HasPrefix(k, "xl/richdata/") {
			w.richData = true
		}
		if err := w.scanEntry(z, f, k, sheetOf, lim); err != nil {
			var ce *checklist.CellError
			if errors.As(err, &ce) {
				return ce
			}
			return entryError(w.name, f.Name, err)
		}
	}
	return nil
}

// scanEntry reads entry f (k, its lower-case name) to its end, by its kind.
func (w *Workbook) scanEntry(z *unzipper, f *zip.File, k string, sheetOf map[string]string, lim Limits) error {
	rc, err := z.open(f)
	if err != nil {
		return err
	}
	isXML := strings.HasSuffix(k, ".xml") || strings.HasSuffix(k, ".rels") || strings.HasSuffix(k, ".vml")
	isSheet := strings.HasPrefix(k, "xl/worksheets/") && strings.HasSuffix(k, ".xml") && !strings.Contains(k, "/_rels/")
	isSheetRels := strings.HasPrefix(k, "xl/worksheets/_rels/") && strings.HasSuffix(k, ".xml.rels")
	switch {
	case k == "xl/sharedstrings.xml":
		// Sorted names put it before xl/worksheets/: the worksheets'
		// indices are checked against its count and resolved with it.
		var sst []string
		rc, err = z.tokens(rc, func(src xsource, l *limitedEntry) error {
			var err error
			if sst, err = readSharedStrings(src); err != nil && err != errSlow {
				return xmlErrorFrom(l, w.name, f.Name, err)
			}
			return err
		})
		if err != nil {
			return err
		}
		w.sharedStrings = len(sst)
		if strings.ReplaceAll(f.Name, "\\", "/") == "xl/sharedStrings.xml" {
			w.sst = sst // the table excelize read (by its exact name)
		}
	case isSheet:
		sheet := sheetOf[k]
		if sheet == "" {
			sheet = f.Name
		}
		mark := markSheet(w, sheet)
		rc, err = z.tokens(rc, func(src xsource, l *limitedEntry) error {
			mark.restore()
			return scanWorksheet(src, l, w.name, sheet, w, lim)
		})
	case isSheetRels:
		b, err := io.ReadAll(rc)
		if err != nil {
			return xmlErrorFrom(rc, w.name, f.Name, err)
		}
		if err := readPart(b, wellFormed); err != nil {
			return xmlError(w.name, "", f.Name, err)
		}
		part := "xl/worksheets/" + strings.TrimSuffix(strings.TrimPrefix(k, "xl/worksheets/_rels/"), ".rels")
		_, w.relTypes[part], _ = parseRels(b, "xl/worksheets")
	case isXML:
		rc, err = z.tokens(rc, func(src xsource, l *limitedEntry) error {
			err := wellFormed(src)
			if err != nil && err != errSlow {
				return xmlErrorFrom(l, w.name, f.Name, err)
			}
			return err
		})
	default:
		_, err = io.Copy(io.Discard, rc)
	}
	if err != nil {
		return err
	}
	return rc.finish()
}

// parseRels maps relationship IDs to zip entry names resolved against dir,
// and lists the relationships' types.
func parseRels(b []byte, dir string) (map[string]string, []string, error) {
	var doc struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := newDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		return nil, nil, err
	}
	out := map[string]string{}
	var types []string
	for _, r := range doc.Rel {
		types = append(types, r.Type)
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
	return out, types, nil
}

// The namespaces of r:id in xl/workbook.xml.
const (
	nsRelTransitional = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRelStrict       = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

// parseWorkbook lists the sheets of xl/workbook.xml in tab order.
func parseWorkbook(b []byte, rels map[string]string) ([]SheetPart, bool, error) {
	var doc struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			State string     `xml:"state,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := newDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		return nil, false, err
	}
	var out []SheetPart
	for i, s := range doc.Sheets {
		rid := ""
		for _, a := range s.Attrs {
			// r:id, in the transitional or the Strict OOXML namespace.
			if a.Name.Local == "id" && (a.Name.Space == nsRelTransitional || a.Name.Space == nsRelStrict) {
				rid = a.Value
			}
		}
		p, ok := rels[rid]
		if !ok {
			p = "?" + strconv.Itoa(i)
		}
		out = append(out, SheetPart{Name: s.Name, Part: p, State: s.State})
	}
	d1904 := doc.Pr.Date1904 == "1" || strings.EqualFold(doc.Pr.Date1904, "true")
	return out, d1904, nil
}
