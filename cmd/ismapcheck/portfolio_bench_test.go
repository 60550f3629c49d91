package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// writeCaseCopies writes n copies of the workbook at src into dir, each
// a case of its own: the reference "BENCH-0000" is replaced by
// "BENCH-0001" … in every part of the archive (same length, so nothing
// else moves).
func writeCaseCopies(tb testing.TB, src, dir string, n int) {
	tb.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	type part struct {
		hdr  zip.FileHeader
		data []byte
	}
	var parts []part
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		parts = append(parts, part{f.FileHeader, b})
	}
	for i := range n {
		ref := []byte(fmt.Sprintf("BENCH-%04d", i))
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, p := range parts {
			h := p.hdr
			w, err := zw.CreateHeader(&h)
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := w.Write(bytes.ReplaceAll(p.data, []byte("BENCH-0000"), ref)); err != nil {
				tb.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("case-%04d.xlsx", i)), buf.Bytes(), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkPortfolio1000 reads 1,000 completed workbooks (1,000 cases)
// over all cores and writes the three-sheet portfolio workbook. It takes
// tens of seconds, so it only runs with -bench.
func BenchmarkPortfolio1000(b *testing.B) {
	const n = 1000
	tmp := b.TempDir()
	src := portfolioCase(b, tmp, "BENCH-0000", []string{"3.1.2.1", "9.2.3.11.PB"}, checklist.NewDate(2026, 4, 30))
	in := filepath.Join(tmp, "cases")
	if err := os.Mkdir(in, 0o755); err != nil {
		b.Fatal(err)
	}
	writeCaseCopies(b, src, in, n)
	out := filepath.Join(tmp, "portfolio.xlsx")
	benchCommand(b, []int{exitOK}, func(int) []string {
		return []string{"portfolio", in, "-o", out, "--force", "--as-of", "2026-03-31"}
	})
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/case")
}

// TestPortfolioCopiesAreCases checks the benchmark's fixture: n copies
// give n cases.
func TestPortfolioCopiesAreCases(t *testing.T) {
	tmp := t.TempDir()
	src := portfolioCase(t, tmp, "BENCH-0000", []string{"3.1.2.1"}, checklist.NewDate(2026, 4, 30))
	in := filepath.Join(tmp, "cases")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	writeCaseCopies(t, src, in, 3)
	out, _ := mustRunCLI(t, exitOK, "portfolio", in, "--as-of", "2026-03-31", "--lang", "en")
	for _, ref := range []string{"BENCH-0000", "BENCH-0001", "BENCH-0002"} {
		if !bytes.Contains([]byte(out), []byte(ref)) {
			t.Errorf("no case %s:\n%s", ref, out)
		}
	}
}
