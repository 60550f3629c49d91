package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/spf13/cobra"
)

// Exit codes, one place. Documented in the root command's help.
const (
	exitOK       = 0 // success; no findings or validation errors
	exitFindings = 1 // the input has findings or validation errors (where a command says so)
	exitUsage    = 2 // bad flags or arguments, or an output that exists without --force
	exitInput    = 3 // an input file that cannot be read or is invalid
	exitInternal = 4 // a bug or an environment failure
)

// version is set with -ldflags "-X main.version=v1.2.3".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "devel-" + s.Value[:12]
			}
		}
	}
	return "devel"
}

// app carries what every command shares: where to write, the message
// language and the clock (injected so tests are deterministic).
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// rawStderr is stderr before escaping, for the progress bar.
	rawStderr io.Writer
	lang      string
	now       func() time.Time
}

// ja reports whether messages should be Japanese first.
func (a *app) ja() bool { return a.lang != "en" }

// msg picks the text for the current language.
func (a *app) msg(ja, en string) string {
	if a.ja() {
		return ja
	}
	return en
}

// today is the current date, from the injected clock, in Japan time.
func (a *app) today() checklist.Date {
	return checklist.DateOf(a.now().In(jst))
}

var jst = time.FixedZone("JST", 9*60*60)

// dateFlag reads the value of a date flag (ISO or 和暦); an empty value
// means today. A bad value is a usage error naming the flag.
func (a *app) dateFlag(flag, value string) (checklist.Date, error) {
	if value == "" {
		return a.today(), nil
	}
	d, err := checklist.ParseDate(value)
	if err != nil {
		return checklist.Date{}, usagef("--%s: %v", flag, err)
	}
	return d, nil
}

// usageError marks a mistake in how the command was called (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// usageBoth is usagef with a Japanese text beside the English; both
// formats take the same arguments.
func usageBoth(en, ja string, args ...any) error {
	return &usageError{&bilingualError{en: fmt.Sprintf(en, args...), ja: fmt.Sprintf(ja, args...)}}
}

// bilingualError is a message written in both languages.
type bilingualError struct{ en, ja string }

func (e *bilingualError) Error() string     { return e.en }
func (e *bilingualError) MessageJA() string { return e.ja }

// exitCodeError ends a command with a code and, optionally, nothing more to
// print (the command already reported what it found).
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}
func (e *exitCodeError) Unwrap() error { return e.err }

// errFindings is returned by commands that found findings or validation
// errors and already printed them.
var errFindings = &exitCodeError{code: exitFindings}

// exitCode maps an error to the process exit code. The only such switch.
func exitCode(err error) int {
	var ue *usageError
	var ec *exitCodeError
	var ce *checklist.CellError
	var le *checklist.LineError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ec):
		return ec.code
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &ce), errors.As(err, &le), errors.Is(err, checklist.ErrInvalidInput),
		errors.Is(err, checklist.ErrBadDate), errors.Is(err, checklist.ErrBadID):
		return exitInput
	}
	return exitInternal
}

const rootLong = `ismapcheck checks a cloud service provider (CSP) against the basic statement
requirements (基本言明要件) of the ISMAP control criteria and records the agency's
risk assessment of every shortfall.

The loop: generate → (CSP fills the workbook) → ingest → findings → risk-sheet →
report; "feedback" gives the CSP its workbook back with the problems marked;
"verify" re-checks a report against what it embeds. Between rounds of a case:
"diff" and "generate --from"; over many cases: "portfolio"; between catalogue
editions: "catalog diff". "ismapcheck demo -o DIR" runs it on bundled sample
data.

Exit codes / 終了コード:
  0  success / 正常終了
  1  the input has findings or validation errors (findings, ingest, feedback,
     interim check), differences were found (diff, catalog diff), a file was
     skipped (portfolio), report --final on a report not ready for sign-off, or
     verify: the report differs from what it embeds
     / 指摘事項・検証エラー・差分あり、読み飛ばしたファイルあり、
       署名準備が未完了（report --final）、
       または報告書と添付の再計算結果が相違（verify）
  2  usage error, or the output file exists and --force was not given
     / 使い方の誤り、または出力先が既に存在する（--force なし）
  3  an input file cannot be read or is invalid (verify: not an ismapcheck report)
     / 入力ファイルを読めない・不正（verify: ismapcheck の報告書ではない）
  4  internal error / 内部エラー
  130/143  interrupted (Ctrl-C / SIGTERM) / 中断`

