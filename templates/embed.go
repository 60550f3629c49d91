// Package templates holds the data embedded in the ismapcheck binary: the
// catalogue editions (one CSV file per edition under catalog/) and the
// Japanese font used by the PDF report with its licence (fonts/) and the
// sRGB colour profile of the report's PDF/A output intent (icc/).
package templates

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed catalog/*.csv
var catalogFS embed.FS

// DefaultEdition is the edition used when none is named.
const DefaultEdition = "2022-04-01"

// Editions returns the IDs of the embedded catalogue editions, sorted.
func Editions() []string {
	ents, _ := fs.ReadDir(catalogFS, "catalog")
	var out []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".csv") {
			out = append(out, strings.TrimSuffix(e.Name(), ".csv"))
		}
	}
	sort.Strings(out)
	return out
}

// CatalogFS is the file system holding catalog/<edition>.csv.
func CatalogFS() fs.FS { return catalogFS }

// CatalogPath returns the path of an edition inside CatalogFS, or an error
// naming the editions that exist.
func CatalogPath(edition string) (string, error) {
	for _, e := range Editions() {
		if e == edition {
			return path.Join("catalog", e+".csv"), nil
		}
	}
	return "", fmt.Errorf("unknown edition %q (embedded: %s)", edition, strings.Join(Editions(), ", "))
}
