package main

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/spf13/cobra"
)

func newLicensesCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "licenses",
		Short: "Print the licences of the font and code in this binary / 同梱フォントとライブラリのライセンスを表示",
		Long: `licenses prints the licence of everything the ismapcheck binary carries:
the embedded IPAex Gothic font (IPA Font License v1.0; redistributed only
unmodified, under its own name, with this licence), the sRGB colour profile
every report embeds (International Color Consortium; free to copy and embed)
and, verbatim, the
licence of every Go module linked in, with the Go standard library's.
Modules that share one licence text are listed together above it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeLicenses(a)
		},
	}
}

func writeLicenses(a *app) error {
	var b strings.Builder
	rule := strings.Repeat("=", 72)
	fmt.Fprintf(&b, "%s\n%s\n", rule, a.msg("同梱フォント / Embedded font", "Embedded font / 同梱フォント"))
	fmt.Fprintf(&b, "%s — templates/fonts/ipaexg.ttf (unmodified / 無改変)\n", templates.FontName)
	fmt.Fprintf(&b, "License: IPA Font License Agreement v1.0 (SPDX: IPA)\n%s\n\n", rule)
	b.WriteString(strings.TrimRight(templates.FontLicense(), "\n"))
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "%s\n%s\n", rule, a.msg("同梱カラープロファイル / Embedded colour profile", "Embedded colour profile / 同梱カラープロファイル"))
	fmt.Fprintf(&b, "%s — templates/icc/sRGB2014.icc (unmodified / 無改変)\n", templates.SRGBProfileName)
	fmt.Fprintf(&b, "License: International Color Consortium terms (copy, distribute and embed without restriction)\n%s\n\n", rule)
	b.WriteString(strings.TrimRight(templates.SRGBLicense(), "\n"))
	b.WriteString("\n\n")

	// Group modules that ship the same licence text, in first-seen order.
	notices := templates.Notices()
	type group struct {
		text    string
		spdx    string
		modules []string
	}
	var groups []*group
	byText := map[string]*group{}
	for _, n := range notices {
		name := n.Module
		if n.Version != "" {
			name += " " + n.Version
		}
		if n.Note != "" {
			name += " (" + n.Note + ")"
		}
		g, ok := byText[n.Text]
		if !ok {
			g = &group{text: n.Text, spdx: n.SPDX}
			byText[n.Text] = g
			groups = append(groups, g)
		}
		g.modules = append(g.modules, name)
	}
	for _, g := range groups {
		fmt.Fprintf(&b, "%s\n", rule)
		for _, m := range g.modules {
			fmt.Fprintf(&b, "%s\n", m)
		}
		fmt.Fprintf(&b, "License: %s\n%s\n\n", g.spdx, rule)
		b.WriteString(strings.TrimRight(g.text, "\n"))
		b.WriteString("\n\n")
	}
	_, err := fmt.Fprint(a.stdout, b.String())
	return err
}
