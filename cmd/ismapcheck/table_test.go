package main

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

func TestColumnsAlignsFullWidthText(t *testing.T) {
	got := columns([][]string{
		{"ID", "区分", "件数"},
		{"9.2.3.11.PB", "詳細管理策(B)", "12"},
		{"3.1.2.1", "ガバナンス", "7"},
	}, 2)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines:\n%s", len(lines), got)
	}
	// Every line has the same display width: the last column is
	// right-aligned, so the rows end at the same place.
	w := uniseg.StringWidth(lines[0])
	for _, l := range lines[1:] {
		if uniseg.StringWidth(l) != w {
			t.Errorf("line %q is %d wide, header %d:\n%s", l, uniseg.StringWidth(l), w, got)
		}
	}
	// The second column starts at the same display column on every row.
	col := func(l, cell string) int { return uniseg.StringWidth(l[:strings.Index(l, cell)]) }
	if a, b := col(lines[1], "詳細"), col(lines[2], "ガバ"); a != b || a != col(lines[0], "区分") {
		t.Errorf("second column starts at %d and %d:\n%s", a, b, got)
	}
}

func TestColumnsLeavesNoTrailingSpace(t *testing.T) {
	got := columns([][]string{{"a", "bbbb"}, {"cccc", "d"}})
	for _, l := range strings.Split(got, "\n") {
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing space in %q", l)
		}
	}
}
