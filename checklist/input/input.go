// Package input is the one way the commands read their input files: a path
// (or "-" for standard input) is checked to be a regular file before a byte
// is read, read once within a size cap, hashed, and sniffed for what it is
// (a checklist workbook, a risk sheet, an assessment JSON, a findings JSON,
// something else). The exact bytes are kept: what a command analyses and
// what it embeds or hashes are the same slice, so they cannot differ.
// Decoding goes through the strict readers: xlsx.Read for a workbook (the
// edition picked once), DecodeAssessment for an assessment JSON,
// risksheet.Read for a risk sheet.
package input

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/ismapcheck/ismapcheck/templates"
)

// Kind is what an input file is, sniffed from its content (never from its
// name).
type Kind string

// The kinds of input.
const (
	KindWorkbook   Kind = "workbook"        // a spreadsheet that is not a risk sheet: a completed checklist (or an .xls / encrypted package)
	KindRiskSheet  Kind = "risk-sheet"      // a risk sheet written by risk-sheet
	KindAssessment Kind = "assessment-json" // kind "ismapcheck.assessment", or no kind and answers
	KindFindings   Kind = "findings-json"   // kind "ismapcheck.findings", or no kind and findings
	KindJSON       Kind = "json"            // some other JSON
	KindOther      Kind = "other"           // none of these
)

// DefaultMaxSize caps an input file when Options.MaxSize is 0.
const DefaultMaxSize = xlsx.DefaultMaxFileSize

// MaxMaxSize is the largest cap a user may choose: no valid workbook or
// assessment comes near it, and the readers hold the file in memory.
const MaxMaxSize = xlsx.MaxTotalSize

// Options tune Open.
type Options struct {
	MaxSize int64     // bytes; 0 means DefaultMaxSize
	Stdin   io.Reader // read for the path "-"
	// FixedSize: the cap cannot be changed by the user, so the error does
	// not point at --max-size.
	FixedSize bool
}

func (o Options) maxSize() int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

// Source is one input file as read: the path as given, the base name the
// outputs record, the exact bytes, their SHA-256 and the kind.
type Source struct {
	Path   string // as given ("-" for standard input), for messages
	Name   string // base name ("stdin" for "-"), for what the outputs record
	Bytes  []byte // exactly what was read; never modified
	SHA256 string // hex SHA-256 of Bytes
	Kind   Kind
	// Notes are the warnings about the file itself that decoding it gave
	// (an assessment JSON without kind…), for the command to print; they
	// are in the assessment's messages too.
	Notes []checklist.Message
}

// Open reads the file at path ("-": opt.Stdin). Anything but a regular
// file (a directory, FIFO, device, socket) is refused before it is opened
// for reading, and the file is opened without blocking, so a FIFO swapped
// in meanwhile cannot hang the run either. A file larger than the cap is
// refused before it is read.
func Open(path string, opt Options) (*Source, error) {
	max := opt.maxSize()
	if path == "-" {
		if opt.Stdin == nil {
			return nil, fail(path, "標準入力がありません", "no standard input", nil)
		}
		return read(opt.Stdin, path, "stdin", max, opt.FixedSize)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, openError(path, err)
	}
	if err := regular(path, st); err != nil {
		return nil, err
	}
	if st.Size() > max {
		return nil, tooLarge(path, st.Size(), max, opt.FixedSize)
	}
	fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, openError(path, err)
	}
	defer fh.Close()
	st2, err := fh.Stat()
	if err != nil {
		return nil, openError(path, err)
	}
	if err := regular(path, st2); err != nil {
		return nil, err
	}
	if !os.SameFile(st, st2) {
		return nil, fail(path, "確認中にファイルが置き換えられました", "the file was replaced while it was being opened", nil)
	}
	return read(fh, path, filepath.Base(path), max, opt.FixedSize)
}

// FromBytes makes a Source of data already in memory (tests, fuzzing).
func FromBytes(data []byte, path string) *Source {
	sum := sha256.Sum256(data)
	return &Source{Path: path, Name: filepath.Base(path), Bytes: data, SHA256: hex.EncodeToString(sum[:]), Kind: Sniff(data)}
}

