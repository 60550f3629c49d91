package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/spf13/cobra"
)

// catalogFlags are --edition and --catalog, shared by every command that
// needs the catalogue.
type catalogFlags struct {
	edition string
	file    string
}

func (f *catalogFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.edition, "edition", templates.DefaultEdition, "embedded catalogue edition / 使用する管理基準の版")
	cmd.Flags().StringVar(&f.file, "catalog", "", "catalogue file to use instead of the embedded edition / 組込みの版の代わりに使うカタログファイル")
}

// load returns the catalogue the flags name.
func (f *catalogFlags) load() (*checklist.Catalog, error) {
	if f.file != "" {
		return loadCatalogFile(f.file)
	}
	p, err := templates.CatalogPath(f.edition)
	if err != nil {
		return nil, usagef("%v", err)
	}
	c, err := checklist.LoadCatalog(embeddedCatalogs(), p)
	if err != nil {
		// Our own data is broken, not the user's input: exit 4, although
		// the error wraps *checklist.LineError (which alone would mean 3).
		return nil, &exitCodeError{code: exitInternal, err: fmt.Errorf("embedded catalogue %s is broken (internal error): %w", f.edition, err)}
	}
	return c, nil
}

// embeddedCatalogs is the file system of the embedded editions; a variable
// so a test can load a broken copy.
var embeddedCatalogs = templates.CatalogFS

// loadCatalogFile reads a user-supplied catalogue file.
func loadCatalogFile(path string) (*checklist.Catalog, error) {
	src, err := input.Open(path, input.Options{FixedSize: true})
	if err != nil {
		return nil, err
	}
	return checklist.ParseCatalog(bytes.NewReader(src.Bytes), path)
}

// loadEdition returns an embedded edition by ID.
func loadEdition(edition string) (*checklist.Catalog, error) {
	f := catalogFlags{edition: edition}
	return f.load()
}

func newCatalogCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "List, show, count, validate and compare catalogue editions / 管理基準カタログの一覧・表示・集計・検証・比較",
	}
	cmd.AddCommand(newCatalogListCmd(a), newCatalogShowCmd(a), newCatalogStatsCmd(a), newCatalogValidateCmd(a), newCatalogDiffCmd(a))
	return cmd
}

func newCatalogListCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the embedded editions / 組込みの版を一覧表示",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rows := [][]string{strings.Split(a.msg("版\t要件数\t名称\tSHA-256", "EDITION\tITEMS\tTITLE\tSHA-256"), "\t")}
			for _, e := range templates.Editions() {
				c, err := loadEdition(e)
				if err != nil {
					return err
				}
				title := c.Edition.TitleJA
				if !a.ja() {
					title = c.Edition.TitleEN
				}
				rows = append(rows, []string{e, strconv.Itoa(len(c.Requirements())), title, c.Edition.SHA256[:16]})
			}
			return writeColumns(a.text(), rows, 1)
		},
	}
}

func newCatalogShowCmd(a *app) *cobra.Command {
	var cf catalogFlags
	var level, format string
	var chapter int
	cmd := &cobra.Command{
		Use:   "show [ID...]",
		Short: "Show the requirements of an edition / 要件を表示",
		Long: `Show the requirements of an edition as a table, CSV or JSON. With IDs
(e.g. "catalog show 4.4.8.4 A.15.1.1.16.B"), show just those items in full:
titles, summaries and what each rests on.

版の要件を表示します。IDを指定すると、その項目の名称・概要・根拠をすべて表示します。`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if level != "" && !checklist.Level(level).IsRequirement() {
				return usagef("--level must be governance, management, objective or detail, not %q", level)
			}
			if format != "table" && format != "csv" && format != "json" {
				return usagef("--format must be table, csv or json, not %q", format)
			}
			c, err := cf.load()
			if err != nil {
				return err
			}
			if len(args) > 0 {
				items, err := lookupItems(c, args)
				if err != nil {
					return err
				}
				if format == "table" {
					return writeItemDetails(a, a.text(), c, items)
				}
				return writeItems(a, a.stdout, c, items, format)
			}
			var items []checklist.Item
			for _, it := range c.Requirements() {
				if level != "" && string(it.Level) != level {
					continue
				}
				if chapter != 0 && it.Chapter != chapter {
					continue
				}
				items = append(items, it)
			}
			w := a.text()
			if format != "table" {
				w = a.stdout
			}
			return writeItems(a, w, c, items, format)
		},
	}
	cf.register(cmd)
	cmd.Flags().StringVar(&level, "level", "", "only this level: governance, management, objective, detail / 区分で絞り込み")
	cmd.Flags().IntVar(&chapter, "chapter", 0, "only this chapter (3–18) / 章で絞り込み")
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json / 出力形式")
	return cmd
}

