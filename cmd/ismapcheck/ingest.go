package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/spf13/cobra"
)

const ingestLong = `Read completed workbooks back, strictly and safely, and write an assessment
(JSON) per workbook: the cover, one answer per requirement with the cell it
came from, and every validation message (file, sheet, cell, ID, Japanese and
English).

Without --edition or --catalog, each workbook is read against the embedded
edition its hidden metadata names (the default edition when it names none).

FILE may be a workbook (.xlsx, .xlsm), a directory (its *.xlsx and *.xlsm,
not recursive) or a glob ("answers/*.xlsx"). Several files are read on all
cores, with a progress bar when stderr is a terminal.

--json OUT: with one workbook, OUT is the assessment file ("-" for stdout);
with several, OUT is a directory (created if missing) that receives
<name>.assessment.json per workbook. Existing files need --force.

Every file is treated as hostile: size cap (--max-size), zip and XML checks
before the spreadsheet library, limits on rows (10,000), columns (50, AX),
entries and expansion. Password-protected workbooks need --password.

--as-of DATE is the reading date: a planned date before it is warned about
(planned_date_past). Give it to get the same assessment on another day.

Exit codes: 0 clean; 1 validation errors (the assessments are still written);
3 a file cannot be read at all (the others are still read).

完成したブックを読み取り、検証結果（ファイル・シート・セル・ID付き）と回答を
JSON（assessment）に出力します。`

type ingestOptions struct {
	cf    catalogFlags
	in    inputFlags
	out   string
	force bool
	asOf  string
	// editionChosen: --edition or --catalog was given, so a workbook of
	// another edition is an edition_mismatch error rather than read
	// against its own edition.
	editionChosen bool
}

func newIngestCmd(a *app) *cobra.Command {
	var o ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest FILE...",
		Short: "Read completed workbooks into assessments / 回答済みブックの読み取り",
		Long:  ingestLong,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.editionChosen = cmd.Flags().Changed("edition") || o.cf.file != ""
			return a.runIngest(args, o)
		},
	}
	o.cf.register(cmd)
	o.in.register(cmd)
	f := cmd.Flags()
	f.StringVarP(&o.out, "json", "o", "", "assessment JSON to write (a directory with several files; - for stdout) / 出力先")
	f.BoolVar(&o.force, "force", false, "overwrite existing output files / 既存の出力を上書き")
	f.StringVar(&o.asOf, "as-of", "", "reading date for planned dates already past, e.g. 2026-03-31 or 令和8年3月31日 (default today) / 対応予定日の経過を判定する基準日（既定: 今日）")
	return cmd
}

// ingestResult is the outcome of one file. It keeps only what is printed
// at the end, not the assessment: a batch of a thousand workbooks must
// not hold a thousand assessments in memory.
type ingestResult struct {
	path      string
	err       error // the file cannot be read (exit 3)
	writeErr  error // the assessment could not be written
	messages  []checklist.Message
	hasErrors bool
	summary   string
}

func (a *app) runIngest(args []string, o ingestOptions) error {
	iopt, pw, err := o.in.options(a)
	if err != nil {
		return err
	}
	asOf, err := a.dateFlag("as-of", o.asOf)
	if err != nil {
		return err
	}
	files, err := a.expandInputs(args)
	if err != nil {
		return err
	}
	if o.out == "-" && len(files) > 1 {
		return usagef("--json - (stdout) takes one workbook, not %d", len(files))
	}
	outs, err := ingestOutputs(files, o)
	if err != nil {
		return err
	}
	var cats input.Catalogs
	if o.editionChosen {
		cat, err := o.cf.load()
		if err != nil {
			return err
		}
		cats = input.Catalogs{Chosen: cat}
	}
	ropt := input.ReadOptions{Catalogs: cats, Password: pw, Today: asOf, Tool: "ismapcheck " + toolVersion()}
	results := a.readAll(files, outs, o.force, iopt, ropt)

	worst := exitOK
	var writeErrs []error
	for _, r := range results {
		if r.err != nil {
			a.printError(r.err)
			worst = max(worst, exitCode(r.err))
			continue
		}
		if r.writeErr != nil {
			writeErrs = append(writeErrs, r.writeErr)
		}
		a.printMessages(atPath(r.path, r.messages))
		if line := a.codeCounts(r.messages); line != "" {
			fmt.Fprintf(a.stderr, "%s: %s\n", r.path, line)
		}
		if r.hasErrors {
			worst = max(worst, exitFindings)
		}
	}
	// With --json -, stdout carries the JSON only.
	for _, r := range results {
		fmt.Fprintln(a.summaryTo(o.out), r.summary)
	}
	if len(results) > 1 {
		fmt.Fprintln(a.stdout, a.batchTotals(results))
	}
	if len(writeErrs) > 0 {
		return errors.Join(writeErrs...)
	}
	if worst == exitOK {
		return nil
	}
	return &exitCodeError{code: worst}
}