// newRootCmd builds the command tree.
func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:           "ismapcheck",
		Short:         "Check a CSP against the ISMAP basic statement requirements / ISMAP基本言明要件の確認",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if a.lang != "ja" && a.lang != "en" {
				return usagef("--lang must be ja or en, not %q", a.lang)
			}
			return nil
		},
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.PersistentFlags().StringVar(&a.lang, "lang", "ja", "message language: ja or en / メッセージの言語")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		newVersionCmd(a),
		newCatalogCmd(a),
		newGenerateCmd(a),
		newIngestCmd(a),
		newFeedbackCmd(a),
		newFindingsCmd(a),
		newRiskSheetCmd(a),
		newReportCmd(a),
		newVerifyCmd(a),
		newInterimCmd(a),
		newDiffCmd(a),
		newPortfolioCmd(a),
		newLicensesCmd(a),
		newDemoCmd(a),
	)
	finishTree(root)
	return root
}

// run executes the command line and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, lang: "ja", now: time.Now}
	return a.run(args)
}

func (a *app) run(args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(a.stderr, "ismapcheck: 内部エラー / internal error: %v\n%s", r, debug.Stack())
			code = exitInternal
		}
	}()
	// Messages name files and quote cells: never raw control characters
	// on the terminal (see terminal.go). The progress bar keeps the raw
	// stream to tell whether it is a terminal.
	if _, done := a.stderr.(*termWriter); !done {
		a.rawStderr = a.stderr
		a.stderr = &termWriter{w: a.stderr}
	}
	root := newRootCmd(a)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil && !isBareExit(err) {
		var be *bilingualError
		if u, ok := cobraUsage(err); ok && !errors.As(err, &be) {
			err = u
		} else if strings.Contains(err.Error(), "unknown command") || strings.Contains(err.Error(), "unknown flag") ||
			strings.Contains(err.Error(), "accepts ") || strings.Contains(err.Error(), "requires at least") {
			err = &usageError{err}
		}
		a.printError(err)
	}
	return exitCode(err)
}

func isBareExit(err error) bool {
	var ec *exitCodeError
	return errors.As(err, &ec) && ec.err == nil
}

// printError prints an error once, every joined part on its own line, in
// the chosen language first and the other beneath it.
func (a *app) printError(err error) {
	for _, e := range flatten(err) {
		ja, en := bilingual(e)
		first, second := ja, en
		if !a.ja() {
			first, second = en, ja
		}
		// An error with no translation reads the same in both lines
		// (one only adds a label): print it once.
		if strings.Contains(first, second) || strings.Contains(second, first) {
			if len(second) > len(first) {
				first = second
			}
			fmt.Fprintf(a.stderr, "ismapcheck: %s\n", first)
			continue
		}
		fmt.Fprintf(a.stderr, "ismapcheck: %s\n", first)
		if second != first {
			fmt.Fprintf(a.stderr, "  %s\n", second)
		}
	}
}

// flatten splits errors.Join trees into their leaves, keeping wrapping
// context: a join wrapped by fmt.Errorf("context: %w", joined) yields one
// leaf per joined error, each still prefixed with "context: ".
func flatten(err error) []error {
	switch x := err.(type) {
	case interface{ Unwrap() []error }:
		var out []error
		for _, e := range x.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	case interface{ Unwrap() error }:
		inner := x.Unwrap()
		if inner == nil {
			break
		}
		leaves := flatten(inner)
		if len(leaves) < 2 {
			break // a single chain: print it whole, as it is
		}
		prefix, ok := strings.CutSuffix(err.Error(), inner.Error())
		if !ok {
			break // the wrapper rewrites the text; we cannot split it
		}
		for i, l := range leaves {
			leaves[i] = &contextError{prefix: prefix, err: l}
		}
		return leaves
	}
	return []error{err}
}

// contextError is one leaf of a joined error with the text that wrapped
// the join in front of it.
type contextError struct {
	prefix string
	err    error
}

func (e *contextError) Error() string { return e.prefix + e.err.Error() }
func (e *contextError) Unwrap() error { return e.err }

// bilingual returns the Japanese and English text of an error.
func bilingual(err error) (ja, en string) {
	en = err.Error()
	var b checklist.Bilingual
	if errors.As(err, &b) {
		ja = b.MessageJA()
		var ue *usageError
		if errors.As(err, &ue) {
			ja = "使い方の誤り: " + ja
		}
		// Keep any context wrapped around the bilingual error.
		if prefix, ok := strings.CutSuffix(en, b.Error()); ok && prefix != "" {
			ja = prefix + ja
		}
		return ja, en
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		ja = "使い方の誤り: " + en
	case errors.Is(err, checklist.ErrInvalidInput):
		ja = "入力ファイルが不正です: " + en
	case errors.Is(err, checklist.ErrBadDate):
		ja = "日付を読み取れません: " + en
	default:
		ja = "エラー: " + en
	}
	return ja, en
}

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version / バージョンを表示",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(a.stdout, "ismapcheck %s\n", toolVersion())
			return err
		},
	}
}
