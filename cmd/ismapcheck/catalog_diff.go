package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/spf13/cobra"
)

const catalogDiffLong = `Compare the requirements of two catalogue editions: which were added, removed,
moved (renumbered through --crosswalk, or placed under another parent) and
whose level, title or summary changed. Headings are not compared.

EDITION_A is the older edition, EDITION_B the newer. Each is the ID of an
embedded edition (see "catalog list") or the path of a catalogue file.

--crosswalk FILE names a CSV file that maps renumbered requirements:
  # comment lines start with "#"
  old_id,new_id
  4.4.1.1,4.4.1.2
A requirement not listed keeps its ID. Each old and each new ID may appear
once. generate --from and diff use the same file.

Exit 0 when the editions have the same requirements, 1 when they differ.

2つの版の要件を比較し、追加・削除・移動（番号の変更）・文言の変更を一覧表示します。`

type catalogDiffOptions struct {
	crosswalk string
	format    string
}

func newCatalogDiffCmd(a *app) *cobra.Command {
	var o catalogDiffOptions
	cmd := &cobra.Command{
		Use:   "diff EDITION_A EDITION_B",
		Short: "Compare two editions / 2つの版を比較",
		Long:  catalogDiffLong,
		Example: `  ismapcheck catalog diff 2022-04-01 new-edition.csv --crosswalk crosswalk.csv
  ismapcheck catalog diff old.csv new.csv --format json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCatalogDiff(args[0], args[1], o)
		},
	}
	cmd.Flags().StringVar(&o.crosswalk, "crosswalk", "", "CSV file old_id,new_id for renumbered requirements / 番号対応表（CSV）")
	cmd.Flags().StringVar(&o.format, "format", "table", "table, csv or json / 出力形式")
	return cmd
}

// loadEditionArg loads an embedded edition by ID, or else a catalogue file.
func loadEditionArg(arg string) (*checklist.Catalog, error) {
	for _, e := range templates.Editions() {
		if e == arg {
			return loadEdition(arg)
		}
	}
	return loadCatalogFile(arg)
}

// loadCrosswalk reads --crosswalk; an empty path means no crosswalk.
func loadCrosswalk(path string) (checklist.Crosswalk, error) {
	if path == "" {
		return nil, nil
	}
	src, err := input.Open(path, input.Options{FixedSize: true})
	if err != nil {
		return nil, err
	}
	return checklist.ParseCrosswalk(bytes.NewReader(src.Bytes), path)
}

// editionDiff loads two editions and a crosswalk and compares them. A
// crosswalk that does not fit the editions is invalid input (exit 3).
func editionDiff(older, newer *checklist.Catalog, crosswalk string) (checklist.EditionDiff, error) {
	cw, err := loadCrosswalk(crosswalk)
	if err != nil {
		return checklist.EditionDiff{}, err
	}
	d, err := checklist.DiffEditions(older, newer, cw)
	if err != nil {
		return d, fmt.Errorf("%w: crosswalk %q: %w", checklist.ErrInvalidInput, crosswalk, err)
	}
	return d, nil
}

func (a *app) runCatalogDiff(argA, argB string, o catalogDiffOptions) error {
	switch o.format {
	case "table", "csv", "json":
	default:
		return usagef("--format must be table, csv or json, not %q", o.format)
	}
	ca, err := loadEditionArg(argA)
	if err != nil {
		return err
	}
	cb, err := loadEditionArg(argB)
	if err != nil {
		return err
	}
	d, err := editionDiff(ca, cb, o.crosswalk)
	if err != nil {
		return err
	}
	if d.Changes == nil {
		d.Changes = []checklist.EditionChange{}
	}
	return a.writeDiff(o.format, "the edition diff", d, d.Empty(),
		func(cw *csv.Writer) error { return writeEditionDiffCSV(cw, d) },
		func(w io.Writer) error { return a.writeEditionDiffTable(w, d) })
}

func writeEditionDiffCSV(cw *csv.Writer, d checklist.EditionDiff) error {
	cw.Write([]string{"kind", "old_id", "new_id", "level", "old_parent", "new_parent", "fields", "title_ja", "title_en"})
	for _, c := range d.Changes {
		cw.Write([]string{string(c.Kind), c.OldID, c.NewID, string(c.Level), c.OldParent, c.NewParent,
			strings.Join(c.Fields, ";"), csvSafe(c.TitleJA), csvSafe(c.TitleEN)})
	}
	cw.Flush()
	return cw.Error()
}

func (a *app) writeEditionDiffTable(w io.Writer, d checklist.EditionDiff) error {
	fmt.Fprintf(w, a.msg("版 %s → %s（番号対応 %d 件）\n", "Edition %s → %s (%d crosswalk entries)\n"), d.From, d.To, d.Crosswalk)
	n := strconv.Itoa
	fmt.Fprintf(w, a.msg("変更なし %s、追加 %s、削除 %s、移動 %s、文言変更 %s\n", "unchanged %s, added %s, removed %s, moved %s, changed %s\n"),
		n(d.Unchanged), n(d.Added), n(d.Removed), n(d.Moved), n(d.Changed))
	if d.Empty() {
		return nil
	}
	fmt.Fprintln(w)
	rows := [][]string{strings.Split(a.msg("変更\t旧ID\t新ID\t変わった欄\t項目名", "CHANGE\tOLD ID\tNEW ID\tFIELDS\tTITLE"), "\t")}
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, c := range d.Changes {
		fields := strings.Join(c.Fields, ",")
		if c.Kind == checklist.ChangeMoved && c.OldParent != c.NewParent {
			fields = strings.TrimPrefix(fields+","+a.msg("親 ", "parent ")+dash(c.OldParent)+"→"+dash(c.NewParent), ",")
		}
		rows = append(rows, []string{a.msg(c.Kind.LabelJA(), c.Kind.LabelEN()), dash(c.OldID), dash(c.NewID), dash(fields), a.msg(c.TitleJA, c.TitleEN)})
	}
	return writeColumns(w, rows)
}