// lookupItems finds each requested ID in the catalogue, in the order given.
// An ID that is malformed or not in the edition is a usage error naming it.
func lookupItems(c *checklist.Catalog, ids []string) ([]checklist.Item, error) {
	items := make([]checklist.Item, 0, len(ids))
	for _, arg := range ids {
		id, err := checklist.CanonicalID(arg)
		if err != nil {
			return nil, usageBoth("%q is not a requirement ID", "%q は要件IDではありません", arg)
		}
		it, ok := c.Lookup(id)
		if !ok || !it.Level.IsRequirement() {
			return nil, usageBoth("%s is not a requirement of edition %s", "%s は版 %s の要件ではありません", id, c.Edition.ID)
		}
		items = append(items, it)
	}
	return items, nil
}

// writeItemDetails prints each item in full, the language of --lang first.
func writeItemDetails(a *app, w io.Writer, c *checklist.Catalog, items []checklist.Item) error {
	for i, it := range items {
		if i > 0 {
			fmt.Fprintln(w)
		}
		title := []string{it.TitleJA, it.TitleEN}
		summary := []string{it.SummaryJA, it.SummaryEN}
		if !a.ja() {
			title[0], title[1] = title[1], title[0]
			summary[0], summary[1] = summary[1], summary[0]
		}
		fmt.Fprintf(w, "%s  %s / %s\n", it.ID, it.Level.LabelJA(), it.Level.LabelEN())
		for _, line := range append(title, summary...) {
			if line != "" {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
		fmt.Fprintf(w, "  %s: %s\n", a.msg("根拠", "rests on"), it.Ref)
	}
	_, err := fmt.Fprintf(w, "\n%s\n", a.msg(c.Edition.NoteJA, c.Edition.NoteEN))
	return err
}

func writeItems(a *app, w io.Writer, c *checklist.Catalog, items []checklist.Item, format string) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(checklist.CatalogColumns())
		for _, it := range items {
			cw.Write([]string{it.ID, string(it.Level), strconv.Itoa(it.Chapter), it.Parent, it.Suffix(), it.TitleJA, it.TitleEN, it.SummaryJA, it.SummaryEN, it.Ref})
		}
		cw.Flush()
		return cw.Error()
	case "json":
		return writeJSON(w, struct {
			Edition checklist.Edition `json:"edition"`
			Items   []checklist.Item  `json:"items"`
		}{c.Edition, items})
	}
	rows := [][]string{strings.Split(a.msg("ID\t区分\t項目名", "ID\tLEVEL\tTITLE"), "\t")}
	for _, it := range items {
		rows = append(rows, []string{it.ID, a.msg(it.Level.LabelJA(), it.Level.LabelEN()), a.msg(it.TitleJA, it.TitleEN)})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", a.msg(c.Edition.NoteJA, c.Edition.NoteEN))
	return err
}

func newCatalogStatsCmd(a *app) *cobra.Command {
	var cf catalogFlags
	var format string
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count the requirements per level and chapter / 区分・章ごとの要件数",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return usagef("--format must be table or json, not %q", format)
			}
			c, err := cf.load()
			if err != nil {
				return err
			}
			s := c.Stats()
			if format == "json" {
				return writeJSON(a.stdout, s)
			}
			fmt.Fprintf(a.text(), "%s %s: %d = %d + %d + %d + %d\n", a.msg("版", "edition"), s.Edition, s.Total, s.Governance, s.Management, s.Objective, s.Detail)
			fmt.Fprintln(a.stdout, a.msg("  (ガバナンス + マネジメント + 統制目標 + 末尾Bの詳細管理策)", "  (governance + management + control objectives + detailed controls ending in B)"))
			rows := [][]string{strings.Split(a.msg("章\t計\tガバナンス\tマネジメント\t統制目標\t詳細(B)\t名称", "CHAPTER\tTOTAL\tGOV\tMGMT\tOBJ\tDETAIL(B)\tTITLE"), "\t")}
			for _, ch := range s.Chapters {
				n := func(v int) string { return strconv.Itoa(v) }
				rows = append(rows, []string{n(ch.Chapter), n(ch.Total), n(ch.Governance), n(ch.Management), n(ch.Objective), n(ch.Detail), a.msg(ch.TitleJA, ch.TitleEN)})
			}
			return writeColumns(a.text(), rows, 0, 1, 2, 3, 4, 5)
		},
	}
	cf.register(cmd)
	cmd.Flags().StringVar(&format, "format", "table", "table or json / 出力形式")
	return cmd
}

func newCatalogValidateCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a catalogue file / カタログファイルを検証",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := loadCatalogFile(args[0])
			if err != nil {
				return err
			}
			s := c.Stats()
			fmt.Fprintf(a.text(), a.msg("%s: 問題ありません（版 %s、要件 %d 件、SHA-256 %s）\n", "%s: valid (edition %s, %d requirements, SHA-256 %s)\n"),
				args[0], s.Edition, s.Total, strings.ToLower(c.Edition.SHA256))
			return nil
		},
	}
}

// writeJSON writes v as indented JSON, terminal-safe (see jsonSafe): a
// catalogue file given with --catalog is outside input too.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(jsonSafe(buf.Bytes()))
	return err
}
