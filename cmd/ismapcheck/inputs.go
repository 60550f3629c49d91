package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/spf13/cobra"
)

// passwordEnv names the environment variable a workbook password may come
// from, so that it does not show in the process list.
const passwordEnv = "ISMAPCHECK_PASSWORD"

// maxPasswordFile bounds a --password-file.
const maxPasswordFile = 4 << 10

// inputFlags are the flags of every command that reads a workbook: the
// size cap and the password (given, from a file, or from ISMAPCHECK_PASSWORD).
type inputFlags struct {
	maxSize      int64
	password     string
	passwordFile string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.Int64Var(&f.maxSize, "max-size", input.DefaultMaxSize, fmt.Sprintf("largest input file read, in bytes (at most %d) / 読み取るファイルの上限（バイト）", input.MaxMaxSize))
	fl.StringVar(&f.password, "password", "", "password of a protected workbook (or $"+passwordEnv+", or --password-file) / 保護されたブックのパスワード")
	fl.StringVar(&f.passwordFile, "password-file", "", "file whose first line is the workbook password / パスワードを1行目に書いたファイル")
}

// options checks the flags and returns the input options and the password.
func (f *inputFlags) options(a *app) (input.Options, string, error) {
	if f.maxSize <= 0 || f.maxSize > input.MaxMaxSize {
		return input.Options{}, "", usageBoth("--max-size must be between 1 and %d bytes, not %d", "--max-size は 1〜%d バイトで指定してください（%d）", int64(input.MaxMaxSize), f.maxSize)
	}
	pw, err := f.resolvePassword()
	if err != nil {
		return input.Options{}, "", err
	}
	return input.Options{MaxSize: f.maxSize, Stdin: a.stdin}, pw, nil
}

// resolvePassword: --password, else --password-file's first line, else
// $ISMAPCHECK_PASSWORD. Giving both flags is a usage error.
func (f *inputFlags) resolvePassword() (string, error) {
	if f.password != "" && f.passwordFile != "" {
		return "", usageBoth("give --password or --password-file, not both", "--password と --password-file はどちらか一方を指定してください")
	}
	if f.password != "" {
		return f.password, nil
	}
	if f.passwordFile != "" {
		src, err := input.Open(f.passwordFile, input.Options{MaxSize: maxPasswordFile, FixedSize: true})
		if err != nil {
			return "", err
		}
		line, _, _ := bytes.Cut(bytes.TrimPrefix(src.Bytes, []byte("\xef\xbb\xbf")), []byte("\n"))
		return strings.TrimRight(string(line), "\r"), nil
	}
	return os.Getenv(passwordEnv), nil
}

// chosenCatalog returns the catalogue the user chose with --edition or
// --catalog, or nil when they chose none (the input names its edition).
func chosenCatalog(cmd *cobra.Command, cf *catalogFlags) (input.Catalogs, error) {
	if !cmd.Flags().Changed("edition") && cf.file == "" {
		return input.Catalogs{}, nil
	}
	cat, err := cf.load()
	if err != nil {
		return input.Catalogs{}, err
	}
	name := "--edition " + cf.edition
	if cf.file != "" {
		name = "--catalog " + cf.file
	}
	return input.Catalogs{Chosen: cat, ChosenName: name}, nil
}

// loadFindingsInput opens FILE (a workbook or an assessment JSON; "-" for
// standard input) once and decodes it: against the catalogue the user
// chose, or the edition the input names. A workbook is read as of today
// (the command's date flag): it decides the planned_date_past warnings.
// The source keeps the exact bytes analysed, for the report to embed.
func (a *app) loadFindingsInput(cmd *cobra.Command, cf *catalogFlags, inf *inputFlags, file string, today checklist.Date) (*input.Source, *checklist.Catalog, *checklist.Assessment, error) {
	cats, err := chosenCatalog(cmd, cf)
	if err != nil {
		return nil, nil, nil, err
	}
	opt, pw, err := inf.options(a)
	if err != nil {
		return nil, nil, nil, err
	}
	src, err := input.Open(file, opt)
	if err != nil {
		return nil, nil, nil, err
	}
	cat, as, err := src.Assessment(input.ReadOptions{Catalogs: cats, Password: pw, Today: today, Tool: "ismapcheck " + toolVersion()})
	if err != nil {
		return nil, nil, nil, err
	}
	a.printMessages(atPath(file, src.Notes))
	return src, cat, as, nil
}

// readRiskFile opens and reads a filled risk sheet of the case of as (nil:
// not checked).
func (a *app) readRiskFile(path string, inf *inputFlags, as *checklist.Assessment) (*input.Source, risksheet.Sheet, error) {
	opt, _, err := inf.options(a)
	if err != nil {
		return nil, risksheet.Sheet{}, err
	}
	src, err := input.Open(path, opt)
	if err != nil {
		return nil, risksheet.Sheet{}, err
	}
	var c *checklist.Case
	if as != nil {
		cs := checklist.CaseOf(as)
		c = &cs
	}
	sheet, err := src.RiskSheet(c)
	if err != nil {
		return nil, risksheet.Sheet{}, err
	}
	return src, sheet, nil
}
