package checklist

import (
	"sort"
	"strings"
)

// ItemChange is one requirement whose answer differs between two rounds,
// or whose requirement itself changed between their editions. ID is the
// requirement's ID in the newer round (empty when the newer edition
// removed it), OldID its ID in the older round (empty when added).
// Edition is how the requirement changed between the editions ("" when it
// did not). Fields lists the answer fields that differ, in the fixed
// order status, implementation, evidence, reason, planned_date,
// responsibility, remarks.
type ItemChange struct {
	ID        string        `json:"id,omitempty"`
	OldID     string        `json:"old_id,omitempty"`
	Level     Level         `json:"level"`
	TitleJA   string        `json:"title_ja"`
	TitleEN   string        `json:"title_en"`
	Edition   ChangeKind    `json:"edition_change,omitempty"`
	OldStatus Status        `json:"old_status"`
	NewStatus Status        `json:"new_status"`
	Fields    []FieldChange `json:"fields"`
}

// Field returns the change of the named field, if it changed.
func (c ItemChange) Field(name string) (FieldChange, bool) {
	for _, f := range c.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldChange{}, false
}

// DateMove is a planned date (対応予定日) that the CSP moved between two
// rounds; Later is true when it was put off.
type DateMove struct {
	ID    string `json:"id"`
	Old   Date   `json:"old"`
	New   Date   `json:"new"`
	Days  int    `json:"days"`
	Later bool   `json:"later"`
}

// FindingRef names a finding of one round.
type FindingRef struct {
	ID      string       `json:"id"`
	Status  Status       `json:"status"`
	Reasons []ReasonCode `json:"reasons"`
}

// StaleDecision is a decision of the agency that was current on the older
// round's answer and is stale on the newer one: the CSP changed the
// answer the decision judged.
type StaleDecision struct {
	ID        string    `json:"id"`
	Treatment Treatment `json:"treatment,omitempty"`
	Level     Rating    `json:"risk_level,omitempty"`
}

// RoundDiff is what changed between two rounds of the same case.
type RoundDiff struct {
	Old        Source          `json:"old"`
	New        Source          `json:"new"`
	OldEdition string          `json:"old_edition"`
	NewEdition string          `json:"new_edition"`
	Cover      []FieldChange   `json:"cover"`
	Items      []ItemChange    `json:"items"`
	Added      []FindingRef    `json:"new_findings"`
	Resolved   []FindingRef    `json:"resolved_findings"`
	Stale      []StaleDecision `json:"stale_decisions"`
	Moved      []DateMove      `json:"moved_planned_dates"`
	// Decisions reports whether decisions were given, so an empty Stale
	// means "none became stale" rather than "not checked".
	Decisions bool `json:"decisions_checked"`
}

// Empty reports whether nothing changed.
func (d RoundDiff) Empty() bool {
	return len(d.Cover) == 0 && len(d.Items) == 0 && len(d.Added) == 0 && len(d.Resolved) == 0 && len(d.Stale) == 0
}

// coverFields returns the cover fields the CSP fills in, as text, in the
// order of the cover sheet; certifications by name.
func coverFields(c Cover) [][2]string {
	cs := c.CSP
	out := [][2]string{
		{"respondent_name", cs.RespondentName},
		{"respondent_title", cs.RespondentTitle},
		{"respondent_email", cs.RespondentEmail},
		{"answer_date", cs.AnswerDate.String()},
		{"service_scope", cs.ServiceScope},
		{"data_locations", cs.DataLocations},
		{"governing_law", cs.GoverningLaw},
		{"jurisdiction", cs.Jurisdiction},
		{"ismap_status", cs.ISMAPStatus},
		{"ismap_planned_date", cs.ISMAPPlannedDate.String()},
		{"underlying_iaas", cs.UnderlyingIaaS},
		{"underlying_iaas_registered", cs.UnderlyingIaaSISMAP},
	}
	return out
}

func certText(c Certification) string {
	s := c.Held
	for _, p := range []string{c.Number, c.Expiry.String()} {
		if p != "" {
			if s != "" {
				s += " "
			}
			s += p
		}
	}
	return s
}

