package checklist

import "slices"

// Counts summarises the answers of a group of requirements.
//
// The status counts (Conforms … Unanswered) count every answer as given.
// The conformance rate counts only the items that apply: an item applies
// unless it is a control objective excluded with a reason or a B control
// exempted with it (ISMAP管理基準 2.2.4); such a B control leaves the rate
// whatever it was answered (Exempt counts them). Of the items that apply,
// RateConforms are 適合 and RateBase are 適合, 一部適合, 不適合 or a 対象外
// that 2.2.4 does not accept (RejectedExclusions: on a governance or
// management item, on an objective without a reason, on a B control whose
// objective applies). Unanswered items are not in the base (they show in
// Unanswered and as findings). ConformanceRate = RateConforms / RateBase;
// RateBase 0 means the rate is undefined and ConformanceRate is 0.
type Counts struct {
	Items               int     `json:"items"`
	Conforms            int     `json:"conforms"`
	Partial             int     `json:"partial"`
	Nonconforming       int     `json:"nonconforming"`
	NotApplicable       int     `json:"not_applicable"`
	Unanswered          int     `json:"unanswered"`
	Unknown             int     `json:"unknown"`
	Exempt              int     `json:"exempt"` // B controls exempted with their objective
	NeedsRiskAssessment int     `json:"needs_risk_assessment"`
	RejectedExclusions  int     `json:"rejected_exclusions"` // 対象外 that 2.2.4 does not accept
	RateConforms        int     `json:"rate_conforms"`       // 適合 among the items that apply
	RateBase            int     `json:"rate_base"`
	ConformanceRate     float64 `json:"conformance_rate"`
}

func (c *Counts) add(s Status) {
	c.Items++
	switch s {
	case StatusConforms:
		c.Conforms++
	case StatusPartial:
		c.Partial++
	case StatusNonconforming:
		c.Nonconforming++
	case StatusNotApplicable:
		c.NotApplicable++
	default:
		c.Unanswered++
	}
}

// addRate counts an item that applies (not excluded, not exempt) into the
// rate: 適合 in numerator and base, 一部適合, 不適合 and a rejected 対象外
// in the base only.
func (c *Counts) addRate(s Status) {
	switch s {
	case StatusConforms:
		c.RateConforms++
		c.RateBase++
	case StatusPartial, StatusNonconforming:
		c.RateBase++
	case StatusNotApplicable:
		c.RejectedExclusions++
		c.RateBase++
	}
}

func (c *Counts) finish() {
	c.ConformanceRate = 0
	if c.RateBase > 0 {
		c.ConformanceRate = float64(c.RateConforms) / float64(c.RateBase)
	}
}

// PartSummary counts one part (governance, management, controls).
type PartSummary struct {
	Part string `json:"part"`
	Counts
}

// ChapterSummary counts one chapter.
type ChapterSummary struct {
	Chapter int    `json:"chapter"`
	Part    string `json:"part"`
	TitleJA string `json:"title_ja"`
	TitleEN string `json:"title_en"`
	Counts
}

// Summary counts answers and findings overall, per part and per chapter.
type Summary struct {
	Total    Counts           `json:"total"`
	Parts    []PartSummary    `json:"parts"`
	Chapters []ChapterSummary `json:"chapters"`
}

// summarize counts the answers. accepted holds the IDs whose 対象外 is
// accepted by 2.2.4: objectives excluded with a reason and the B controls
// exempted with them.
func summarize(cat *Catalog, reqs []Item, answerOf func(string) Answer, reasons map[string][]ReasonCode, accepted map[string]bool) Summary {
	var s Summary
	parts := map[string]*Counts{}
	partOrder := []string{PartGovernance, PartManagement, PartControls}
	for _, p := range partOrder {
		parts[p] = &Counts{}
	}
	chapters := map[int]*ChapterSummary{}
	var chOrder []int
	for _, it := range cat.Items {
		if it.Level == LevelChapter {
			if _, ok := chapters[it.Chapter]; !ok {
				chapters[it.Chapter] = &ChapterSummary{Chapter: it.Chapter, Part: PartOf(it.Chapter), TitleJA: it.TitleJA, TitleEN: it.TitleEN}
				chOrder = append(chOrder, it.Chapter)
			}
		}
	}
	for _, it := range reqs {
		ch, ok := chapters[it.Chapter]
		if !ok {
			ch = &ChapterSummary{Chapter: it.Chapter, Part: PartOf(it.Chapter)}
			chapters[it.Chapter] = ch
			chOrder = append(chOrder, it.Chapter)
		}
		x := answerOf(it.ID)
		for _, c := range []*Counts{&s.Total, parts[PartOf(it.Chapter)], &ch.Counts} {
			c.add(x.Status)
			if x.Unknown {
				c.Unknown++
			}
			if it.Level == LevelDetail && accepted[it.ID] {
				c.Exempt++
			}
			// ISMAP管理基準 2.2.4: an objective excluded with a reason, and
			// the B controls exempted with it, do not apply, so they leave
			// the rate whatever they were answered. Every other item
			// applies: its 対象外 (governance or management item, objective
			// without a reason, B control whose objective applies) is a
			// rejected exclusion and stays in the base as not conforming.
			if !accepted[it.ID] {
				c.addRate(x.Status)
			}
			if len(reasons[it.ID]) > 0 {
				c.NeedsRiskAssessment++
			}
		}
	}
	s.Total.finish()
	for _, p := range partOrder {
		c := parts[p]
		c.finish()
		s.Parts = append(s.Parts, PartSummary{Part: p, Counts: *c})
	}
	slices.Sort(chOrder)
	for _, n := range chOrder {
		ch := chapters[n]
		if ch.Items == 0 {
			continue
		}
		ch.finish()
		s.Chapters = append(s.Chapters, *ch)
	}
	return s
}
