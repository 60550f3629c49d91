package xlsx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// headerSearchRows is how far down a sheet the header row is looked for.
const headerSearchRows = 200

// ReadOptions tunes Read. The zero value reads with the defaults.
type ReadOptions struct {
	// MaxFileSize caps the file (and, for an encrypted file, the
	// decrypted package) in bytes; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Password opens a password-protected (encrypted OOXML) workbook.
	Password string
	// Today is the reading date for planned_date_past; zero skips the rule.
	Today checklist.Date
	// Tool is recorded in Assessment.Tool.
	Tool string
	// Editions, when set, holds the catalogues a workbook may be read
	// against, by edition ID: when the workbook's metadata names another
	// edition than the catalogue passed to Read and Editions holds it, the
	// workbook is read against its own edition (picked once, before the
	// checklist is read). Leave it nil when the user chose the edition: a
	// difference is then an edition_mismatch error. Read only reads it.
	Editions map[string]*checklist.Catalog
}

func (o ReadOptions) maxFileSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// ReadFrom reads at most opt's MaxFileSize bytes from r and calls Read.
func ReadFrom(r io.Reader, name string, cat *checklist.Catalog, opt ReadOptions) (*checklist.Assessment, error) {
	limit := opt.maxFileSize()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %q: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fatal(name, "", "", ErrTooLarge,
			fmt.Sprintf("ファイルが大きすぎます（上限%dバイト。--max-size で変更できます）", limit),
			fmt.Sprintf("the file is too large (limit %d bytes; see --max-size)", limit))
	}
	return Read(data, name, cat, opt)
}

// Read reads a completed checklist workbook. name is used as given in the
// error, and as its base name in Assessment.Source and every
// Message.File: the assessment records no directory, so the same
// workbook read through another path gives the same assessment (and the
// same report). The error is non-nil only
// when the file cannot be used at all: it is then a *checklist.CellError
// whose Err wraps one of the sentinels above and checklist.ErrInvalidInput.
// Everything else (wrong answers, changed text, deleted rows…) becomes a
// Message of the assessment. Read never modifies data and is safe for
// concurrent use with the same catalogue.
func Read(data []byte, name string, cat *checklist.Catalog, opt ReadOptions) (a *checklist.Assessment, err error) {
	if cat == nil {
		return nil, errors.New("xlsx.Read: no catalogue (internal error)")
	}
	sc, err := Open(data, name, OpenOptions{Limits: Limits{FileSize: opt.maxFileSize()}, Password: opt.Password})
	if err != nil {
		return nil, err
	}
	defer func() {
		// excelize, still used for comments, images and hyperlink targets
		// (see excel), must not take the process down on input Open let
		// through; such a file is reported as damaged.
		if r := recover(); r != nil {
			a, err = nil, fatal(name, "", "", ErrCorrupt,
				fmt.Sprintf("ブックを読み取れません（%v）", r), fmt.Sprintf("the workbook cannot be read (%v)", r))
		}
	}()
	r0 := &reader{}
	defer func() {
		if r0.f != nil {
			r0.f.Close()
		}
	}()
	sum := sha256.Sum256(data)
	r := r0
	*r = reader{
		name: name, base: filepath.Base(name), opt: opt, sc: sc,
		a: &checklist.Assessment{
			Kind:          checklist.AssessmentKind,
			SchemaVersion: checklist.AssessmentSchemaVersion,
			Tool:          opt.Tool,
			Source:        checklist.Source{Name: filepath.Base(name), Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])},
		},
		used:     map[string]map[string]bool{},
		meta:     map[string]string{},
		rowmap:   map[int]string{},
		answers:  map[string]*checklist.Answer{},
		firstRow: map[string]int{},
	}
	r.useCatalog(cat)
	if err := r.run(); err != nil {
		return nil, err
	}
	return r.a, nil
}

// useCatalog makes cat the catalogue the workbook is read against.
func (r *reader) useCatalog(cat *checklist.Catalog) {
	r.cat = cat
	r.a.Edition, r.a.EditionFingerprint = cat.Edition.ID, cat.Edition.SHA256
	r.folded = foldCatalog(cat)
	r.items = make(map[string]checklist.Item, len(cat.Items))
	for _, it := range cat.Items {
		if _, dup := r.items[it.ID]; !dup {
			r.items[it.ID] = it
		}
	}
}

type reader struct {
	name string // as given, for errors
	base string // filepath.Base(name), for messages
	cat  *checklist.Catalog
	opt  ReadOptions
	sc   *Workbook
	f    *excelize.File // opened by excel when a sheet has annotations
	a    *checklist.Assessment

	items   map[string]checklist.Item
	folded  map[string]foldedItem      // the catalogue's texts folded (foldCatalog)
	used    map[string]map[string]bool // sheet → cells already reported or used
	meta    map[string]string
	rowmap  map[int]string // generated row → requirement ID
	hasMeta bool

	coverSheet string     // cover sheet as found
	sheet      string     // checklist sheet
	rows       [][]string // checklist sheet, rows[0] is row 1
	header     int        // header row number
	col        map[string]int
	answers    map[string]*checklist.Answer
	firstRow   map[string]int
}

func (r *reader) add(sev checklist.Severity, code, sheet, cell, id, ja, en string) {
	r.a.Messages = append(r.a.Messages, checklist.Message{
		Severity: sev, Code: code, File: r.base, Sheet: sheet, Cell: cell, ID: id, TextJA: ja, TextEN: en,
	})
}

func (r *reader) markUsed(sheet, cell string) {
	m := r.used[sheet]
	if m == nil {
		m = map[string]bool{}
		r.used[sheet] = m
	}
	m[cell] = true
}

func (r *reader) run() error {
	if r.sc.Macros {
		r.add(checklist.SeverityWarning, CodeMacros, "", "", "",
			"マクロ（VBA）を含むブック（.xlsm）です。マクロは実行せず無視しました",
			"the workbook contains VBA macros (.xlsm); they were ignored, not run")
	}
	if err := r.readMeta(); err != nil {
		return err
	}
	if ed := r.meta[MetaEdition]; ed != "" && ed != r.cat.Edition.ID {
		if c := r.opt.Editions[ed]; c != nil && c.Edition.ID == ed {
			r.useCatalog(c)
		}
	}
	r.checkEdition()
	if err := r.findChecklist(); err != nil {
		return err
	}
	r.readChecklist()
	if err := r.readCover(); err != nil {
		return err
	}
	if err := r.readAnnotations(); err != nil {
		return err
	}
	r.checkAcrossAnswers()
	if err := r.reportExtraSheets(); err != nil {
		return err
	}
	r.reportFormulas()
	sortMessages(r.a.Messages)
	if r.a.Messages == nil {
		r.a.Messages = []checklist.Message{}
	}
	return nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// excel opens the workbook with excelize, once, for what Open does not
// read: cell comments, images, hyperlink targets and custom document
// properties. A workbook without them never gets here.
func (r *reader) excel() (*excelize.File, error) {
	if r.f != nil {
		return r.f, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.sc.Zip), excelize.Options{
		UnzipSizeLimit:    MaxTotalSize,
		UnzipXMLSizeLimit: MaxTotalSize, // never spill parts to temporary files
	})
	if err != nil {
		return nil, fatal(r.name, "", "", ErrCorrupt,
			"ブックを読み取れません: "+err.Error(), "the workbook cannot be read: "+err.Error())
	}
	r.f = f
	return f, nil
}