// diffCover compares the CSP's cover fields and certifications.
func diffCover(a, b Cover) []FieldChange {
	var out []FieldChange
	fa, fb := coverFields(a), coverFields(b)
	for i := range fa {
		if fa[i][1] != fb[i][1] {
			out = append(out, FieldChange{fa[i][0], fa[i][1], fb[i][1]})
		}
	}
	certs := map[string][2]string{}
	var names []string
	for _, c := range a.CSP.Certifications {
		if _, ok := certs[c.Name]; !ok {
			names = append(names, c.Name)
		}
		v := certs[c.Name]
		v[0] = certText(c)
		certs[c.Name] = v
	}
	for _, c := range b.CSP.Certifications {
		if _, ok := certs[c.Name]; !ok {
			names = append(names, c.Name)
		}
		v := certs[c.Name]
		v[1] = certText(c)
		certs[c.Name] = v
	}
	sort.Strings(names)
	for _, n := range names {
		if v := certs[n]; v[0] != v[1] {
			out = append(out, FieldChange{"certification " + n, v[0], v[1]})
		}
	}
	return out
}

// DiffRounds compares two rounds of one case: the older assessment
// (answering oldCat) and the newer one (answering newCat), with ed the
// EditionDiff of the two catalogues (SameEditionDiff when they are the
// same edition). decisions, when not nil, are the agency's decisions of
// the older round's risk sheet, matched as of asOf.
//
// It reports per requirement which answer fields changed (old → new), the
// CSP's cover fields that changed, the findings (ISMAP管理基準 2.2.4, by
// Findings) that are new in the newer round and those it resolved, the
// decisions that became stale (current on the old answer, stale on the
// new: ApplyDecisions), and the planned dates that moved. Requirements
// the newer edition added or removed, or whose text it changed, are
// listed with Edition set even when no answer field differs.
func DiffRounds(oldCat, newCat *Catalog, older, newer *Assessment, ed EditionDiff, decisions []Decision, asOf Date) RoundDiff {
	d := RoundDiff{Old: older.Source, New: newer.Source, OldEdition: oldCat.Edition.ID, NewEdition: newCat.Edition.ID,
		Cover: diffCover(older.Cover, newer.Cover), Decisions: decisions != nil}
	// The older requirement that each newer one continues.
	prevOf := map[string]string{}
	for _, it := range oldCat.Requirements() {
		if n, _, ok := ed.Carry(it.ID); ok {
			prevOf[n] = it.ID
		}
	}
	d.Items, d.Moved = diffItems(oldCat, newCat, older, newer, ed, prevOf)
	oldRes, newRes := Findings(oldCat, older), Findings(newCat, newer)
	d.Added, d.Resolved = diffFindings(oldRes, newRes, ed)
	if decisions != nil {
		d.Stale = staleDecisions(oldRes, newRes, decisions, ed, prevOf, asOf)
	}
	d.fillEmpty()
	return d
}

// diffItems lists, in the newer catalogue's order and then the removed
// requirements in the older one's, every requirement whose answer or whose
// text changed, and the planned dates that moved. prevOf maps a newer
// requirement to the older one it continues.
func diffItems(oldCat, newCat *Catalog, older, newer *Assessment, ed EditionDiff, prevOf map[string]string) (items []ItemChange, moved []DateMove) {
	oldAns, newAns := answersByID(older.Answers), answersByID(newer.Answers)
	edKind := map[string]ChangeKind{} // new ID (or old ID when removed) → edition change
	for _, c := range ed.Changes {
		if c.NewID != "" {
			edKind["n:"+c.NewID] = c.Kind
		} else {
			edKind["o:"+c.OldID] = c.Kind
		}
	}
	for _, it := range newCat.Requirements() {
		na := newAns[it.ID]
		o, had := prevOf[it.ID]
		var oa Answer
		if had {
			oa = oldAns[o]
		}
		ch := itemChange(it, edKind["n:"+it.ID], o, had, oa, na)
		if had && !oa.PlannedDate.IsZero() && !na.PlannedDate.IsZero() && oa.PlannedDate != na.PlannedDate {
			days := daysBetween(oa.PlannedDate, na.PlannedDate)
			moved = append(moved, DateMove{ID: it.ID, Old: oa.PlannedDate, New: na.PlannedDate, Days: days, Later: days > 0})
		}
		if len(ch.Fields) > 0 || ch.Edition != "" {
			if ch.Fields == nil {
				ch.Fields = []FieldChange{}
			}
			items = append(items, ch)
		}
	}
	for _, it := range oldCat.Requirements() {
		if k, ok := edKind["o:"+it.ID]; ok {
			oa := oldAns[it.ID]
			items = append(items, ItemChange{OldID: it.ID, Level: it.Level, TitleJA: it.TitleJA, TitleEN: it.TitleEN, Edition: k,
				OldStatus: statusOf(oa), Fields: []FieldChange{}})
		}
	}
	return items, moved
}

// answersByID indexes answers by requirement ID (the last answer of an ID
// wins).
func answersByID(answers []Answer) map[string]Answer {
	m := map[string]Answer{}
	for _, a := range answers {
		m[a.ID] = a
	}
	return m
}

