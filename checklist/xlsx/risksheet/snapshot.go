package risksheet

import (
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// snapshotColumns name the binding columns that record answers: first the
// answer shown in the row ("answer_<field>"), then the answer a carried
// decision judged ("judged_<field>"), each in checklist.AnswerFields order.
var snapshotColumns = func() []string {
	var out []string
	for _, p := range []string{"answer_", "judged_"} {
		for _, f := range checklist.AnswerFields {
			out = append(out, p+f)
		}
	}
	return out
}()

// snapshotCells is the values of a, or empty cells for nil.
func snapshotCells(a *checklist.Answer) []string {
	if a == nil {
		return make([]string, len(checklist.AnswerFields))
	}
	return checklist.AnswerValues(*a)
}

// currentAnswer is the answer with id as the findings judged it: missing
// or empty means unanswered. nil when it does not hash to want (the
// snapshot would not be trusted anyway).
func currentAnswer(a *checklist.Assessment, id, want string) *checklist.Answer {
	x, ok := a.Answer(id)
	if !ok {
		x = checklist.Answer{ID: id}
	}
	if x.Status == "" {
		x.Status = checklist.StatusUnanswered
	}
	if checklist.AnswerHash(x) != want {
		return nil
	}
	x.Sheet, x.Row, x.Cells, x.Unknown = "", 0, nil, false
	return &x
}

// readSnapshot reads the values in cols[from:] as the answer with id and
// returns it when it hashes to hash; nil otherwise (missing, edited,
// truncated by Excel's cell limit, or tampered with).
func readSnapshot(cols []string, from int, id, hash string) *checklist.Answer {
	n := len(checklist.AnswerFields)
	if hash == "" || len(cols) < from+1 {
		return nil
	}
	vals := make([]string, n)
	for i := range vals {
		if from+i < len(cols) {
			vals[i] = cols[from+i]
		}
	}
	if strings.TrimSpace(vals[0]) == "" {
		return nil
	}
	a, ok := checklist.AnswerFromValues(id, vals, hash)
	if !ok {
		return nil
	}
	return &a
}

// Where the snapshots start in a binding row of SheetMeta (after the
// leading "row" cell and the eight binding columns): the answer shown,
// then the answer judged.
const (
	snapShown  = 9
	snapJudged = snapShown + 7
)

// snapshotFor returns the recorded answer that hashes to hash, from the
// judged snapshot or the shown one (the shown one starting at shownAt in
// raw, the judged one after it); nil when neither does.
func snapshotFor(raw []string, shownAt int, id, hash string) *checklist.Answer {
	if a := readSnapshot(raw, shownAt+len(checklist.AnswerFields), id, hash); a != nil {
		return a
	}
	return readSnapshot(raw, shownAt, id, hash)
}

// maxChangeRunes bounds each old and new value shown in the sheet; the
// full texts are in the CSP's workbooks.
const maxChangeRunes = 80

// staleNote says, for a stale decision, which fields of the answer changed
// since it was judged (old → new), in both languages; or that the judged
// answer was not recorded (a sheet from an older version, or a snapshot
// that did not match its hash).
func staleNote(judged, current *checklist.Answer) string {
	if judged == nil || current == nil {
		return "判断時の回答は記録されていません / the answer judged was not recorded"
	}
	var b strings.Builder
	b.WriteString("変更された項目 / changed:")
	for _, c := range checklist.AnswerChanges(*judged, *current) {
		b.WriteString("\n・" + checklist.AnswerFieldLabelJA(c.Field) + " / " + checklist.AnswerFieldLabelEN(c.Field) + ": ")
		b.WriteString(clip(c.ValueLabel(c.Old, true)) + " → " + clip(c.ValueLabel(c.New, true)))
	}
	return b.String()
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxChangeRunes {
		return string(r[:maxChangeRunes]) + "…"
	}
	return s
}
