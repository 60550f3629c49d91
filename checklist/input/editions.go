package input

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/templates"
)

var (
	editionsMu sync.Mutex
	editions   = map[string]*checklist.Catalog{}
)

// Edition returns the embedded catalogue of an edition, parsed once per
// process; ok is false when no such edition is embedded. A broken embedded
// catalogue is an internal error (it does not wrap
// checklist.ErrInvalidInput: the user's input is not at fault).
func Edition(id string) (cat *checklist.Catalog, ok bool, err error) {
	editionsMu.Lock()
	defer editionsMu.Unlock()
	if c, seen := editions[id]; seen {
		return c, true, nil
	}
	p, err := templates.CatalogPath(id)
	if err != nil {
		return nil, false, nil
	}
	c, err := checklist.LoadCatalog(templates.CatalogFS(), p)
	if err != nil {
		return nil, false, fmt.Errorf("embedded catalogue %s is broken (internal error): %v", id, err)
	}
	editions[id] = c
	return c, true, nil
}

// EmbeddedEditions returns every embedded edition by ID, for readers that
// pick the edition a workbook names (xlsx.ReadOptions.Editions).
func EmbeddedEditions() (map[string]*checklist.Catalog, error) { return embeddedEditions() }

// embeddedEditions returns every embedded edition by ID.
func embeddedEditions() (map[string]*checklist.Catalog, error) {
	out := map[string]*checklist.Catalog{}
	for _, id := range templates.Editions() {
		c, ok, err := Edition(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = c
		}
	}
	return out, nil
}

// catalogFor returns the catalogue an input naming edition is read
// against: the chosen one (which must be that edition), or the embedded
// edition of that ID.
func catalogFor(edition string, cats Catalogs) (*checklist.Catalog, error) {
	if cats.Chosen != nil {
		if edition != cats.Chosen.Edition.ID {
			return nil, &JSONError{
				JA: fmt.Sprintf("版 %s の評価結果ですが、指定された管理基準（%s）は版 %s です", edition, cats.ChosenName, cats.Chosen.Edition.ID),
				EN: fmt.Sprintf("the assessment answers edition %s, the catalogue chosen (%s) is %s", edition, cats.ChosenName, cats.Chosen.Edition.ID)}
		}
		return cats.Chosen, nil
	}
	c, ok, err := Edition(edition)
	if err != nil {
		return nil, err
	}
	if !ok {
		ids := templates.Editions()
		sort.Strings(ids)
		return nil, &JSONError{
			JA: fmt.Sprintf("版 %q は読み込まれていません（組込み: %s。別の版は --catalog で指定）", edition, strings.Join(ids, ", ")),
			EN: fmt.Sprintf("edition %q is not loaded (embedded: %s; give another with --catalog)", edition, strings.Join(ids, ", "))}
	}
	return c, nil
}