// atPath returns msgs naming the file as the user gave it (path) where
// they name its base name, as the readers store it: the assessment records
// no directory, so that it does not depend on where the file was read
// from, but what the CLI prints points at the file the user named.
func atPath(path string, msgs []checklist.Message) []checklist.Message {
	base := filepath.Base(path)
	out := make([]checklist.Message, len(msgs))
	for i, m := range msgs {
		if m.File == base {
			m.File = path
		}
		out[i] = m
	}
	return out
}

// expandInputs turns the arguments into files: a file as given ("-" for
// standard input), a directory's *.xlsx and *.xlsm (sorted), a glob's
// matches. Duplicates are read once. Inside a directory or a glob, what is
// not a regular file (a FIFO, a device, a dangling link) is skipped with a
// warning on stderr; named directly, it is refused when read (exit 3).
func (a *app) expandInputs(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[filepath.Clean(p)] {
			seen[filepath.Clean(p)] = true
			out = append(out, p)
		}
	}
	skip := func(p string, err error) {
		ja, en := bilingual(err)
		fmt.Fprintf(a.stderr, "%s\n", a.msg("警告: 読み飛ばします: "+ja, "warning: skipped: "+en))
	}
	for _, arg := range args {
		if arg == "-" {
			add(arg)
			continue
		}
		st, err := os.Stat(arg)
		switch {
		case err == nil && st.IsDir():
			ents, err := os.ReadDir(arg)
			if err != nil {
				return nil, fmt.Errorf("%w: reading directory %q: %v", checklist.ErrInvalidInput, arg, err)
			}
			n := 0
			for _, e := range ents {
				if !e.IsDir() && isWorkbookPath(e.Name()) && !strings.HasPrefix(e.Name(), "~$") {
					p := filepath.Join(arg, e.Name())
					if err := input.IsRegular(p); err != nil {
						skip(p, err)
						continue
					}
					add(p)
					n++
				}
			}
			if n == 0 {
				return nil, usageBoth("directory %q holds no .xlsx or .xlsm file", "ディレクトリ %q に .xlsx / .xlsm がありません", arg)
			}
		case err == nil:
			add(arg)
		case errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(arg, "*?["):
			m, gerr := filepath.Glob(arg)
			if gerr != nil {
				return nil, usagef("bad pattern %q: %v", arg, gerr)
			}
			if len(m) == 0 {
				return nil, usageBoth("no file matches %q", "%q に一致するファイルがありません", arg)
			}
			sort.Strings(m)
			for _, p := range m {
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					continue
				}
				if err := input.IsRegular(p); err != nil {
					skip(p, err)
					continue
				}
				add(p)
			}
		default:
			return nil, fmt.Errorf("%w: %v", checklist.ErrInvalidInput, err)
		}
	}
	return out, nil
}

