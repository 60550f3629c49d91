// Command pdfacheck runs the PDF/A-3b clause checks of pdfatest on PDF
// files: "go run ./checklist/pdf/internal/pdfatest/pdfacheck FILE.pdf…".
// It prints one line per clause a file breaks and exits 1 when any does,
// 2 when a file cannot be read. It lets the tests of cmd/ismapcheck (which
// cannot import a package internal to checklist/pdf) and a person check a
// report the CLI wrote; it is never part of the ismapcheck binary.
package main

import (
	"fmt"
	"os"

	"github.com/ismapcheck/ismapcheck/checklist/pdf/internal/pdfatest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pdfacheck FILE.pdf…")
		os.Exit(2)
	}
	code := 0
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fails := pdfatest.Check(data)
		for _, f := range fails {
			fmt.Printf("%s: %s\n", path, f)
		}
		if len(fails) > 0 {
			code = 1
		} else {
			fmt.Printf("%s: PDF/A-3b checks pass (%d clauses)\n", path, len(pdfatest.Clauses))
		}
	}
	os.Exit(code)
}