func read(r io.Reader, path, name string, max int64, fixed bool) (*Source, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fail(path, "読み取れません: "+err.Error(), "cannot read the file: "+err.Error(), nil)
	}
	if int64(len(data)) > max {
		return nil, tooLarge(path, -1, max, fixed)
	}
	s := FromBytes(data, path)
	s.Name = name
	return s, nil
}

// IsRegular reports whether path is a regular file (following symbolic
// links), with an error saying what it is otherwise.
func IsRegular(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return openError(path, err)
	}
	return regular(path, st)
}

func regular(path string, st fs.FileInfo) error {
	m := st.Mode()
	if m.IsRegular() {
		return nil
	}
	ja, en := "通常のファイルではありません", "not a regular file"
	switch {
	case m.IsDir():
		ja, en = "ディレクトリです（ファイルを指定してください）", "a directory, not a file"
	case m&fs.ModeNamedPipe != 0:
		ja, en = "名前付きパイプ（FIFO）です。通常のファイルを指定してください", "a named pipe (FIFO); give a regular file"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		ja, en = "デバイスです。通常のファイルを指定してください", "a device; give a regular file"
	case m&fs.ModeSocket != 0:
		ja, en = "ソケットです。通常のファイルを指定してください", "a socket; give a regular file"
	}
	return fail(path, ja, en, nil)
}

func openError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	ja := "開けません: " + err.Error()
	if errors.Is(err, fs.ErrNotExist) {
		ja = "ファイルがありません"
	} else if errors.Is(err, fs.ErrPermission) {
		ja = "読み取る権限がありません"
	}
	return fail(path, ja, "cannot open the file: "+err.Error(), nil)
}

func tooLarge(path string, size, max int64, fixed bool) error {
	ja, en := fmt.Sprintf("上限%dバイト", max), fmt.Sprintf("limit %d bytes", max)
	if size >= 0 {
		ja, en = fmt.Sprintf("%dバイト、", size)+ja, fmt.Sprintf("%d bytes, ", size)+en
	}
	if !fixed {
		ja, en = ja+"。--max-size で変更できます", en+"; see --max-size"
	}
	return fail(path, "ファイルが大きすぎます（"+ja+"）", "the file is too large ("+en+")", xlsx.ErrTooLarge)
}

// fail is an error about a whole file; it wraps checklist.ErrInvalidInput
// (exit 3), or sentinel when given.
func fail(path, ja, en string, sentinel error) error {
	if sentinel == nil {
		sentinel = checklist.ErrInvalidInput
	}
	return &checklist.CellError{File: path, JA: ja, EN: en, Err: sentinel}
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Sniff tells the kind of data from its content.
func Sniff(data []byte) Kind {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		if isRiskSheet(data) {
			return KindRiskSheet
		}
		return KindWorkbook
	case bytes.HasPrefix(data, oleMagic):
		return KindWorkbook
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return KindOther
	}
	var probe struct {
		Kind     any             `json:"kind"`
		Answers  json.RawMessage `json:"answers"`
		Findings json.RawMessage `json:"findings"`
	}
	if json.Unmarshal(trimmed, &probe) != nil {
		return KindJSON
	}
	switch {
	case probe.Kind == checklist.AssessmentKind:
		return KindAssessment
	case probe.Kind == checklist.FindingsKind:
		return KindFindings
	case probe.Kind != nil:
		return KindJSON
	case probe.Answers != nil:
		return KindAssessment
	case probe.Findings != nil:
		return KindFindings
	}
	return KindJSON
}

// isRiskSheet looks for the risk sheet's hidden sheet in the workbook
// part. A damaged archive is left to the workbook reader to describe.
func isRiskSheet(data []byte) bool {
	return bytes.Contains(workbookPart(data), []byte(`"`+risksheet.SheetMeta+`"`))
}

// hasChecklist reports whether the workbook part names the checklist's
// hidden metadata sheet.
func hasChecklist(data []byte) bool {
	return bytes.Contains(workbookPart(data), []byte(`"`+xlsx.SheetMeta+`"`))
}

// workbookPart returns at most 1 MiB of xl/workbook.xml (the sheet list),
// or nil.
func workbookPart(data []byte) []byte { return ZipPart(data, "xl/workbook.xml", 1<<20) }