// ingestOutputs decides where each assessment goes: one file, or
// <dir>/<name>.assessment.json per workbook; "" writes nothing.
func ingestOutputs(files []string, o ingestOptions) ([]string, error) {
	outs := make([]string, len(files))
	switch {
	case o.out == "":
		return outs, nil
	case o.out == "-":
		outs[0] = o.out
		return outs, nil
	case len(files) == 1:
		if st, err := os.Stat(o.out); err == nil && st.IsDir() {
			outs[0] = filepath.Join(o.out, assessmentName(files[0]))
		} else {
			outs[0] = o.out
		}
		return outs, notAnInput(outs[0], files)
	}
	if st, err := os.Stat(o.out); err == nil && !st.IsDir() {
		return nil, usageBoth("--json %q must be a directory when reading %d files", "%[2]d 件のファイルを読むときは --json %[1]q にディレクトリを指定してください", o.out, len(files))
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return nil, fmt.Errorf("creating %q: %w", o.out, err)
	}
	byName := map[string]string{}
	for i, f := range files {
		name := assessmentName(f)
		if prev, dup := byName[name]; dup {
			return nil, usageBoth("%q and %q would both write %s; read them separately", "%q と %q の出力名 %s が重複します。別々に読み取ってください", prev, f, name)
		}
		byName[name] = f
		outs[i] = filepath.Join(o.out, name)
		if err := notAnInput(outs[i], files); err != nil {
			return nil, err
		}
	}
	return outs, nil
}

// assessmentName is <base without extension>.assessment.json.
func assessmentName(file string) string {
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base)) + ".assessment.json"
}

// readAll reads files, on all cores when there are several, and returns
// the results in input order.
// readAll reads files on all cores. Each worker writes its file's
// assessment to outs[i] (when set) as soon as it is read and keeps only the
// messages and the summary line; results come back in input order.
func (a *app) readAll(files, outs []string, force bool, iopt input.Options, ropt input.ReadOptions) []ingestResult {
	results := make([]ingestResult, len(files))
	raw := a.rawStderr
	if raw == nil {
		raw = a.stderr
	}
	bar := newProgress(raw, len(files))
	workers := min(runtime.GOMAXPROCS(0), len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				results[i] = a.ingestOne(files[i], outs[i], force, iopt, ropt)
				bar.done(files[i])
			}
		})
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	bar.finish()
	return results
}

func (a *app) writeAssessment(path string, force bool, as *checklist.Assessment) error {
	js, err := assessmentJSON(as)
	if err != nil {
		return err
	}
	if path == "-" {
		_, err := a.stdout.Write(js)
		return err
	}
	return writeFileAtomic(path, force, func(w io.Writer) error {
		_, err := w.Write(js)
		return err
	})
}

// assessmentJSON is the assessment as ingest writes it and reports attach
// it: encoding/json with a two-space indent, HTML not escaped, then
// jsonSafe; the same bytes as that plain recipe (encodeAssessment in the
// tests) at a third of its cost: encoding/json's
// indentation runs its full scanner over every byte, and jsonSafe copies
// and decodes the whole text to find runes that are almost never there.
func assessmentJSON(as *checklist.Assessment) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(as); err != nil {
		return nil, fmt.Errorf("encoding the assessment: %w", err)
	}
	js := indentJSON(make([]byte, 0, 2*buf.Len()), buf.Bytes())
	if mayBeTermUnsafe(js) {
		js = jsonSafe(js)
	}
	return js, nil
}

// indentJSON appends src, compact JSON as encoding/json writes it, to
// dst indented as json.Indent(dst, src, "", "  ") indents it: empty
// objects and arrays stay {} and [], ": " after keys, one value a line.
func indentJSON(dst, src []byte) []byte {
	depth, open := 0, false // open: after { or [, the newline is pending
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			newline()
		}
		switch c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:min(j+1, len(src))]...)
			i = j
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				newline()
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// mayBeTermUnsafe reports whether js may hold a rune jsonSafe escapes
// (termUnsafe at or above U+0080): C1 controls (C2 80–C2 9F), U+061C
// (D8 9C), U+200E–200F (E2 80 8E–8F), U+202A–202E (E2 80 AA–AE) and
// U+2066–2069 (E2 81 A6–A9). C2, D8 and E2 only start sequences.
func mayBeTermUnsafe(js []byte) bool {
	for i := 0; i+1 < len(js); i++ {
		switch c1 := js[i+1]; js[i] {
		case 0xC2:
			if c1 >= 0x80 && c1 <= 0x9F {
				return true
			}
		case 0xD8:
			if c1 == 0x9C {
				return true
			}
		case 0xE2:
			if i+2 >= len(js) {
				return true
			}
			c2 := js[i+2]
			if c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F || c2 >= 0xAA && c2 <= 0xAE) || c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9 {
				return true
			}
		}
	}
	return false
}