// itemChange compares the answers of newer requirement it: na in the
// newer round, oa to the older requirement oldID it continues (had false
// when the newer edition added it). kind is how the edition changed it.
// An added requirement lists only the fields the newer round filled in.
func itemChange(it Item, kind ChangeKind, oldID string, had bool, oa, na Answer) ItemChange {
	ch := ItemChange{ID: it.ID, Level: it.Level, TitleJA: it.TitleJA, TitleEN: it.TitleEN, Edition: kind, NewStatus: statusOf(na)}
	if had {
		ch.OldID = oldID
		ch.OldStatus = statusOf(oa)
	}
	fo, fn := AnswerValues(oa), AnswerValues(na)
	for i, f := range AnswerFields {
		if !had && fn[i] == "" {
			continue
		}
		if fo[i] != fn[i] {
			ch.Fields = append(ch.Fields, FieldChange{f, fo[i], fn[i]})
		}
	}
	return ch
}

// diffFindings returns the findings (ISMAP管理基準 2.2.4) of the newer round
// that the older one did not have, and those of the older round the newer
// one resolved, following the requirements the edition renumbered.
func diffFindings(oldRes, newRes Result, ed EditionDiff) (added, resolved []FindingRef) {
	wasFinding := map[string]bool{} // in new IDs
	for _, f := range oldRes.Findings {
		n, _, ok := ed.Carry(f.ID)
		if ok {
			wasFinding[n] = true
		}
	}
	isFinding := map[string]bool{}
	for _, f := range newRes.Findings {
		isFinding[f.ID] = true
		if !wasFinding[f.ID] {
			added = append(added, FindingRef{f.ID, f.Status, f.Reasons})
		}
	}
	for _, f := range oldRes.Findings {
		n, _, ok := ed.Carry(f.ID)
		if !ok || !isFinding[n] {
			resolved = append(resolved, FindingRef{f.ID, f.Status, f.Reasons})
		}
	}
	return added, resolved
}

// staleDecisions returns the decisions of the older round's risk sheet
// that the newer round made stale: stale on the newer answer
// (ApplyDecisions) and not already stale on the older one.
func staleDecisions(oldRes, newRes Result, decisions []Decision, ed EditionDiff, prevOf map[string]string, asOf Date) []StaleDecision {
	before := map[string]State{}
	for _, s := range ApplyDecisions(oldRes, decisions, asOf) {
		if s.Finding != nil {
			before[s.ID] = s.State
		}
	}
	// Decisions name the older round's IDs; follow renumbering.
	moved := make([]Decision, len(decisions))
	for i, dec := range decisions {
		moved[i] = dec
		if n, _, ok := ed.Carry(dec.ID); ok {
			moved[i].ID = n
		}
	}
	var stale []StaleDecision
	for _, s := range ApplyDecisions(newRes, moved, asOf) {
		if s.Finding == nil || s.State != StateStale || s.Decision == nil {
			continue
		}
		if was := before[prevOf[s.ID]]; was == StateStale {
			continue
		}
		stale = append(stale, StaleDecision{ID: s.ID, Treatment: s.Decision.Treatment, Level: s.Level})
	}
	return stale
}

// fillEmpty gives every list of d that is nil an empty one, so the JSON
// has [] rather than null.
func (d *RoundDiff) fillEmpty() {
	if d.Cover == nil {
		d.Cover = []FieldChange{}
	}
	if d.Items == nil {
		d.Items = []ItemChange{}
	}
	if d.Added == nil {
		d.Added = []FindingRef{}
	}
	if d.Resolved == nil {
		d.Resolved = []FindingRef{}
	}
	if d.Stale == nil {
		d.Stale = []StaleDecision{}
	}
	if d.Moved == nil {
		d.Moved = []DateMove{}
	}
}

func statusOf(a Answer) Status {
	if a.Status == "" {
		return StatusUnanswered
	}
	return a.Status
}

// daysBetween is the number of days from a to b (negative when b is
// earlier).
func daysBetween(a, b Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// CaseKey identifies the case a workbook belongs to: the agency's
// reference (整理番号) when it has one, else agency, system, CSP and
// service together. Two rounds of one check share it; prefill carries it
// over. Spaces are folded so a retyped field still matches.
func CaseKey(r Request) string {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if ref := norm(r.Reference); ref != "" {
		return "ref:" + ref
	}
	if r.Agency == "" && r.System == "" && r.CSP == "" && r.Service == "" {
		return ""
	}
	return "case:" + norm(r.Agency) + "|" + norm(r.System) + "|" + norm(r.CSP) + "|" + norm(r.Service)
}
