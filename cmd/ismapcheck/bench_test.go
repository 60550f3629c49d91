package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The benchmarks below run whole commands in-process on the demo's files,
// so they measure what a user waits for (minus process start-up). Run:
//
//	go test ./cmd/ismapcheck -run '^$' -bench . -benchmem
//
// BenchmarkIngestBatch reads 1,000 workbooks over all cores; it takes
// tens of seconds, so it only runs with -bench.

// demoFixture runs the demo once into a temporary directory.
func demoFixture(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "demo")
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, lang: "ja", now: func() time.Time { return fixedNow }}
	if code := a.run([]string{"demo", "-o", dir}); code != exitOK {
		b.Fatalf("demo exit %d", code)
	}
	return dir
}

func benchCommand(b *testing.B, want []int, args func(i int) []string) {
	b.Helper()
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, lang: "ja", now: func() time.Time { return fixedNow }}
	i := 0
	for b.Loop() {
		code := a.run(args(i))
		ok := false
		for _, w := range want {
			ok = ok || code == w
		}
		if !ok {
			b.Fatalf("exit %d", code)
		}
		i++
	}
}

func BenchmarkGenerateCmd(b *testing.B) {
	out := filepath.Join(b.TempDir(), "blank.xlsx")
	benchCommand(b, []int{exitOK}, func(int) []string {
		return []string{"generate", "-o", out, "--force", "--agency", "架空省", "--date", "2023-02-15"}
	})
}

func BenchmarkIngestCmd(b *testing.B) {
	dir := demoFixture(b)
	out := filepath.Join(b.TempDir(), "a.json")
	benchCommand(b, []int{exitOK, exitFindings}, func(int) []string {
		return []string{"ingest", filepath.Join(dir, "07-checklist-csp-round2.xlsx"), "--json", out, "--force"}
	})
}

func BenchmarkFindingsCmd(b *testing.B) {
	dir := demoFixture(b)
	benchCommand(b, []int{exitFindings}, func(int) []string {
		return []string{"findings", filepath.Join(dir, "08-assessment-round2.json"), "--risk", filepath.Join(dir, "09-risk-sheet-round2.xlsx"), "--format", "json"}
	})
}

func BenchmarkRiskSheetCmd(b *testing.B) {
	dir := demoFixture(b)
	out := filepath.Join(b.TempDir(), "risk.xlsx")
	benchCommand(b, []int{exitOK}, func(int) []string {
		return []string{"risk-sheet", filepath.Join(dir, "08-assessment-round2.json"), "--previous", filepath.Join(dir, "06-risk-sheet-agency.xlsx"), "-o", out, "--force", "--date", "2023-02-15"}
	})
}

func BenchmarkIngestBatch(b *testing.B) {
	const n = 1000
	dir := demoFixture(b)
	src, err := os.ReadFile(filepath.Join(dir, "07-checklist-csp-round2.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	in := filepath.Join(b.TempDir(), "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("csp-%04d.xlsx", i)), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	out := filepath.Join(b.TempDir(), "out")
	benchCommand(b, []int{exitOK, exitFindings}, func(int) []string {
		return []string{"ingest", in, "--json", out, "--force"}
	})
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/file")
}
