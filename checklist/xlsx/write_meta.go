package xlsx

import (
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// The very hidden metadata sheet, sheet protection and document properties.

// metaPairs returns the key/value block of the metadata sheet.
func (b *builder) metaPairs() [][2]string {
	ed := b.cat.Edition
	kv := [][2]string{
		{MetaFormat, FormatVersion},
		{MetaTool, b.tool},
		{MetaEdition, ed.ID},
		{MetaEditionSHA256, ed.SHA256},
		{MetaReference, b.req.Reference},
		{MetaGenerated, b.req.Date.String()},
		{MetaLabels, b.labels},
		{MetaHeaderRow, strconv.Itoa(ChecklistHeaderRow)},
	}
	for _, cf := range CoverFields {
		kv = append(kv, [2]string{MetaCoverPrefix + cf.Key, b.coverCells[cf.Key]})
	}
	return kv
}

func (b *builder) writeMeta() error {
	f, s := b.f, SheetMeta
	r := 1
	for _, p := range b.metaPairs() {
		if err := f.SetCellStr(s, cell("A", r), p[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(s, cell("B", r), SanitizeText(p[1])); err != nil {
			return err
		}
		r++
	}
	if err := f.SetCellStr(s, cell("A", r), MetaRowMap); err != nil {
		return err
	}
	if err := f.SetCellInt(s, cell("B", r), int64(len(b.rowMap))); err != nil {
		return err
	}
	r++
	for _, m := range b.rowMap {
		if err := f.SetCellInt(s, cell("A", r), int64(m.row)); err != nil {
			return err
		}
		if err := f.SetCellStr(s, cell("B", r), m.id); err != nil {
			return err
		}
		r++
	}
	return f.SetColWidth(s, "A", "B", 24)
}

// ---- protection and properties ----

func (b *builder) protect() error {
	// No password: protection guards against accidental edits; it is not a
	// security measure (Excel's sheet protection is trivially removed).
	for _, s := range []string{SheetCover, SheetInstructions, SheetChecklist, SheetLists, SheetMeta} {
		if err := b.f.ProtectSheet(s, &excelize.SheetProtectionOptions{
			SelectLockedCells:   true,
			SelectUnlockedCells: true,
			AutoFilter:          s == SheetChecklist,
			FormatColumns:       true,
			FormatRows:          true,
		}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) writeProps() error {
	ed := b.cat.Edition
	stamp := b.req.Date.Time().Format(time.RFC3339)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title:          b.line(workbookTitle[0], workbookTitle[1]),
		Subject:        b.line(ed.TitleJA, ed.TitleEN),
		Creator:        "ismapcheck",
		LastModifiedBy: "ismapcheck",
		Keywords:       "ISMAP; " + ed.ID,
		Identifier:     SanitizeText(b.req.Reference),
		Created:        stamp,
		Modified:       stamp,
		Language:       "ja-JP",
	}); err != nil {
		return err
	}
	for _, p := range b.metaPairs()[:7] {
		if err := b.f.SetCustomProps(excelize.CustomProperty{Name: "ismapcheck." + p[0], Value: SanitizeText(p[1])}); err != nil {
			return err
		}
	}
	return nil
}
