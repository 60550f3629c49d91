package xlsx

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// fbSloppy is a workbook with the mistakes CSPs typically make: a
// responsibility typed in their own words on twenty rows, 対象外 without a
// reason or where it is not allowed, shortfalls without reason or date, B
// controls without evidence, an unanswered governance item, a B control
// excluded under an applicable objective, a date in words, a formula, an
// edited title, a note beside the table, a status that looks like a
// formula and an e-mail without "@".
func fbSloppy(t *testing.T) []byte {
	t.Helper()
	cat := testCatalog(t)
	reqs := cat.Requirements()
	ans := rdAnswers(cat)
	idx := map[string]int{}
	for i, a := range ans {
		idx[a.ID] = i
	}
	used := map[string]bool{}
	picks := 0
	pick := func(ok func(it checklist.Item, a checklist.Answer) bool) int {
		t.Helper()
		picks++
		for i, it := range reqs {
			if !used[it.ID] && ok(it, ans[i]) {
				used[it.ID] = true
				return i
			}
		}
		t.Fatalf("pick %d: no requirement fits the fixture", picks)
		return 0
	}
	level := func(l checklist.Level) func(checklist.Item, checklist.Answer) bool {
		return func(it checklist.Item, a checklist.Answer) bool { return it.Level == l }
	}
	for range 20 {
		i := pick(func(it checklist.Item, a checklist.Answer) bool {
			return it.Level == checklist.LevelDetail && a.Responsibility != ""
		})
		ans[i].Responsibility = "Vendor"
	}
	i := pick(func(it checklist.Item, a checklist.Answer) bool {
		return it.Level == checklist.LevelObjective && a.Status == checklist.StatusNotApplicable
	})
	ans[i].Reason = ""
	i = pick(level(checklist.LevelGovernance))
	ans[i].Status, ans[i].Reason = checklist.StatusNotApplicable, "クラウドのため"
	i = pick(level(checklist.LevelGovernance))
	ans[i] = checklist.Answer{ID: ans[i].ID, Status: checklist.StatusUnanswered}
	i = pick(func(it checklist.Item, a checklist.Answer) bool { return a.Status == checklist.StatusPartial })
	ans[i].Reason, ans[i].PlannedDate = "", checklist.Date{}
	for range 3 {
		i = pick(func(it checklist.Item, a checklist.Answer) bool { return it.B && a.Status == checklist.StatusConforms })
		ans[i].Evidence = ""
	}
	i = pick(func(it checklist.Item, a checklist.Answer) bool {
		p := ans[idx[it.Parent]].Status
		return it.B && p != checklist.StatusNotApplicable && p != checklist.StatusUnanswered
	})
	ans[i].Status, ans[i].Reason = checklist.StatusNotApplicable, "使っていない"
	i = pick(func(it checklist.Item, a checklist.Answer) bool { return !it.B && a.Status == checklist.StatusConforms })
	ans[i].Status = "=1+2"
	b := rdFilled(t, "", ans, map[string]string{"respondent_email": "yamada"})

	dateRow := ans[pick(func(it checklist.Item, a checklist.Answer) bool { return a.Status == checklist.StatusPartial })].ID
	formulaRow := ans[pick(func(it checklist.Item, a checklist.Answer) bool { return true })].ID
	titleRow := ans[pick(func(it checklist.Item, a checklist.Answer) bool { return true })].ID
	a, err := rdRead(t, b, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	row := func(id string) int { x, _ := a.Answer(id); return x.Row }
	return rdMutate(t, b, func(f *excelize.File) error {
		cs := SheetChecklist
		if err := f.SetCellStr(cs, rdCol("planned_date")+strconv.Itoa(row(dateRow)), "来年度中"); err != nil {
			return err
		}
		if err := f.SetCellFormula(cs, rdCol("implementation")+strconv.Itoa(row(formulaRow)), "=\"済\"&\"み\""); err != nil {
			return err
		}
		if err := f.SetCellStr(cs, rdCol("title")+strconv.Itoa(row(titleRow)), "当社独自の項目名"); err != nil {
			return err
		}
		return f.SetCellStr(cs, "M"+strconv.Itoa(row(titleRow)), "社内メモ: 後で確認")
	})
}

// fbRun writes the correction pack of data.
func fbRun(t *testing.T, data []byte) (*FeedbackResult, []byte) {
	t.Helper()
	var out bytes.Buffer
	res, err := Feedback(&out, data, "answers.xlsx", testCatalog(t), FeedbackOptions{ReadOptions: ReadOptions{Today: rdToday}, Date: rdToday})
	if err != nil {
		t.Fatalf("Feedback: %v", err)
	}
	return res, out.Bytes()
}

// fbSheetCounts reads the group rows of the corrections sheet: code →
// count, and the number of entry rows per code.
func fbSheetCounts(t *testing.T, f *excelize.File) (counts, entries map[string]int) {
	t.Helper()
	rows, err := f.GetRows(SheetCorrections)
	if err != nil {
		t.Fatal(err)
	}
	counts, entries = map[string]int{}, map[string]int{}
	code := ""
	for _, r := range rows[correctionsHeaderRow:] {
		get := func(i int) string {
			if i < len(r) {
				return r[i]
			}
			return ""
		}
		if get(1) != "" {
			code = get(1)
			n, err := strconv.Atoi(get(2))
			if err != nil {
				t.Fatalf("group %s: count %q", code, get(2))
			}
			counts[code] = n
			continue
		}
		if get(2) != "" {
			entries[code]++
		}
	}
	return counts, entries
}

func TestFeedbackCorrectionLoop(t *testing.T) {
	in := fbSloppy(t)
	before, err := rdRead(t, in, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, pack := fbRun(t, in)
	f := openBytes(t, pack)

	t.Run("the corrections sheet comes first", func(t *testing.T) {
		if got := f.GetSheetList()[0]; got != SheetCorrections {
			t.Errorf("first sheet %q", got)
		}
		if f.GetActiveSheetIndex() != 0 {
			t.Errorf("active sheet %d, want 0", f.GetActiveSheetIndex())
		}
	})

	t.Run("counts match ingest's messages", func(t *testing.T) {
		want := map[string]int{}
		for _, m := range before.Messages {
			if checklist.ForCSP(m.Code) {
				want[m.Code]++
			}
		}
		for _, code := range []string{CodeInvalidResp, CodeNAWithoutReason, CodeNAOnGovMgmt, CodeShortfallNoReason,
			CodeShortfallNoDate, CodeBWithoutEvidence, CodeInvalidDate, CodeFormula, CodeTextChanged, CodeExtraCell,
			CodeInvalidStatus, CodeInvalidEmail} {
			if want[code] == 0 {
				t.Errorf("the fixture has no %s message:\n%s", code, rdDump(before))
			}
		}
		// Findings that need the CSP's answer, not in ingest's messages.
		want[checklist.CodeUnanswered], want[checklist.CodeBControlExcluded] = 0, 0
		for _, c := range res.Corrections {
			if c.Code == checklist.CodeUnanswered || c.Code == checklist.CodeBControlExcluded {
				want[c.Code]++
			}
		}
		if want[checklist.CodeUnanswered] < 2 || want[checklist.CodeBControlExcluded] < 1 {
			t.Errorf("finding corrections: %d unanswered, %d b_control_excluded", want[checklist.CodeUnanswered], want[checklist.CodeBControlExcluded])
		}
		got, entries := fbSheetCounts(t, f)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sheet counts\n got %v\nwant %v", got, want)
		}
		if got[CodeInvalidResp] != 20 || entries[CodeInvalidResp] != 1 {
			t.Errorf("20 identical responsibilities: %d in %d entry rows, want 20 in 1", got[CodeInvalidResp], entries[CodeInvalidResp])
		}
		if entries[CodeBWithoutEvidence] != 1 {
			t.Errorf("b_without_evidence on 3 items: %d entry rows, want 1 (ID masked)", entries[CodeBWithoutEvidence])
		}
	})

	t.Run("every problem cell has a bilingual comment and a highlight", func(t *testing.T) {
		comments := map[string]string{}
		for _, s := range f.GetSheetList() {
			cms, err := f.GetComments(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cms {
				text := c.Text
				for _, p := range c.Paragraph {
					text += p.Text
				}
				comments[s+"!"+c.Cell] = text
			}
		}
		n := 0
		for _, c := range res.Corrections {
			if c.Cell == "" {
				continue
			}
			text, ok := comments[c.Sheet+"!"+c.Cell]
			if !ok {
				t.Errorf("%s %s!%s: no comment", c.Code, c.Sheet, c.Cell)
				continue
			}
			n++
			for _, want := range []string{c.TextJA, c.FixJA, c.TextEN, c.FixEN} {
				if !strings.Contains(text, want) {
					t.Errorf("%s %s!%s: comment lacks %q:\n%s", c.Code, c.Sheet, c.Cell, want, text)
				}
			}
			st, _ := f.GetCellStyle(c.Sheet, c.Cell)
			s, _ := f.GetStyle(st)
			if len(s.Fill.Color) == 0 || (s.Fill.Color[0] != fillError && s.Fill.Color[0] != fillWarning) {
				t.Errorf("%s!%s not highlighted: %+v", c.Sheet, c.Cell, s.Fill)
			}
		}
		if n == 0 || len(comments) != res.Cells {
			t.Errorf("%d comments, %d cells marked, %d corrections with a cell", len(comments), res.Cells, n)
		}
	})

	t.Run("CSP text never becomes a formula", func(t *testing.T) {
		rows, _ := f.GetRows(SheetCorrections)
		sawStatus := false
		for r, row := range rows {
			for c, v := range row {
				ref := cellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(SheetCorrections, ref); fm != "" {
					t.Errorf("%s holds formula %q", ref, fm)
				}
				sawStatus = sawStatus || strings.Contains(v, `"=1+2"`)
			}
		}
		if !sawStatus {
			t.Error("the status \"=1+2\" is not quoted on the corrections sheet")
		}
	})

	t.Run("the pack ingests as the same case", func(t *testing.T) {
		after, err := rdRead(t, pack, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after.Answers, before.Answers) || after.Cover.Request != before.Cover.Request || after.Edition != before.Edition {
			t.Error("the answers or the case changed in the pack")
		}
		if !reflect.DeepEqual(after.Messages, before.Messages) {
			t.Errorf("messages changed:\nbefore\n%s\nafter\n%s", rdDump(before), rdDump(after))
		}
	})

	t.Run("deterministic", func(t *testing.T) {
		_, again := fbRun(t, in)
		if !bytes.Equal(again, pack) {
			t.Error("two runs gave different bytes")
		}
	})

	t.Run("fixed cells ingest clean and lose their marks", func(t *testing.T) {
		good := openBytes(t, rdGood(t))
		fixed := rdMutate(t, pack, func(f *excelize.File) error { return fbFix(t, f, good, res.Corrections) })
		res2, pack2 := fbRun(t, fixed)
		if len(res2.Corrections) != 0 {
			for _, c := range res2.Corrections {
				t.Errorf("left after fixing: %s %s!%s %s", c.Code, c.Sheet, c.Cell, c.TextEN)
			}
		}
		a, err := rdRead(t, pack2, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Messages) != 0 {
			t.Errorf("fixed pack has messages:\n%s", rdDump(a))
		}
		f2 := openBytes(t, pack2)
		for _, c := range res.Corrections {
			if c.Cell == "" {
				continue
			}
			st, _ := f2.GetCellStyle(c.Sheet, c.Cell)
			s, _ := f2.GetStyle(st)
			if len(s.Fill.Color) > 0 && (s.Fill.Color[0] == fillError || s.Fill.Color[0] == fillWarning) {
				t.Errorf("%s!%s still highlighted after the fix", c.Sheet, c.Cell)
			}
			if cms, _ := f2.GetComments(c.Sheet); len(cms) != 0 {
				t.Errorf("sheet %s keeps %d comments", c.Sheet, len(cms))
				break
			}
		}
		if counts, _ := fbSheetCounts(t, f2); len(counts) != 0 {
			t.Errorf("the second pack still lists %v", counts)
		}
	})
}

// fbFix corrects every problem the way a CSP would, with cell edits in
// the pack; good is the clean fixture (for the locked text to restore).
func fbFix(t *testing.T, f, good *excelize.File, cs []checklist.Correction) error {
	t.Helper()
	for _, c := range cs {
		set := func(v string) error { return f.SetCellStr(c.Sheet, c.Cell, v) }
		sibling := func(key string) string {
			_, n, _ := splitRef(c.Cell)
			return rdCol(key) + strconv.Itoa(n)
		}
		var err error
		switch c.Code {
		case CodeInvalidResp:
			err = set("CSP")
		case CodeNAWithoutReason, CodeShortfallNoReason:
			err = set("当サービスの構成上の理由")
		case CodeShortfallNoDate, CodeInvalidDate:
			err = set("2027-03-31")
		case CodeBWithoutEvidence:
			err = set("情報セキュリティ規程")
		case CodeNAOnGovMgmt, CodeInvalidStatus, checklist.CodeUnanswered, checklist.CodeBControlExcluded:
			if err = set("適合"); err == nil {
				err = f.SetCellStr(c.Sheet, sibling("evidence"), "運用手順書")
			}
		case CodeFormula:
			if err = f.SetCellFormula(c.Sheet, c.Cell, ""); err == nil {
				err = set("手順書どおりに実施")
			}
		case CodeTextChanged:
			v, _ := good.GetCellValue(c.Sheet, c.Cell)
			err = set(v)
		case CodeExtraCell:
			err = set("")
		case CodeInvalidEmail:
			err = set("yamada@example.com")
		default:
			t.Errorf("no fix for %s", c.Code)
		}
		if err != nil {
			return fmt.Errorf("%s %s: %w", c.Code, c.Cell, err)
		}
	}
	return nil
}

// TestFeedbackOpensElsewhere opens the pack with openpyxl, when it is
// installed: comments and the new sheet must not make the file unreadable
// to other programs. (TestPrintedWithLibreOffice opens it with
// LibreOffice and checks its printed pages.)
func TestFeedbackOpensElsewhere(t *testing.T) {
	res, pack := fbRun(t, fbSloppy(t))
	dir := t.TempDir()
	p := filepath.Join(dir, "corrections.xlsx")
	if err := os.WriteFile(p, pack, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("openpyxl", func(t *testing.T) {
		if exec.Command("/usr/bin/python3", "-c", "import openpyxl").Run() != nil {
			t.Skip("openpyxl not installed")
		}
		script := `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
n = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment is not None)
print(wb.sheetnames[0]); print(n)`
		out, err := exec.Command("/usr/bin/python3", "-c", script, p).CombinedOutput()
		if err != nil {
			t.Fatalf("openpyxl: %v\n%s", err, out)
		}
		want := fmt.Sprintf("%s\n%d\n", SheetCorrections, res.Cells)
		if string(out) != want {
			t.Errorf("openpyxl says %q, want %q", out, want)
		}
	})
}

// TestFeedbackEncrypted: a password-protected workbook is read with its
// password and the pack is written without one (the CSP gets back what
// it can open; the agency decides how to send it).
func TestFeedbackEncrypted(t *testing.T) {
	plain := rdGood(t)
	enc := rdEncrypt(t, plain, "s3cret")
	var out bytes.Buffer
	_, err := Feedback(&out, enc, "answers.xlsx", testCatalog(t), FeedbackOptions{ReadOptions: ReadOptions{Today: rdToday}, Date: rdToday})
	if err == nil {
		t.Fatal("no error without the password")
	}
	out.Reset()
	if _, err := Feedback(&out, enc, "answers.xlsx", testCatalog(t), FeedbackOptions{ReadOptions: ReadOptions{Today: rdToday, Password: "s3cret"}, Date: rdToday}); err != nil {
		t.Fatalf("with the password: %v", err)
	}
	want, _ := rdRead(t, plain, ReadOptions{})
	got, err := rdRead(t, out.Bytes(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Answers, want.Answers) {
		t.Error("the pack of an encrypted workbook answers differently")
	}
}

// TestFeedbackKeepsCSPComments: a comment the CSP left on a problem cell
// stays, below the note, in the one comment the cell can hold.
func TestFeedbackKeepsCSPComments(t *testing.T) {
	in := fbSloppy(t)
	res, _ := fbRun(t, in)
	var target checklist.Correction
	for _, c := range res.Corrections {
		if c.Cell != "" && c.Sheet == SheetChecklist {
			target = c
			break
		}
	}
	in = rdMutate(t, in, func(f *excelize.File) error {
		return f.AddComment(target.Sheet, excelize.Comment{Author: "CSP担当", Cell: target.Cell, Text: "ここは社内確認中です"})
	})
	_, pack := fbRun(t, in)
	f := openBytes(t, pack)
	cms, err := f.GetComments(target.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cms {
		if c.Cell != target.Cell {
			continue
		}
		n++
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		if !strings.Contains(text, target.TextEN) || !strings.Contains(text, "ここは社内確認中です") || !strings.Contains(text, "CSP担当") {
			t.Errorf("comment on %s:\n%s", target.Cell, text)
		}
	}
	if n != 1 {
		t.Errorf("%d comments on %s, want 1", n, target.Cell)
	}
	// Fixed and run again: the note goes, the CSP's comment comes back.
	good := openBytes(t, rdGood(t))
	fixed := rdMutate(t, pack, func(f *excelize.File) error { return fbFix(t, f, good, res.Corrections) })
	_, pack2 := fbRun(t, fixed)
	cms, _ = openBytes(t, pack2).GetComments(target.Sheet)
	if len(cms) != 1 || cms[0].Author != "CSP担当" || commentText(cms[0]) != "ここは社内確認中です" {
		t.Errorf("after the fix, comments %+v, want the CSP's own back", cms)
	}
}

// TestEveryReaderCodeHasAFix: every message the reader gives a CSP has a
// specific instruction in the correction pack (not the general one).
func TestEveryReaderCodeHasAFix(t *testing.T) {
	for _, code := range []string{CodeMacros, CodeMetadataMissing, CodeSheetRenamed, CodeHeaderMoved, CodeColumnMoved,
		CodeColumnMissing, CodeMissingID, CodeDuplicateID, CodeUnknownID, CodeAnswerOnHeading, CodeOrphanCell, CodeExtraCell,
		CodeTextChanged, CodeFormula, CodeFormulaIgnored, CodeInvalidStatus, CodeInvalidResp, CodeInvalidDate, CodeTextTooLong,
		CodeNAOnGovMgmt, CodeNAWithoutReason, CodeShortfallNoReason, CodeShortfallNoDate, CodePlannedDatePast,
		CodeBWithoutEvidence, CodeCoverMissing, CodeCoverFieldMissing, CodeCoverOrphan, CodeInvalidChoice, CodeInvalidEmail,
		CodeExtraSheet, CodeObjectiveConformsBShort, CodeInheritedUnregistered, CodeHyperlinkEvidence, CodeHyperlinkIgnored,
		CodeComment, CodeImage} {
		if !checklist.ForCSP(code) {
			continue
		}
		ja, en := checklist.FixFor(code)
		if general, _ := checklist.FixFor("no_such_code"); ja == general || en == "" {
			t.Errorf("%s has no specific instruction for the CSP", code)
		}
	}
}
