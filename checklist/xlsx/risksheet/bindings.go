package risksheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// binding is one row of a hidden binding sheet: the sheet row it binds,
// the ID written there, the AnswerHash of the answer shown and the source
// workbook's hash; for a decision carried from an earlier sheet, the
// AnswerHash and source it judged and the Digest of its fields as written.
type binding struct {
	row                       int
	id, answer, source        string
	judged, judgedSrc, digest string
	kind                      string   // the risk sheet's row kind (rowFinding, rowOther)
	raw                       []string // the binding row as stored, for the answer snapshots
	snapAt                    int      // where the snapshots start in raw
}

var reHex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// parseBinding reads the binding in r from column at on (the row number,
// then the ID and the hashes). A row number already in bound, out of the
// sheet's data rows, or a missing ID or malformed hash is refused: the
// problem is returned in both languages and ok is false.
func parseBinding(r []string, at, headerRow int, bound map[int]bool) (b binding, ja, en string, ok bool) {
	col := func(j int) string { return cellAt(r, at+j) }
	n, err := strconv.Atoi(col(0))
	if err != nil || n <= headerRow || n > maxRows {
		return b, fmt.Sprintf("行番号 %q", col(0)), fmt.Sprintf("row number %q", col(0)), false
	}
	if bound[n] {
		return b, fmt.Sprintf("行 %d が重複", n), fmt.Sprintf("row %d bound twice", n), false
	}
	bound[n] = true
	b = binding{row: n, id: col(1), answer: col(2), source: col(3), judged: col(4), judgedSrc: col(5), digest: col(6), raw: r}
	if b.id == "" || !reHex64.MatchString(b.answer) || (b.judged != "" && !reHex64.MatchString(b.judged)) {
		return b, "IDまたはハッシュ値", "ID or hash", false
	}
	return b, "", "", true
}

// cellAt is cell j of a binding row, white space trimmed ("" past its end).
func cellAt(r []string, j int) string {
	if j < len(r) {
		return strings.TrimSpace(r[j])
	}
	return ""
}

// judgedBy returns the answer and source a decision whose fields have
// digest judges: a carried decision keeps the answer it judged until the
// agency changes one of its fields; any other judges the answer shown.
func (b binding) judgedBy(digest string) (answer, source string) {
	if b.judged != "" && b.digest != "" && digest == b.digest {
		return b.judged, b.judgedSrc
	}
	return b.answer, b.source
}

// snapshot is the recorded answer that hashes to hash, from the judged
// snapshot or the shown one; nil when neither does.
func (b binding) snapshot(hash string) *checklist.Answer {
	return snapshotFor(b.raw, b.snapAt, b.id, hash)
}

// hiddenRows reads the rows of a hidden binding sheet, refusing more than
// limit.
func (rd *reader) hiddenRows(sheet string, limit int) ([][]string, error) {
	rows, err := rd.src.Rows(sheet, limit+1)
	if err != nil {
		return nil, refused(err, rd.name)
	}
	if len(rows) > limit {
		return nil, fatal(rd.name, sheet, "", ErrUnsafe, "非表示シートの行数が多すぎます", "too many rows in the hidden sheet")
	}
	return rows, nil
}

// readMeta reads the metadata and the row bindings of SheetMeta.
func (rd *reader) readMeta() ([]binding, error) {
	rows, err := rd.hiddenRows(SheetMeta, maxRows+20)
	if err != nil {
		return nil, err
	}
	rd.meta = map[string]string{}
	var out []binding
	inRows := false
	bound := map[int]bool{}
	for i, r := range rows {
		col := func(j int) string { return cellAt(r, j) }
		switch {
		case !inRows && col(0) == MetaRows:
			inRows = true
		case !inRows && col(0) != "":
			rd.meta[col(0)] = col(1)
		case inRows && col(0) == "row":
			b, ja, en, ok := parseBinding(r, 1, HeaderRow, bound)
			if !ok {
				return nil, fatal(rd.name, SheetMeta, "A"+strconv.Itoa(i+1), ErrNotRiskSheet,
					"非表示シートの対応表が壊れています: "+ja+"。ツールで作り直してください", "the hidden binding sheet is damaged: "+en+"; generate the sheet again")
			}
			b.kind, b.snapAt = col(8), snapShown
			out = append(out, b)
		}
	}
	if rd.meta[MetaKind] != Kind || !inRows {
		return nil, fatal(rd.name, SheetMeta, "", ErrNotRiskSheet, "リスク評価シートの識別情報がありません", "the risk-sheet metadata is missing")
	}
	if v := rd.meta[MetaFormat]; v != FormatVersion {
		return nil, fatal(rd.name, SheetMeta, "", ErrNotRiskSheet,
			fmt.Sprintf("このリスク評価シートの形式（%q）は読めません（対応: %s）", v, FormatVersion),
			fmt.Sprintf("risk-sheet format %q is not supported (supported: %s)", v, FormatVersion))
	}
	return out, nil
}

// readExclusionBindings reads the hidden binding sheet of the exclusions,
// in sheet order.
func (rd *reader) readExclusionBindings() ([]binding, error) {
	meta, err := rd.hiddenRows(SheetExclusionMeta, maxRows+1)
	if err != nil {
		return nil, err
	}
	var out []binding
	bound := map[int]bool{}
	for i, r := range meta {
		first := func(j int) string { return cellAt(r, j) }
		if i == 0 {
			if first(0) != "row" || first(1) != "id" {
				return nil, rd.exDamaged(SheetExclusionMeta, "A1", "見出し", "header")
			}
			continue
		}
		if first(0) == "" {
			continue
		}
		b, ja, en, ok := parseBinding(r, 0, ExclusionHeaderRow, bound)
		if !ok {
			return nil, rd.exDamaged(SheetExclusionMeta, "A"+strconv.Itoa(i+1), ja, en)
		}
		b.snapAt = exSnapShown
		out = append(out, b)
	}
	return out, nil
}
