// Command floor is the speed floor for reading a workbook: archive/zip
// and encoding/xml RawToken over every xl/*.xml part, nothing else (no
// checks, no values kept). ismapcheck's ingest is compared with it; see
// testdata/bench/README.md.
package main

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor WORKBOOK.xlsx")
		os.Exit(2)
	}
	zr, err := zip.OpenReader(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer zr.Close()
	tokens := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		d := xml.NewDecoder(rc)
		for {
			_, err := d.RawToken()
			if err == io.EOF {
				break
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, f.Name, err)
				os.Exit(1)
			}
			tokens++
		}
		rc.Close()
	}
	fmt.Println(tokens, "tokens")
}
