package main

import (
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/templates"
)

// readRoundInput reads one workbook or assessment JSON for generate
// --from, diff and portfolio. It is the only place these commands call
// the input layer, so it can be swapped for another reader in one spot.
func readRoundInput(path string, cat *checklist.Catalog, opt xlsx.ReadOptions) (*checklist.Assessment, error) {
	return readAssessmentFile(path, cat, opt)
}

// loadRound reads one round of a case: a workbook or an assessment JSON,
// with the catalogue it answers. catalogFile, when set, is the catalogue
// to read it with (an edition that is not embedded); otherwise the
// embedded edition the file names is used. today decides which planned
// dates a workbook reports as past.
func loadRound(path, catalogFile string, today checklist.Date) (*checklist.Catalog, *checklist.Assessment, error) {
	var cat *checklist.Catalog
	var err error
	if catalogFile != "" {
		cat, err = loadCatalogFile(catalogFile)
	} else {
		cat, err = loadEdition(templates.DefaultEdition)
	}
	if err != nil {
		return nil, nil, err
	}
	opt := xlsx.ReadOptions{Today: today, Tool: "ismapcheck " + toolVersion()}
	if catalogFile == "" {
		opt.EditionCatalog = embeddedEditions()
	}
	as, err := readRoundInput(path, cat, opt)
	if err != nil {
		return nil, nil, err
	}
	if as.Edition != "" && as.Edition != cat.Edition.ID && catalogFile == "" {
		if c2, err := loadEdition(as.Edition); err == nil {
			cat = c2
		}
	}
	if as.Edition != "" && as.Edition != cat.Edition.ID {
		return nil, nil, fmt.Errorf("%w: %q answers edition %s, the catalogue is %s (give the catalogue file of that edition)", checklist.ErrInvalidInput, path, as.Edition, cat.Edition.ID)
	}
	return cat, as, nil
}

// roundsEditionDiff compares the editions of two rounds: the identity
// when they are the same edition, else DiffEditions with the crosswalk.
func roundsEditionDiff(older, newer *checklist.Catalog, crosswalk string) (checklist.EditionDiff, error) {
	if older.Edition.ID == newer.Edition.ID && older.Edition.SHA256 == newer.Edition.SHA256 && crosswalk == "" {
		return checklist.SameEditionDiff(newer), nil
	}
	return editionDiff(older, newer, crosswalk)
}
