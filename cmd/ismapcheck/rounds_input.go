package main

import (
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
)

// loadRound reads one round of a case for generate --from and diff: a
// workbook or an assessment JSON ("-": standard input), through the input
// layer like every other command (regular files only, read once within
// --max-size, sniffed by content, --password for an encrypted workbook).
// catalogFile, when set, is the catalogue to read it with (an edition that
// is not embedded; flag names the flag that gave it, for messages);
// otherwise the embedded edition the file names is used, picked once.
// today decides which planned dates a workbook reports as past.
func (a *app) loadRound(path, flag, catalogFile string, inf *inputFlags, today checklist.Date) (*input.Source, *checklist.Catalog, *checklist.Assessment, error) {
	var cats input.Catalogs
	if catalogFile != "" {
		cat, err := loadCatalogFile(catalogFile)
		if err != nil {
			return nil, nil, nil, err
		}
		cats = input.Catalogs{Chosen: cat, ChosenName: flag + " " + catalogFile}
	}
	opt, pw, err := inf.options(a)
	if err != nil {
		return nil, nil, nil, err
	}
	src, err := input.Open(path, opt)
	if err != nil {
		return nil, nil, nil, err
	}
	cat, as, err := src.Assessment(input.ReadOptions{Catalogs: cats, Password: pw, Today: today, Tool: "ismapcheck " + toolVersion()})
	if err != nil {
		return nil, nil, nil, err
	}
	a.printMessages(atPath(path, src.Notes))
	if as.Edition != "" && as.Edition != cat.Edition.ID {
		return nil, nil, nil, &checklist.CellError{File: path, Err: checklist.ErrInvalidInput,
			JA: fmt.Sprintf("版 %s の回答ですが、カタログは版 %s です（その版のカタログファイルを %s で指定してください）", as.Edition, cat.Edition.ID, flag),
			EN: fmt.Sprintf("answers edition %s, the catalogue is %s (give the catalogue file of that edition with %s)", as.Edition, cat.Edition.ID, flag)}
	}
	return src, cat, as, nil
}

// roundsEditionDiff compares the editions of two rounds: the identity
// when they are the same edition, else DiffEditions with the crosswalk.
func roundsEditionDiff(older, newer *checklist.Catalog, crosswalk string) (checklist.EditionDiff, error) {
	if older.Edition.ID == newer.Edition.ID && older.Edition.SHA256 == newer.Edition.SHA256 && crosswalk == "" {
		return checklist.SameEditionDiff(newer), nil
	}
	return editionDiff(older, newer, crosswalk)
}
