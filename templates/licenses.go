package templates

import (
	"embed"
	"path"
)

//go:embed licenses/*.txt
var licensesFS embed.FS

// Notice is the licence of one piece of third-party code compiled into
// the binary: the Go module, its version, an SPDX identifier and the
// licence text as the module ships it.
type Notice struct {
	Module  string
	Version string
	SPDX    string
	Note    string // e.g. the platforms it is compiled on
	Text    string
}

// notices lists every module the ismapcheck binary links, with the Go
// standard library and runtime. Versions follow go.mod; a test compares
// this list with `go list -deps ./cmd/ismapcheck`.
var notices = []struct {
	module, version, spdx, note, file string
}{
	{"go (standard library and runtime)", "", "BSD-3-Clause", "", "go.txt"},
	{"codeberg.org/go-pdf/fpdf", "v0.12.0", "MIT", "", "codeberg.org_go-pdf_fpdf.txt"},
	{"github.com/inconshreveable/mousetrap", "v1.1.0", "Apache-2.0", "Windows builds only", "github.com_inconshreveable_mousetrap.txt"},
	{"github.com/richardlehane/mscfb", "v1.0.9", "Apache-2.0", "", "github.com_richardlehane_mscfb.txt"},
	{"github.com/richardlehane/msoleps", "v1.0.6", "Apache-2.0", "", "github.com_richardlehane_msoleps.txt"},
	{"github.com/rivo/uniseg", "v0.4.7", "MIT", "", "github.com_rivo_uniseg.txt"},
	{"github.com/spf13/cobra", "v1.10.2", "Apache-2.0", "", "github.com_spf13_cobra.txt"},
	{"github.com/spf13/pflag", "v1.0.10", "BSD-3-Clause", "", "github.com_spf13_pflag.txt"},
	{"github.com/tiendc/go-deepcopy", "v1.7.2", "MIT", "", "github.com_tiendc_go-deepcopy.txt"},
	{"github.com/xuri/efp", "v0.0.3-0.20260924042702-217b81952dec", "BSD-3-Clause", "", "github.com_xuri_efp.txt"},
	{"github.com/xuri/excelize/v2", "v2.11.1", "BSD-3-Clause", "", "github.com_xuri_excelize_v2.txt"},
	{"github.com/xuri/nfp", "v0.0.2-0.20250530014748-2ddeb826f9a9", "BSD-3-Clause", "", "github.com_xuri_nfp.txt"},
	{"golang.org/x/crypto", "v0.58.0", "BSD-3-Clause", "", "golang.org_x_crypto.txt"},
	{"golang.org/x/net", "v0.62.0", "BSD-3-Clause", "", "golang.org_x_net.txt"},
	{"golang.org/x/text", "v0.43.0", "BSD-3-Clause", "", "golang.org_x_text.txt"},
}

// Notices returns the licences of the Go code compiled into the binary,
// the standard library first, then by module path.
func Notices() []Notice {
	out := make([]Notice, 0, len(notices))
	for _, n := range notices {
		b, err := licensesFS.ReadFile(path.Join("licenses", n.file))
		if err != nil {
			panic("templates: missing licence file " + n.file) // caught by the tests
		}
		out = append(out, Notice{Module: n.module, Version: n.version, SPDX: n.spdx, Note: n.note, Text: string(b)})
	}
	return out
}
