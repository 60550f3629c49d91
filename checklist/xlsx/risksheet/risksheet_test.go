package risksheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/internal/printcheck"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/xuri/excelize/v2"
)

var genDate = checklist.NewDate(2026, time.April, 1)

func loadCatalog(t testing.TB) *checklist.Catalog {
	t.Helper()
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	c, err := checklist.LoadCatalog(templates.CatalogFS(), p)
	if err != nil {
		t.Fatalf("catalogue: %v", err)
	}
	return c
}

// fixture answers every requirement 適合 except a few, and returns the
// assessment with its findings.
func fixture(t testing.TB, c *checklist.Catalog) *checklist.Assessment {
	t.Helper()
	a := &checklist.Assessment{SchemaVersion: 1, Edition: c.Edition.ID, Source: checklist.Source{Name: "csp-answers.xlsx", Size: 1234, SHA256: strings.Repeat("1a", 32)}}
	for i, it := range c.Requirements() {
		a.Answers = append(a.Answers, checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Implementation: "規程に基づき実施 " + it.ID,
			Evidence: "情報セキュリティ基本方針", Responsibility: checklist.RespCSP, Sheet: "基本言明要件 Checklist", Row: 10 + i})
	}
	mut := map[string]func(*checklist.Answer){
		"3.1.2.1": func(x *checklist.Answer) { x.Status, x.Reason = checklist.StatusPartial, "=1+1" },
		"4.4.1.1": func(x *checklist.Answer) {
			x.Status, x.Implementation, x.Evidence = checklist.StatusNonconforming, "+A1", "@x"
		},
		"9.4.2.2.B": func(x *checklist.Answer) { x.Status, x.Reason = checklist.StatusPartial, "-1" },
		"15.1.1.16.B": func(x *checklist.Answer) {
			x.Status, x.Reason, x.PlannedDate = checklist.StatusNonconforming, "外国法令リスク評価は来年度実施", checklist.NewDate(2026, time.December, 1)
		},
	}
	for i := range a.Answers {
		if f, ok := mut[a.Answers[i].ID]; ok {
			f(&a.Answers[i])
		}
	}
	return a
}

func write(t testing.TB, res checklist.Result, a *checklist.Assessment, prev []checklist.Decision, c *checklist.Catalog) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, res, a, prev, WriteOptions{Date: genDate, ToolVersion: "test", Catalog: c}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func fill(t testing.TB, sheet []byte, ds []checklist.Decision) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := FillDecisions(bytes.NewReader(sheet), &buf, ds); err != nil {
		t.Fatalf("FillDecisions: %v", err)
	}
	return buf.Bytes()
}

