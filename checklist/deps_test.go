package checklist_test

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The domain package stays pure (STYLE.md, issue 2): no spreadsheet, PDF or
// CLI library in its dependency graph, and no file, process or network I/O
// in its own code. So does the report model (checklist/report, issue 14):
// it is built from the domain alone, and only checklist/pdf draws it. The
// adapters under checklist/xlsx and checklist/pdf are not checked here.

// purePackages are the packages checked: the directory (relative to this
// one) and the import path.
var purePackages = []struct{ dir, path string }{
	{".", "github.com/ismapcheck/ismapcheck/checklist"},
	{"report", "github.com/ismapcheck/ismapcheck/checklist/report"},
}

// forbiddenModules may not appear anywhere in `go list -deps` of a pure
// package (a package is allowed itself).
var forbiddenModules = []string{
	"github.com/xuri/excelize",
	"codeberg.org/go-pdf/fpdf",
	"github.com/go-pdf/fpdf",
	"github.com/jung-kurt/gofpdf",
	"github.com/phpdave11/gofpdf",
	"github.com/pdfcpu/pdfcpu",
	"github.com/spf13/cobra",
	"github.com/spf13/pflag",
	"github.com/ismapcheck/ismapcheck/cmd",
	"github.com/ismapcheck/ismapcheck/checklist/",
}

// forbiddenImports may not be imported by a pure package's non-test files.
var forbiddenImports = map[string]string{
	"os":          "file I/O belongs in the adapters and the CLI",
	"io/ioutil":   "file I/O belongs in the adapters and the CLI",
	"os/exec":     "no processes from the domain",
	"net":         "no network from the domain",
	"net/http":    "no network from the domain",
	"syscall":     "no system calls from the domain",
	"unsafe":      "not needed by plain domain code",
	"math/rand":   "the domain is deterministic",
	"crypto/rand": "the domain is deterministic",
	"github.com/ismapcheck/ismapcheck/templates": "the catalogue reaches the domain as an fs.FS or io.Reader",
}

func TestChecklistDependencies(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go binary not found; skipping the go list check")
	}
	for _, pkg := range purePackages {
		t.Run(pkg.path, func(t *testing.T) {
			out, err := exec.Command(goBin, "list", "-deps", "./"+pkg.dir).CombinedOutput()
			if err != nil {
				t.Fatalf("go list -deps: %v\n%s", err, out)
			}
			deps := strings.Fields(string(out))
			if len(deps) < 5 {
				t.Fatalf("go list -deps listed only %v", deps)
			}
			found := false
			for _, d := range deps {
				if d == pkg.path {
					found = true
					continue
				}
				for _, bad := range forbiddenModules {
					if d == bad || strings.HasPrefix(d, bad+"/") || (strings.HasSuffix(bad, "/") && strings.HasPrefix(d, bad)) {
						t.Errorf("%s depends on %s", pkg.path, d)
					}
				}
			}
			if !found {
				t.Errorf("go list -deps did not list the package itself: %v", deps)
			}
		})
	}
}

func TestChecklistImports(t *testing.T) {
	for _, pkg := range purePackages {
		t.Run(pkg.path, func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join(pkg.dir, "*.go"))
			if err != nil {
				t.Fatal(err)
			}
			checked := 0
			fset := token.NewFileSet()
			for _, name := range files {
				if strings.HasSuffix(name, "_test.go") {
					continue
				}
				f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
				if err != nil {
					t.Fatalf("parsing %s: %v", name, err)
				}
				checked++
				for _, imp := range f.Imports {
					path, err := strconv.Unquote(imp.Path.Value)
					if err != nil {
						t.Fatal(err)
					}
					if why, bad := forbiddenImports[path]; bad {
						t.Errorf("%s imports %q: %s", name, path, why)
					}
					for _, m := range forbiddenModules {
						if path == m || strings.HasPrefix(path, strings.TrimSuffix(m, "/")+"/") {
							t.Errorf("%s imports %q", name, path)
						}
					}
				}
			}
			if checked < 3 {
				t.Fatalf("checked only %d files in %s; is the test running in the checklist directory?", checked, pkg.dir)
			}
		})
	}
}
