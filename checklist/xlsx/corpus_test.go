package xlsx_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/ismapcheck/ismapcheck/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/corpus")

// TestReadCorpus pins what the readers make of workbooks other tools wrote
// or that use the rarer parts of OOXML: LibreOffice (rich shared strings,
// drawings) saved as Strict OOXML, openpyxl (inline strings), the 1904
// date system, comments, hyperlinks and images. The goldens were written
// by the reader that parsed each workbook twice (pre-scan, then
// excelize); the one-pass reader must give the same bytes. Run with
// -update only when a change of output is intended.
func TestReadCorpus(t *testing.T) {
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := checklist.LoadCatalog(templates.CatalogFS(), p)
	if err != nil {
		t.Fatal(err)
	}
	today := checklist.NewDate(2026, 1, 15)
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.xlsx"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var got any
			if strings.HasSuffix(f, "-risk.xlsx") {
				got, err = risksheet.ReadAll(bytes.NewReader(data), filepath.Base(f), risksheet.ReadOptions{})
			} else {
				got, err = xlsx.Read(data, filepath.Base(f), cat, xlsx.ReadOptions{Today: today, Tool: "corpus"})
			}
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			b, err := json.MarshalIndent(got, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".xlsx") + ".json"
			if *update {
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("missing golden (run with -update): %v", err)
			}
			if !bytes.Equal(append(b, '\n'), want) {
				out := filepath.Join(t.TempDir(), filepath.Base(golden))
				_ = os.WriteFile(out, b, 0o644)
				t.Errorf("output differs from %s; got written to %s (diff them; -update if intended, and if the same workbook now reads differently, raise report.RulesVersion so verify names old reports' differences as a change of rules)", golden, out)
			}
		})
	}
}