// ZipPart returns at most max bytes of the entry name of the zip package
// data (nil when data is no zip or has no such entry), for sniffing a
// small part of a workbook without opening all of it.
func ZipPart(data []byte, name string, max int64) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, max))
		return b
	}
	return nil
}

// ReadOptions tune Assessment.
type ReadOptions struct {
	Catalogs
	Password string         // of an encrypted workbook
	Today    checklist.Date // reading date of a workbook (planned_date_past)
	Tool     string         // recorded in an assessment read from a workbook
}

// Assessment decodes the source as an assessment: a workbook through
// xlsx.Read (against the chosen catalogue, or the embedded edition the
// workbook names, picked once), an assessment JSON through
// DecodeAssessment. It returns the catalogue the assessment answers.
func (s *Source) Assessment(opt ReadOptions) (*checklist.Catalog, *checklist.Assessment, error) {
	switch s.Kind {
	case KindRiskSheet:
		return nil, nil, fail(s.Path, "リスク評価シートです。回答済みのチェックリスト（ブック）または評価結果 JSON を指定してください",
			"this is a risk sheet; give a completed checklist workbook or an assessment JSON", nil)
	case KindAssessment, KindFindings, KindJSON:
		cat, as, err := DecodeAssessment(s.Bytes, s.Path, opt.Catalogs)
		if err == nil {
			s.Notes = readerNotes(as, filepath.Base(s.Path))
		}
		return cat, as, err
	case KindOther:
		if len(s.Bytes) > 0 {
			return nil, nil, fail(s.Path, "回答済みのチェックリスト（.xlsx）でも評価結果 JSON でもありません",
				"neither a completed checklist workbook (.xlsx) nor an assessment JSON", xlsx.ErrNotXLSX)
		}
	}
	cat := opt.Chosen
	ropt := xlsx.ReadOptions{MaxFileSize: int64(len(s.Bytes)) + 1, Password: opt.Password, Today: opt.Today, Tool: opt.Tool}
	if ropt.MaxFileSize < DefaultMaxSize {
		ropt.MaxFileSize = DefaultMaxSize
	}
	if cat == nil {
		all, err := embeddedEditions()
		if err != nil {
			return nil, nil, err
		}
		cat = all[templates.DefaultEdition]
		ropt.Editions = all
	}
	as, err := xlsx.Read(s.Bytes, s.Path, cat, ropt)
	if err != nil {
		return nil, nil, err
	}
	if as.Edition != cat.Edition.ID {
		cat = ropt.Editions[as.Edition]
	}
	return cat, as, nil
}

// RiskSheet decodes the source as a filled risk sheet. With c (the case of
// the assessment it is read with), a sheet of another case is refused.
func (s *Source) RiskSheet(c *checklist.Case) (risksheet.Sheet, error) {
	switch s.Kind {
	case KindRiskSheet:
	case KindWorkbook:
		// An encrypted or damaged package cannot be sniffed: let the
		// reader say why, unless it is plainly a checklist.
		if bytes.HasPrefix(s.Bytes, zipMagic) && hasChecklist(s.Bytes) {
			return risksheet.Sheet{}, fail(s.Path, "回答用チェックリストのブックです。リスク評価シート（risk-sheet で作成）を指定してください",
				"this is a checklist workbook; give a risk sheet written by risk-sheet", risksheet.ErrNotRiskSheet)
		}
	default:
		return risksheet.Sheet{}, fail(s.Path, "リスク評価シート（.xlsx）ではありません", "not a risk sheet (.xlsx)", risksheet.ErrNotRiskSheet)
	}
	return risksheet.ReadAll(bytes.NewReader(s.Bytes), s.Path, risksheet.ReadOptions{MaxFileSize: max(int64(len(s.Bytes)), DefaultMaxSize), Case: c})
}

// Decisions is RiskSheet without the decisions on exclusions.
func (s *Source) Decisions(c *checklist.Case) ([]checklist.Decision, []checklist.Message, error) {
	sh, err := s.RiskSheet(c)
	if err != nil {
		return nil, nil, err
	}
	return sh.Decisions, sh.Messages, nil
}
