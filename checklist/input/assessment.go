package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// The assessment JSON is a contract between "ingest" and every command that
// reads it back: machine output, never a place for synonyms. The strict
// reader refuses, naming the JSON path (answers[17].status), anything
// outside it:
//
//   - kind other than "ismapcheck.assessment" (a findings JSON is named as
//     such); a file without kind is read only when everything else holds,
//     with the warning assessment_kind_missing (files written before kind
//     existed);
//   - schema_version other than 1, a missing edition, answers or field an
//     assessment does not have, a value of the wrong JSON type;
//   - a status, responsibility or severity outside the canonical values,
//     a date that is not YYYY-MM-DD;
//   - an answer without an ID, an ID that is not a requirement of the
//     edition, a duplicate ID, a requirement without an answer;
//   - an edition that is not loaded (embedded, or given with --catalog).
//
// A UTF-8 byte-order mark at the start is skipped (Windows editors write
// one); any other byte that is not UTF-8 is refused.

// CodeKindMissing is the warning added to an assessment JSON read without
// a kind field.
const CodeKindMissing = "assessment_kind_missing"

// CodeEditionFingerprint is the warning added when the assessment was read
// against a catalogue file that differs from the one loaded now.
const CodeEditionFingerprint = "edition_fingerprint"

// JSONError is bad input at one place of a JSON file: File as given, Path
// the JSON path of the value (answers[17].status, "" for the whole file).
// It wraps checklist.ErrInvalidInput (exit 3).
type JSONError struct {
	File string
	Path string
	ID   string // the requirement the value belongs to, when known
	JA   string
	EN   string
}

func (e *JSONError) where(ja bool) string {
	s := fmt.Sprintf("%q", e.File)
	if e.Path != "" {
		if ja {
			s += " の " + e.Path
		} else {
			s += " at " + e.Path
		}
	}
	if e.ID != "" {
		s += " (ID " + e.ID + ")"
	}
	return s
}

func (e *JSONError) Error() string { return e.where(false) + ": " + e.EN }

// MessageJA renders the error in Japanese.
func (e *JSONError) MessageJA() string { return e.where(true) + ": " + e.JA }

// Unwrap makes the error an invalid input (exit 3).
func (e *JSONError) Unwrap() error { return checklist.ErrInvalidInput }

// Catalogs says which catalogue an input is read against.
type Catalogs struct {
	// Chosen is the catalogue the user chose (--edition, --catalog); nil
	// means the edition the input names, among the embedded editions.
	Chosen *checklist.Catalog
	// ChosenName is how the user named it, for messages ("--catalog x.csv").
	ChosenName string
}

// DecodeAssessment reads an assessment JSON strictly (see above) and
// returns it with the catalogue it answers. name is the file as given, for
// errors.
func DecodeAssessment(data []byte, name string, cats Catalogs) (*checklist.Catalog, *checklist.Assessment, error) {
	data = bytes.TrimPrefix(data, bom)
	top, err := decodeObject(data, name)
	if err != nil {
		return nil, nil, err
	}
	kindMissing, err := checkKind(top, name)
	if err != nil {
		return nil, nil, err
	}
	if err := checkVersion(top, name); err != nil {
		return nil, nil, err
	}
	if err := walk(top, reflect.TypeFor[checklist.Assessment](), ""); err != nil {
		var je *JSONError
		if errors.As(err, &je) {
			je.File = name
		}
		return nil, nil, err
	}
	var as checklist.Assessment
	if err := decodeOne(data, &as, true); err != nil {
		// walk checked what this decode checks; reaching here is a gap in walk.
		return nil, nil, badJSON(name, "", "評価結果として読み取れません: "+err.Error(), "not an assessment: "+err.Error())
	}
	cat, err := catalogFor(as.Edition, cats)
	if err != nil {
		var je *JSONError
		if errors.As(err, &je) {
			je.File, je.Path = name, "edition"
		}
		return nil, nil, err
	}
	if err := checkAnswers(&as, cat, name); err != nil {
		return nil, nil, err
	}
	as.Kind = checklist.AssessmentKind
	addReaderWarnings(&as, cat, name, kindMissing)
	return cat, &as, nil
}

// badJSON is bad input at path of the file name.
func badJSON(name, path, ja, en string) error {
	return &JSONError{File: name, Path: path, JA: ja, EN: en}
}

// decodeObject decodes data (without a byte-order mark) as one JSON
// object, refusing what is not UTF-8.
func decodeObject(data []byte, name string) (map[string]any, error) {
	if !utf8.Valid(data) {
		return nil, badJSON(name, "", "UTF-8 ではない文字を含みます", "the file is not UTF-8")
	}
	var doc any
	if err := decodeOne(data, &doc, false); err != nil {
		return nil, badJSON(name, "", "JSON として読み取れません: "+err.Error(), "not valid JSON: "+err.Error())
	}
	top, ok := doc.(map[string]any)
	if !ok {
		return nil, badJSON(name, "", "JSON オブジェクトではありません", "not a JSON object")
	}
	return top, nil
}

// checkKind refuses a kind other than an assessment's, naming a findings
// JSON as such. missing reports a file without kind (written before kind
// existed), read with a warning.
func checkKind(top map[string]any, name string) (missing bool, err error) {
	switch k, has := top["kind"]; {
	case !has:
		if _, f := top["findings"]; f {
			return false, badJSON(name, "", "findings の JSON 出力です。評価結果（ingest --json の出力）を指定してください",
				"this is the JSON output of findings, not an assessment (give the output of ingest --json)")
		}
		return true, nil
	case k == checklist.AssessmentKind:
		return false, nil
	case k == checklist.FindingsKind:
		return false, badJSON(name, "kind", fmt.Sprintf("%q は findings の JSON 出力です。評価結果（ingest --json の出力）を指定してください", k),
			fmt.Sprintf("%q is the JSON output of findings, not an assessment (give the output of ingest --json)", k))
	default:
		return false, badJSON(name, "kind", fmt.Sprintf("%s は評価結果ではありません（%q が必要）", jsonValue(k), checklist.AssessmentKind),
			fmt.Sprintf("%s is not an assessment (want %q)", jsonValue(k), checklist.AssessmentKind))
	}
}

