package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/spf13/cobra"
)

// This file holds what the whole command tree shares once it is built:
// group commands that refuse an unknown subcommand, --version, the values
// shell completion offers, and cobra's own usage errors in both languages.

// flagValues are the values shell completion offers per flag and command
// path. A test checks that every command with such a flag is listed.
var flagValues = map[string]map[string][]string{
	"format": {
		"ismapcheck catalog show":       {"table", "csv", "json"},
		"ismapcheck catalog stats":      {"table", "json"},
		"ismapcheck catalog diff":       {"table", "csv", "json"},
		"ismapcheck diff":               {"table", "csv", "json"},
		"ismapcheck findings":           {"table", "csv", "json"},
		"ismapcheck interim check":      {"text", "json"},
		"ismapcheck interim categories": {"text", "json"},
		"ismapcheck portfolio":          {"table", "json"},
		"ismapcheck verify":             {"text", "json"},
	},
	"labels": {
		"ismapcheck generate": {xlsx.LabelsJA, xlsx.LabelsEN, xlsx.LabelsBoth},
	},
}

// langValues are the values of the persistent --lang flag.
var langValues = []string{"ja", "en"}

// finishTree applies the shared behaviour to the tree under root.
func finishTree(root *cobra.Command) {
	root.Version = toolVersion()
	root.SetVersionTemplate("ismapcheck {{.Version}}\n")
	_ = root.RegisterFlagCompletionFunc("lang", fixedValues(langValues))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c != root && c.HasSubCommands() && c.Run == nil && c.RunE == nil {
			groupCommand(c)
		}
		for flag, byCmd := range flagValues {
			if vals, ok := byCmd[c.CommandPath()]; ok && c.Flags().Lookup(flag) != nil {
				_ = c.RegisterFlagCompletionFunc(flag, fixedValues(vals))
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func fixedValues(vals []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return vals, cobra.ShellCompDirectiveNoFileComp
	}
}

// groupCommand makes c, which only groups subcommands ("catalog",
// "interim"), print its help when called alone and refuse anything else
// as an unknown subcommand (exit 2, with a suggestion) — cobra would print
// the help and exit 0, hiding the typo from a script.
func groupCommand(c *cobra.Command) {
	c.Args = cobra.ArbitraryArgs
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2 // as cobra uses for the root
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return cmd.Help()
		}
		return unknownCommand(args[0], cmd.CommandPath(), cmd.SuggestionsFor(args[0]))
	}
}

func unknownCommand(name, parent string, suggestions []string) error {
	en := fmt.Sprintf("unknown command %q for %q", name, parent)
	ja := fmt.Sprintf("%q というコマンドはありません（%s）", name, parent)
	if len(suggestions) > 0 {
		en += fmt.Sprintf("; did you mean %q?", strings.Join(suggestions, `" or "`))
		ja += fmt.Sprintf("。%q の誤りではありませんか", strings.Join(suggestions, `" か "`))
	}
	en += fmt.Sprintf(" (see %q)", parent+" --help")
	ja += fmt.Sprintf("（%q で一覧を表示）", parent+" --help")
	return &usageError{&bilingualError{en: en, ja: ja}}
}

// cobra's usage errors, matched on their text (cobra has no error types
// for them), with what they say in Japanese.
var (
	reUnknownCmd  = regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`)
	reSuggestion  = regexp.MustCompile(`(?m)^\t(\S+)$`)
	reUnknownFlag = regexp.MustCompile(`^unknown (?:shorthand )?flag: (.*)$`)
	reArgs        = regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`)
	reMinArgs     = regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)$`)
	reNeedsArg    = regexp.MustCompile(`^flag needs an argument: (.*)$`)
	reBadFlag     = regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: (.*)$`)
)

// cobraUsage turns one of cobra's usage errors into a bilingual usage
// error; it reports false for any other error.
func cobraUsage(err error) (error, bool) {
	msg := err.Error()
	first, _, _ := strings.Cut(msg, "\n")
	both := func(en, ja string) (error, bool) {
		return &usageError{&bilingualError{en: en, ja: ja}}, true
	}
	if m := reUnknownCmd.FindStringSubmatch(first); m != nil {
		var sugg []string
		for _, s := range reSuggestion.FindAllStringSubmatch(msg, -1) {
			sugg = append(sugg, s[1])
		}
		return unknownCommand(m[1], m[2], sugg), true
	}
	if m := reUnknownFlag.FindStringSubmatch(first); m != nil {
		return both("unknown flag: "+m[1], "不明なフラグです: "+m[1])
	}
	if m := reArgs.FindStringSubmatch(first); m != nil {
		return both(fmt.Sprintf("takes %s argument(s), got %s (see --help)", m[1], m[2]), fmt.Sprintf("引数は%s個です（%s個指定されました。--help を参照）", m[1], m[2]))
	}
	if m := reMinArgs.FindStringSubmatch(first); m != nil {
		return both(fmt.Sprintf("takes at least %s argument(s), got %s (see --help)", m[1], m[2]), fmt.Sprintf("引数を%s個以上指定してください（%s個指定されました。--help を参照）", m[1], m[2]))
	}
	if m := reNeedsArg.FindStringSubmatch(first); m != nil {
		return both("flag needs a value: "+m[1], "フラグに値がありません: "+m[1])
	}
	if m := reBadFlag.FindStringSubmatch(first); m != nil {
		return both(fmt.Sprintf("invalid value %q for --%s: %s", m[1], strings.TrimPrefix(m[2], "--"), m[3]),
			fmt.Sprintf("--%s の値 %q が不正です: %s", strings.TrimPrefix(m[2], "--"), m[1], m[3]))
	}
	return nil, false
}

// codeCounts is the per-code count line printed after a file's messages:
// "件数: invalid_responsibility 58、na_without_reason 2", most frequent
// first; "" when there are no messages.
func (a *app) codeCounts(msgs []checklist.Message) string {
	n := map[string]int{}
	for _, m := range msgs {
		n[m.Code]++
	}
	if len(n) == 0 {
		return ""
	}
	codes := make([]string, 0, len(n))
	for c := range n {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if n[codes[i]] != n[codes[j]] {
			return n[codes[i]] > n[codes[j]]
		}
		return codes[i] < codes[j]
	})
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%s %d", c, n[c])
	}
	return a.msg("件数: ", "by code: ") + strings.Join(parts, a.msg("、", ", "))
}

// batchTotals is the line after the summaries of a batch ingest.
func (a *app) batchTotals(results []ingestResult) string {
	unreadable, withErrors, errs, warns := 0, 0, 0, 0
	for _, r := range results {
		if r.err != nil {
			unreadable++
			continue
		}
		if r.hasErrors {
			withErrors++
		}
		for _, m := range r.messages {
			if m.Severity == checklist.SeverityError {
				errs++
			} else {
				warns++
			}
		}
	}
	return fmt.Sprintf(a.msg("合計 %d ファイル: 読取不可 %d、エラーのあるファイル %d、エラー %d、警告 %d",
		"total %d files: %d unreadable, %d with errors; errors %d, warnings %d"),
		len(results), unreadable, withErrors, errs, warns)
}
