package main

import (
	"io"
	"strings"

	"github.com/rivo/uniseg"
)

// columns lays rows out as columns two spaces apart for a terminal. Text
// is measured by its display width (uniseg), so full-width Japanese lines
// up where text/tabwriter, which counts runes, would not. Columns whose
// index is in right are right-aligned (numbers); the last column is not
// padded when left-aligned.
func columns(rows [][]string, right ...int) string {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], uniseg.StringWidth(c))
		}
	}
	isRight := map[int]bool{}
	for _, i := range right {
		isRight[i] = true
	}
	var b strings.Builder
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-uniseg.StringWidth(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if isRight[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c)
				if i < len(r)-1 {
					line.WriteString(pad)
				}
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// writeColumns writes columns(rows, right...) to w.
func writeColumns(w io.Writer, rows [][]string, right ...int) error {
	_, err := io.WriteString(w, columns(rows, right...))
	return err
}