// ingestOne reads one workbook and writes its assessment to out.
func (a *app) ingestOne(path, out string, force bool, iopt input.Options, ropt input.ReadOptions) ingestResult {
	r := ingestResult{path: path}
	as, err := readWorkbook(path, iopt, ropt)
	if err != nil {
		r.err = err
		r.summary = fmt.Sprintf("%s: %s", path, a.msg("読み取れません（終了コード3）", "cannot be read (exit 3)"))
		return r
	}
	if out != "" {
		r.writeErr = a.writeAssessment(out, force, as)
	}
	r.messages, r.hasErrors, r.summary = as.Messages, as.HasErrors(), a.summaryLine(path, as)
	return r
}

// summaryLine is one line per file: counts by status, errors, warnings.
func (a *app) summaryLine(path string, as *checklist.Assessment) string {
	n := map[checklist.Status]int{}
	unknown := 0
	for _, x := range as.Answers {
		n[x.Status]++
		if x.Unknown {
			unknown++
		}
	}
	errs, warns := 0, 0
	for _, m := range as.Messages {
		if m.Severity == checklist.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	var parts []string
	for _, s := range append(append([]checklist.Status(nil), checklist.Statuses...), checklist.StatusUnanswered) {
		parts = append(parts, fmt.Sprintf("%s %d", a.msg(s.LabelJA(), s.LabelEN()), n[s]))
	}
	tail := fmt.Sprintf(a.msg("エラー %d、警告 %d", "errors %d, warnings %d"), errs, warns)
	if unknown > 0 {
		tail += fmt.Sprintf(a.msg("、不確定 %d", ", unknown %d"), unknown)
	}
	return fmt.Sprintf("%s: %s; %s", path, strings.Join(parts, a.msg("、", ", ")), tail)
}

// readWorkbook reads one completed workbook through the input layer. An
// input of another kind (a risk sheet, a JSON file) is refused by name:
// ingest reads what the CSP returned, nothing else.
func readWorkbook(path string, iopt input.Options, ropt input.ReadOptions) (*checklist.Assessment, error) {
	src, err := input.Open(path, iopt)
	if err != nil {
		return nil, err
	}
	what := map[input.Kind][2]string{
		input.KindRiskSheet:  {"リスク評価シート", "a risk sheet"},
		input.KindAssessment: {"評価結果 JSON", "an assessment JSON"},
		input.KindFindings:   {"findings の JSON 出力", "the JSON output of findings"},
		input.KindJSON:       {"JSON ファイル", "a JSON file"},
	}
	if w, ok := what[src.Kind]; ok {
		return nil, &checklist.CellError{File: path, Err: checklist.ErrInvalidInput,
			JA: w[0] + "です。ingest は回答済みのチェックリスト（.xlsx / .xlsm）を読み取ります",
			EN: "this is " + w[1] + "; ingest reads completed checklist workbooks (.xlsx, .xlsm)"}
	}
	if src.Kind == input.KindOther {
		// What ingest is given is meant as a workbook: the workbook
		// reader says what is wrong with it (not a zip, .xls, empty…).
		src.Kind = input.KindWorkbook
	}
	_, as, err := src.Assessment(ropt)
	return as, err
}

// progress draws a bar on a terminal; elsewhere it stays silent.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	total int
	n     int
	on    bool
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: total, on: total > 1 && isTerminal(w)}
}

// isTerminal reports whether w is a character device (a TTY). Buffers in
// tests and redirected output are not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *progress) done(name string) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	const width = 30
	fill := width * p.n / p.total
	base := termEscape(filepath.Base(name))
	if r := []rune(base); len(r) > 30 {
		base = string(r[:29]) + "…"
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d %-30s", strings.Repeat("#", fill), strings.Repeat(".", width-fill), p.n, p.total, base)
}

func (p *progress) finish() {
	if p.on {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 75))
	}
}