// checkVersion refuses a schema_version other than the one this version
// writes, and a file without edition or answers.
func checkVersion(top map[string]any, name string) error {
	sv, has := top["schema_version"]
	if !has {
		return badJSON(name, "schema_version", "schema_version がありません", "schema_version is missing")
	}
	if n, ok := sv.(json.Number); !ok || n.String() != strconv.Itoa(checklist.AssessmentSchemaVersion) {
		return badJSON(name, "schema_version", fmt.Sprintf("schema_version %s は読めません（対応: %d）", jsonValue(sv), checklist.AssessmentSchemaVersion),
			fmt.Sprintf("schema_version %s is not supported (supported: %d)", jsonValue(sv), checklist.AssessmentSchemaVersion))
	}
	for _, k := range []string{"edition", "answers"} {
		if v, has := top[k]; !has || v == nil {
			return badJSON(name, k, k+" がありません", k+" is missing")
		}
	}
	return nil
}

// addReaderWarnings records what the reader noticed about the file: no
// kind, or a catalogue that differs from the one the assessment was read
// against. Messages is never nil afterwards.
func addReaderWarnings(as *checklist.Assessment, cat *checklist.Catalog, name string, kindMissing bool) {
	base := filepath.Base(name) // as the readers record files: no directory
	if kindMissing {
		as.Messages = append(as.Messages, checklist.Message{Severity: checklist.SeverityWarning, Code: CodeKindMissing, File: base,
			TextJA: fmt.Sprintf("kind がない評価結果です（以前の版で作成）。他の項目はすべて検証済みです。ingest で作り直すと %q が付きます", checklist.AssessmentKind),
			TextEN: fmt.Sprintf("the assessment has no kind (written by an earlier version); every other field was checked; ingest again to record %q", checklist.AssessmentKind)})
	}
	if as.EditionFingerprint != "" && !strings.EqualFold(as.EditionFingerprint, cat.Edition.SHA256) {
		as.Messages = append(as.Messages, checklist.Message{Severity: checklist.SeverityWarning, Code: CodeEditionFingerprint, File: base,
			TextJA: fmt.Sprintf("版 %s のカタログが、評価結果の作成時（SHA-256 %s）と現在（%s）で異なります", cat.Edition.ID, short(as.EditionFingerprint), short(cat.Edition.SHA256)),
			TextEN: fmt.Sprintf("the catalogue of edition %s differs from the one the assessment was read against (SHA-256 %s, now %s)", cat.Edition.ID, short(as.EditionFingerprint), short(cat.Edition.SHA256))})
	}
	if as.Messages == nil {
		as.Messages = []checklist.Message{}
	}
}

// readerNotes returns the messages DecodeAssessment added to an
// assessment it read: those about the JSON file itself.
func readerNotes(as *checklist.Assessment, base string) []checklist.Message {
	var out []checklist.Message
	for _, m := range as.Messages {
		if m.File == base && (m.Code == CodeKindMissing || m.Code == CodeEditionFingerprint) && m.Sheet == "" {
			out = append(out, m)
		}
	}
	return out
}

var bom = []byte("\xef\xbb\xbf")

func short(h string) string {
	if len(h) > 12 {
		return strings.ToLower(h[:12])
	}
	return h
}

// decodeOne decodes exactly one JSON value.
func decodeOne(data []byte, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("empty file")
		}
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("more than one JSON value")
	}
	return nil
}

// jsonValue renders a decoded value for a message, short.
func jsonValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

// checkAnswers holds the answers to the catalogue: one per requirement,
// each ID known and given once.
func checkAnswers(as *checklist.Assessment, cat *checklist.Catalog, name string) error {
	req := map[string]bool{}
	for _, it := range cat.Requirements() {
		req[it.ID] = true
	}
	seen := map[string]int{}
	for i, a := range as.Answers {
		p := fmt.Sprintf("answers[%d].id", i)
		switch {
		case strings.TrimSpace(a.ID) == "":
			return &JSONError{File: name, Path: p, JA: "ID がありません", EN: "the ID is missing"}
		case !req[a.ID]:
			return &JSONError{File: name, Path: p, ID: a.ID,
				JA: fmt.Sprintf("%q は版 %s の要件ではありません", a.ID, cat.Edition.ID),
				EN: fmt.Sprintf("%q is not a requirement of edition %s", a.ID, cat.Edition.ID)}
		}
		if j, dup := seen[a.ID]; dup {
			return &JSONError{File: name, Path: p, ID: a.ID,
				JA: fmt.Sprintf("ID %s が answers[%d] と重複しています", a.ID, j),
				EN: fmt.Sprintf("ID %s is given twice (also answers[%d])", a.ID, j)}
		}
		seen[a.ID] = i
	}
	for _, it := range cat.Requirements() {
		if _, ok := seen[it.ID]; !ok {
			return &JSONError{File: name, Path: "answers", ID: it.ID,
				JA: fmt.Sprintf("要件 %s の回答がありません（未回答は status \"unanswered\" で記録されます）", it.ID),
				EN: fmt.Sprintf("requirement %s has no answer (an unanswered item is recorded with status \"unanswered\")", it.ID)}
		}
	}
	return nil
}
