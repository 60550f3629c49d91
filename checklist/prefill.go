package checklist

// Prefill is what the next round's workbook starts from: the previous
// round's answers mapped to the newer edition's IDs, with every row that
// must be looked at named.
type Prefill struct {
	// Previous identifies the round the workbook follows.
	Previous        Source `json:"previous"`
	PreviousEdition string `json:"previous_edition"`
	// Answers are the carried answers, with the newer edition's IDs, in
	// the newer edition's order.
	Answers []Answer `json:"answers"`
	// Fresh lists requirements whose previous answer is not carried
	// because the requirement's level, title or summary changed between
	// the editions (or the answer was left unknown by read errors): the
	// CSP answers them afresh.
	Fresh []string `json:"fresh"`
	// New lists requirements of the newer edition with no previous
	// requirement (added by the edition).
	New []string `json:"new"`
	// Dropped lists previous requirements the newer edition removed; their
	// answers have nowhere to go.
	Dropped []string `json:"dropped"`
	// PastPlanned lists carried answers whose planned date (対応予定日) is
	// before the new round's date: the CSP should say what happened.
	PastPlanned []string `json:"past_planned"`
	// Request is the agency's part of the previous cover, without its
	// generation and due dates (the new round has its own).
	Request Request `json:"request"`
	// Cover is the CSP's part of the previous cover, without the answer
	// date (the CSP dates its new answer).
	Cover   CSPCover     `json:"cover"`
	Interim InterimFacts `json:"interim"`
}

// answered reports whether the CSP wrote anything in a.
func answered(a Answer) bool {
	return (a.Status != "" && a.Status != StatusUnanswered) || a.Implementation != "" || a.Evidence != "" ||
		a.Reason != "" || !a.PlannedDate.IsZero() || a.Responsibility != "" || a.Remarks != ""
}

// PlanPrefill maps the answers of prev (answering prevCat) to the newer
// catalogue newCat through ed (DiffEditions of the two, or
// SameEditionDiff). An answer is carried to the requirement ed maps it to
// unless that requirement's text changed (EditionDiff.Carry) or the
// answer was unknown; an empty answer is not carried. Carried answers keep
// every field (status, implementation, evidence, reason, planned date,
// responsibility, remarks) but lose where they came from (sheet, row,
// cells). today is the new round's date: carried planned dates before it
// are listed in PastPlanned.
func PlanPrefill(prev *Assessment, prevCat, newCat *Catalog, ed EditionDiff, today Date) Prefill {
	p := Prefill{Previous: prev.Source, PreviousEdition: prev.Edition, Request: prev.Cover.Request,
		Cover: prev.Cover.CSP, Interim: prev.Cover.Interim,
		Answers: []Answer{}, Fresh: []string{}, New: []string{}, Dropped: []string{}, PastPlanned: []string{}}
	p.Request.Date, p.Request.Due = Date{}, Date{}
	p.Cover.AnswerDate = Date{}
	byOld := map[string]Answer{}
	for _, a := range prev.Answers {
		byOld[a.ID] = a
	}
	type target struct {
		old   string
		carry bool
	}
	into := map[string]target{}
	for _, it := range prevCat.Requirements() {
		n, carry, ok := ed.Carry(it.ID)
		if !ok {
			p.Dropped = append(p.Dropped, it.ID)
			continue
		}
		into[n] = target{it.ID, carry}
	}
	for _, it := range newCat.Requirements() {
		t, ok := into[it.ID]
		if !ok {
			p.New = append(p.New, it.ID)
			continue
		}
		a, had := byOld[t.old]
		switch {
		case !t.carry || (had && a.Unknown):
			p.Fresh = append(p.Fresh, it.ID)
		case had && answered(a):
			c := Answer{ID: it.ID, Status: a.Status, Implementation: a.Implementation, Evidence: a.Evidence, Reason: a.Reason,
				PlannedDate: a.PlannedDate, Responsibility: a.Responsibility, Remarks: a.Remarks}
			if c.Status == StatusUnanswered {
				c.Status = ""
			}
			p.Answers = append(p.Answers, c)
			if PlannedDatePast(c, today) { // the planned_date_past rule, on the carried answer
				p.PastPlanned = append(p.PastPlanned, it.ID)
			}
		}
	}
	return p
}