func read(t testing.TB, sheet []byte) ([]checklist.Decision, []checklist.Message) {
	t.Helper()
	ds, msgs, err := Read(bytes.NewReader(sheet), "risk.xlsx", ReadOptions{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return ds, msgs
}

func errorsOf(msgs []checklist.Message) []checklist.Message {
	var out []checklist.Message
	for _, m := range msgs {
		if m.Severity == checklist.SeverityError {
			out = append(out, m)
		}
	}
	return out
}

// decisionsFor makes one decision per finding, varied across the vocabularies.
func decisionsFor(res checklist.Result) []checklist.Decision {
	var out []checklist.Decision
	for i, f := range res.Findings {
		d := checklist.Decision{ID: f.ID, AnswerHash: f.AnswerHash, SourceSHA256: res.Source.SHA256,
			Impact: checklist.Ratings[i%3], Likelihood: checklist.Ratings[(i+1)%3], Treatment: checklist.Treatments[i%len(checklist.Treatments)],
			Compensating: "=利用者側で監視 " + f.ID, Owner: "情報政策課", Due: checklist.NewDate(2026, time.September, 30),
			ReviewBy: checklist.NewDate(2027, time.March, 31)}
		if d.Treatment == checklist.TreatmentAccept {
			d.Approver, d.ApprovedOn = "CISO 佐藤", checklist.NewDate(2026, time.April, 10)
		}
		out = append(out, d)
	}
	return out
}

// agencyView strips what the reader adds (location) for comparison.
func agencyView(ds []checklist.Decision) []checklist.Decision {
	out := slices.Clone(ds)
	for i := range out {
		out[i].File, out[i].Sheet, out[i].Row, out[i].Cells = "", "", 0, nil
		out[i].JudgedAnswer = nil // checked in TestSnapshot
	}
	return out
}

func TestWrite_Deterministic(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	one, two := write(t, res, a, nil, c), write(t, res, a, nil, c)
	if !bytes.Equal(one, two) {
		t.Fatal("two writes of the same inputs differ")
	}
	ds := decisionsFor(res)
	if !bytes.Equal(fill(t, one, ds), fill(t, two, ds)) {
		t.Fatal("two fills of the same sheet differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(one), int64(len(one)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(genDate.Time()) {
			t.Errorf("zip entry %s stamped %v, want %v", f.Name, f.Modified, genDate.Time())
		}
	}
}

func TestWrite_CSPTextNeverAFormula(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	sheet := write(t, res, a, nil, c)
	zr, err := zip.NewReader(bytes.NewReader(sheet), int64(len(sheet)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(sheet))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetRisk)
	var got []string
	for _, r := range rows[HeaderRow:] {
		got = append(got, r[5], r[6], r[7]) // CSP reason, implementation, evidence
	}
	for _, want := range []string{"=1+1", "+A1", "@x", "-1"} {
		if !slices.Contains(got, want) {
			t.Errorf("CSP text %q not found as text in the sheet", want)
		}
	}
}

func TestWrite_Layout(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	f, err := excelize.OpenReader(bytes.NewReader(write(t, res, a, nil, c)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if vis, _ := f.GetSheetVisible(SheetMeta); vis {
		t.Error("binding sheet is visible")
	}
	rows, _ := f.GetRows(SheetRisk)
	if n := len(rows) - HeaderRow; n != res.NeedsRiskAssessment {
		t.Errorf("%d data rows, want one per finding (%d)", n, res.NeedsRiskAssessment)
	}
	for _, col := range Columns {
		cell := col.Letter + "6"
		st, _ := f.GetCellStyle(SheetRisk, cell)
		style, err := f.GetStyle(st)
		if err != nil {
			t.Fatal(err)
		}
		locked := style.Protection == nil || style.Protection.Locked
		if locked == col.Agency {
			t.Errorf("column %s (%s): locked=%v, want %v", col.Letter, col.Key, locked, !col.Agency)
		}
	}
	dvs, _ := f.GetDataValidations(SheetRisk)
	lists := 0
	for _, dv := range dvs {
		if dv.Type == "list" {
			lists++
			if !strings.Contains(dv.Formula1, "高") && !strings.Contains(dv.Formula1, "受容") {
				t.Errorf("drop-down %s lists %s", dv.Sqref, dv.Formula1)
			}
		}
	}
	if lists != 3 {
		t.Errorf("%d drop-downs, want 3 (impact, likelihood, treatment)", lists)
	}
	if v, _ := f.GetCellValue(SheetRisk, "A6"); v != res.Findings[0].ID {
		t.Errorf("A6 = %q, want %s", v, res.Findings[0].ID)
	}
}

// ISMAP管理基準 2.2.4: the B control 9.4.2.2.B (一部適合) under the objective
// 9.4.2 answered 適合 is a finding of its own, the objective is none, and
// the sheet shows the inconsistency beside the B control's reasons.
func TestWrite_2_2_4_BControlWarningShown(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	if _, ok := res.Finding("9.4.2"); ok {
		t.Fatal("9.4.2 is a finding")
	}
	f, err := excelize.OpenReader(bytes.NewReader(write(t, res, a, nil, c)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetRisk)
	reasonsCol := -1
	for i, col := range Columns {
		if col.Key == "reasons" {
			reasonsCol = i
		}
	}
	got := map[string]string{}
	for _, r := range rows[HeaderRow:] {
		if len(r) > reasonsCol {
			got[r[0]] = r[reasonsCol]
		}
	}
	if s := got["9.4.2.2.B"]; !strings.Contains(s, "b_control_shortfall") || !strings.Contains(s, "objective_conforms_b_short") || !strings.Contains(s, "9.4.2 は「適合」") {
		t.Errorf("9.4.2.2.B reasons %q, want the shortfall and the warning naming 9.4.2", s)
	}
	if s := got["3.1.2.1"]; strings.Contains(s, "警告") {
		t.Errorf("3.1.2.1 has a warning: %q", s)
	}
}

func TestRoundTrip(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	want := decisionsFor(res)
	filled := fill(t, write(t, res, a, nil, c), want)
	got, msgs := read(t, filled)
	if len(msgs) != 0 {
		t.Fatalf("messages on a clean fill: %v", msgs)
	}
	if g, w := agencyView(got), agencyView(want); !equalDecisions(g, w) {
		t.Fatalf("read back\n got %+v\nwant %+v", g, w)
	}
	if got[0].Cells["impact"] != "L6" || got[0].Row != 6 || got[0].File != "risk.xlsx" {
		t.Errorf("location: %+v", got[0])
	}
	for _, s := range checklist.ApplyDecisions(res, got, genDate) {
		if s.State != checklist.StateCurrent {
			t.Errorf("%s: state %s, want current", s.ID, s.State)
		}
	}

	t.Run("new round carries forward and marks the changed answer stale", func(t *testing.T) {
		a2 := fixture(t, c)
		a2.Source.SHA256 = strings.Repeat("2b", 32)
		changed := "9.4.2.2.B"
		for i := range a2.Answers {
			if a2.Answers[i].ID == changed {
				a2.Answers[i].PlannedDate = checklist.NewDate(2026, time.June, 30)
			}
		}
		res2 := checklist.Findings(c, a2)
		sheet2 := write(t, res2, a2, got, c)
		got2, msgs := read(t, sheet2)
		if len(msgs) != 0 {
			t.Fatalf("messages: %v", msgs)
		}
		if !equalDecisions(agencyView(got2), agencyView(want)) {
			t.Fatalf("carried decisions differ from the agency's\n got %+v\nwant %+v", agencyView(got2), agencyView(want))
		}
		for _, s := range checklist.ApplyDecisions(res2, got2, genDate) {
			wantState := checklist.StateCurrent
			if s.ID == changed {
				wantState = checklist.StateStale
			}
			if s.State != wantState {
				t.Errorf("%s: state %s, want %s", s.ID, s.State, wantState)
			}
		}
		f, _ := excelize.OpenReader(bytes.NewReader(sheet2))
		rows, _ := f.GetRows(SheetRisk)
		f.Close()
		for _, r := range rows[HeaderRow:] {
			if isStale := strings.Contains(r[9], "要再評価"); isStale != (r[0] == changed) {
				t.Errorf("row %s: state cell %q", r[0], r[9])
			}
		}

		// The agency reviews the stale row and re-approves it: the
		// decision now judges the new answer.
		var re checklist.Decision
		for _, d := range got2 {
			if d.ID == changed {
				re = d
			}
		}
		re.ApprovedOn, re.Approver = checklist.NewDate(2026, time.April, 20), "CISO 佐藤"
		got3, msgs := read(t, fill(t, sheet2, []checklist.Decision{re}))
		if len(msgs) != 0 {
			t.Fatalf("messages: %v", msgs)
		}
		for _, s := range checklist.ApplyDecisions(res2, got3, genDate) {
			if s.State != checklist.StateCurrent {
				t.Errorf("after review %s: state %s, want current", s.ID, s.State)
			}
		}
	})

	t.Run("orphaned decision is kept", func(t *testing.T) {
		a2 := fixture(t, c)
		fixed := "4.4.1.1"
		for i := range a2.Answers {
			if a2.Answers[i].ID == fixed {
				a2.Answers[i].Status = checklist.StatusConforms
			}
		}
		res2 := checklist.Findings(c, a2)
		sheet2 := write(t, res2, a2, got, c)
		got2, msgs := read(t, sheet2)
		if len(msgs) != 0 {
			t.Fatalf("messages: %v", msgs)
		}
		if len(got2) != len(got) {
			t.Fatalf("%d decisions after carrying forward, want %d", len(got2), len(got))
		}
		states := checklist.ApplyDecisions(res2, got2, genDate)
		last := states[len(states)-1]
		if last.ID != fixed || last.State != checklist.StateOrphaned || last.Decision.Owner != "情報政策課" {
			t.Errorf("last state %+v, want the orphaned decision for %s", last, fixed)
		}
		// And once more: the orphan survives another round.
		got3, _ := read(t, write(t, res2, a2, got2, c))
		if len(got3) != len(got) {
			t.Errorf("orphan lost in the next round: %d decisions", len(got3))
		}
	})
}

func equalDecisions(a, b []checklist.Decision) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.Cells, y.Cells = nil, nil
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

func TestRead_Validation(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	blank := write(t, res, a, nil, c)
	id := res.Findings[0].ID
	good := decisionsFor(res)[0]
	good.Treatment, good.Approver, good.ApprovedOn = checklist.TreatmentMitigate, "", checklist.Date{}

	t.Run("受容 without approver is an error", func(t *testing.T) {
		d := good
		d.Treatment = checklist.TreatmentAccept
		ds, msgs := read(t, fill(t, blank, []checklist.Decision{d}))
		errs := errorsOf(msgs)
		if len(errs) != 2 || len(ds) != 1 || !ds[0].Invalid {
			t.Fatalf("errors %v, decisions %+v; want two errors and the decision kept as invalid", errs, ds)
		}
		if errs[0].Cell != "R6" || errs[0].ID != id || errs[0].File != "risk.xlsx" || errs[0].Sheet != SheetRisk || errs[0].TextJA == "" || errs[0].TextEN == "" {
			t.Errorf("message not located or not bilingual: %+v", errs[0])
		}
		if s := checklist.ApplyDecisions(res, ds, genDate)[0].State; s != checklist.StateInvalid {
			t.Errorf("state %s, want invalid", s)
		}
	})
	t.Run("expired review date", func(t *testing.T) {
		d := good
		d.ReviewBy = genDate.AddDate(0, 0, -1)
		ds, msgs := read(t, fill(t, blank, []checklist.Decision{d}))
		if len(msgs) != 0 {
			t.Fatal(msgs)
		}
		if s := checklist.ApplyDecisions(res, ds, genDate)[0].State; s != checklist.StateExpired {
			t.Errorf("state %s, want expired", s)
		}
	})

	// Cells typed by hand: mutate the blank sheet with excelize.
	edit := func(t *testing.T, cells map[string]any, formula map[string]string) []byte {
		t.Helper()
		f, err := excelize.OpenReader(bytes.NewReader(blank))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for ref, v := range cells {
			if err := f.SetCellValue(SheetRisk, ref, v); err != nil {
				t.Fatal(err)
			}
		}
		for ref, fm := range formula {
			if err := f.SetCellFormula(SheetRisk, ref, fm); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	base := map[string]any{"L6": "高", "M6": "中", "N6": "低減"}
	with := func(extra map[string]any) map[string]any {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name    string
		cells   map[string]any
		formula map[string]string
		errCell string // "" for no error
		check   func(t *testing.T, d checklist.Decision)
	}{
		{name: "english vocabulary", cells: with(map[string]any{"L6": "High", "M6": "low", "N6": "Require the CSP to fix"}), check: func(t *testing.T, d checklist.Decision) {
			if d.Impact != checklist.RatingHigh || d.Likelihood != checklist.RatingLow || d.Treatment != checklist.TreatmentRequireCSPFix {
				t.Errorf("%+v", d)
			}
			if lv, _ := d.Level(); lv != checklist.RatingMedium {
				t.Errorf("level %s, want medium", lv)
			}
		}},
		{name: "unknown rating", cells: with(map[string]any{"L6": "大"}), errCell: "L6"},
		{name: "unknown treatment", cells: with(map[string]any{"N6": "保留"}), errCell: "N6"},
		{name: "wareki text date", cells: with(map[string]any{"Q6": "令和8年9月30日"}), check: func(t *testing.T, d checklist.Decision) {
			if d.Due != checklist.NewDate(2026, time.September, 30) {
				t.Errorf("due %v", d.Due)
			}
		}},
		{name: "ISO text date", cells: with(map[string]any{"T6": "2027-03-31"}), check: func(t *testing.T, d checklist.Decision) {
			if d.ReviewBy != checklist.NewDate(2027, time.March, 31) {
				t.Errorf("review %v", d.ReviewBy)
			}
		}},
		{name: "Excel serial date", cells: with(map[string]any{"S6": 46112}), check: func(t *testing.T, d checklist.Decision) {
			if d.ApprovedOn != checklist.NewDate(2026, time.March, 31) {
				t.Errorf("approved %v", d.ApprovedOn)
			}
		}},
		{name: "time value date", cells: with(map[string]any{"S6": time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)}), check: func(t *testing.T, d checklist.Decision) {
			if d.ApprovedOn != checklist.NewDate(2026, time.March, 31) {
				t.Errorf("approved %v", d.ApprovedOn)
			}
		}},
		{name: "bad date", cells: with(map[string]any{"Q6": "来年"}), errCell: "Q6"},
		{name: "impossible wareki", cells: with(map[string]any{"Q6": "平成32年1月1日"}), errCell: "Q6"},
		{name: "formula in agency cell", cells: base, formula: map[string]string{"S6": "TODAY()"}, errCell: "S6"},
		{name: "incomplete", cells: map[string]any{"P6": "担当課"}, errCell: "L6"},
		{name: "ID edited", cells: with(map[string]any{"A6": "9.9.9"}), errCell: "A6"},
		{name: "row added below", cells: map[string]any{"L400": "高"}, errCell: "A400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, msgs := read(t, edit(t, tt.cells, tt.formula))
			errs := errorsOf(msgs)
			if tt.errCell == "" {
				if len(errs) != 0 || len(ds) != 1 {
					t.Fatalf("errors %v, decisions %d", errs, len(ds))
				}
				if tt.check != nil {
					tt.check(t, ds[0])
				}
				return
			}
			if len(errs) == 0 || errs[0].Cell != tt.errCell {
				t.Fatalf("errors %v, want the first at %s", errs, tt.errCell)
			}
			if errs[0].TextJA == "" || errs[0].TextEN == "" || errs[0].File != "risk.xlsx" {
				t.Errorf("message %+v not bilingual or not located", errs[0])
			}
		})
	}
}

func BenchmarkRiskSheetWrite(b *testing.B) {
	c := loadCatalog(b)
	a := fixture(b, c)
	res := checklist.Findings(c, a)
	prev := decisionsFor(res)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, res, a, prev, WriteOptions{Date: genDate}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRiskSheetRead(b *testing.B) {
	c := loadCatalog(b)
	a := fixture(b, c)
	res := checklist.Findings(c, a)
	sheet := fill(b, write(b, res, a, nil, c), decisionsFor(res))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Read(bytes.NewReader(sheet), "b.xlsx", ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPrint: the sheet prints as the finding's page and the decision page
// side by side, ID column and header repeated, at a scale that keeps
// 11 pt type at 8 pt or more; rendered with LibreOffice where installed.
func TestPrint(t *testing.T) {
	if s := PrintScale(); s < 73 {
		t.Errorf("print scale %d%%: 11 pt type would print under 8 pt; narrow the columns", s)
	}
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	b := write(t, res, a, nil, c)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pl, err := f.GetPageLayout(SheetRisk)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.AdjustTo != uint(PrintScale()) || *pl.PageOrder != "overThenDown" {
		t.Errorf("page layout %v %v scale %v order %v", *pl.Size, *pl.Orientation, *pl.AdjustTo, *pl.PageOrder)
	}
	titles := ""
	for _, dn := range f.GetDefinedName() {
		if dn.Scope == SheetRisk && dn.Name == "_xlnm.Print_Titles" {
			titles = dn.RefersTo
		}
	}
	if !strings.Contains(titles, "!$A:$A") || !strings.HasSuffix(titles, fmt.Sprintf("!$%d:$%d", HeaderRow, HeaderRow)) {
		t.Errorf("print titles %q, want the ID column and the header row", titles)
	}
	// The reasons cell of the first finding holds several lines: its row
	// must be taller than one line.
	if h, _ := f.GetRowHeight(SheetRisk, HeaderRow+1); h < 3*15 {
		t.Errorf("first data row %.0f pt high: multi-line text would overprint", h)
	}
	t.Run("LibreOffice", func(t *testing.T) {
		printcheck.Check(t, printcheck.Render(t, map[string][]byte{"risk": b})["risk"])
	})
}
