package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/pdf"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/spf13/cobra"
)

const verifyLong = `Check a finding report against what it embeds (issue 17):

  attachments   every input file recorded in the report is attached, with
                the size and SHA-256 the record gives, and nothing else is
  appendix-b    Appendix B, as printed, lists the SHA-256 of every attachment
                and the document ID
  document-id   the document ID, recomputed from the attachments, the edition
                fingerprint and the report date, is the one recorded, printed
                in the page headers and written in the PDF's keywords
  file-id       the trailer /ID is the SHA-256 of the file's content
  edition       the catalogue edition recorded is the one available here
  assessment    reading the attached workbook again gives the attached
                assessment JSON
  findings      computing the report again from the attachments, with the
                recorded parameters (edition, date, risk sheet, language),
                as "report" computes it (the CISO's exclusion decisions,
                the decision states, the interim-measure verdict, the
                sign-off readiness), gives the attached findings record

A report made by an older version of ismapcheck with the same record schema
is re-run with the recorded tool name where the tool writes its own. The
record also states the version of the rules the report was concluded under;
when it is older and the current rules conclude differently, the findings
check says so ("rules-changed", exit 1) instead of a plain difference: the
other checks still show whether the file and its attachments are intact.
A report made with --catalog FILE needs the same file again (--catalog); one
made from a protected workbook needs its password (--password, as for report).

Exit 0 when every check agrees, 1 when any differs (each one is named),
3 when REPORT.pdf is not an ismapcheck report (or cannot be read).

報告書PDFに添付された入力ファイルから結論を再計算し、記録と照合します。`

// maxReportPDF bounds the report verify reads: three input attachments
// of at most --max-size bytes each (the workbook, the assessment read from
// it, the risk sheet), the findings record and the pages fit easily.
func maxReportPDF(maxInput int64) int64 { return 4*maxInput + 64<<20 }

type verifyOptions struct {
	format  string
	catalog string
	in      inputFlags
}

func newVerifyCmd(a *app) *cobra.Command {
	var o verifyOptions
	cmd := &cobra.Command{
		Use:   "verify REPORT.pdf",
		Short: "Re-check a report against its embedded sources / 報告書を添付ファイルから再検証",
		Long:  verifyLong,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runVerify(args[0], o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json / 出力形式")
	cmd.Flags().StringVar(&o.catalog, "catalog", "", "the catalogue file a report made with --catalog used / --catalog で作成された報告書のカタログファイル")
	o.in.register(cmd) // --max-size bounds each attachment; the password opens an attached protected workbook
	return cmd
}

// Check outcomes.
const (
	verifyOK           = "ok"
	verifyDiffers      = "differs"
	verifyUnverifiable = "unverifiable" // could not be re-run here: counts as not agreeing
	// verifyRulesChanged: the report was concluded under another rules
	// version and the current rules conclude differently; counts as not
	// agreeing, but names the cause.
	verifyRulesChanged = "rules-changed"
)

type verifyCheck struct {
	ID      string   `json:"id"`
	Status  string   `json:"status"`
	JA      string   `json:"message_ja"`
	EN      string   `json:"message_en"`
	Details []string `json:"details,omitempty"`
}

type verifyResult struct {
	Kind          string        `json:"kind"`
	SchemaVersion int           `json:"schema_version"`
	File          string        `json:"file"`
	DocumentID    string        `json:"document_id"`
	Tool          string        `json:"tool"`
	Verdict       string        `json:"verdict"` // "agree" or "differs"
	Checks        []verifyCheck `json:"checks"`
}

func (r *verifyResult) add(id, status, ja, en string, details ...string) {
	r.Checks = append(r.Checks, verifyCheck{ID: id, Status: status, JA: ja, EN: en, Details: details})
}

// notOurReport is exit 3: the file is not a report verify can read.
func notOurReport(path, ja, en string) error {
	return &checklist.CellError{File: path, Err: checklist.ErrInvalidInput,
		JA: "ismapcheck の報告書として読めません: " + ja, EN: "not an ismapcheck report: " + en}
}

func (a *app) runVerify(path string, o verifyOptions) error {
	if o.format != "text" && o.format != "json" {
		return usageBoth("--format must be text or json, not %q", "--format は text または json です（%q）", o.format)
	}
	opt, password, err := o.in.options(a)
	if err != nil {
		return err
	}
	opt.MaxSize, opt.FixedSize = maxReportPDF(opt.MaxSize), false
	src, err := input.Open(path, opt)
	if err != nil {
		return err
	}
	data := src.Bytes
	ex, err := pdf.Extract(data)
	if err != nil {
		return notOurReport(path, err.Error(), err.Error())
	}
	rec, recFile, err := findRecord(ex)
	if err != nil {
		return notOurReport(path, err.Error(), err.Error())
	}
	res := &verifyResult{Kind: "ismapcheck.verification", SchemaVersion: 1, File: src.Name, DocumentID: rec.DocumentID, Tool: rec.Tool}
	files := checkAttachments(res, ex, rec, recFile)
	checkAppendixB(res, ex, rec, files)
	cat := a.checkEdition(res, rec, o.catalog)
	checkDocumentID(res, ex, rec, files, cat)
	if ex.TrailerID == pdf.FileID(ex.Body) {
		res.add("file-id", verifyOK, "ファイルIDは内容のハッシュ値と一致", "the file ID is the hash of the content")
	} else {
		res.add("file-id", verifyDiffers, fmt.Sprintf("ファイルID %s が内容のハッシュ値 %s と異なる（作成後に変更された）", ex.TrailerID, pdf.FileID(ex.Body)),
			fmt.Sprintf("the file ID %s is not the content hash %s (changed after it was written)", ex.TrailerID, pdf.FileID(ex.Body)))
	}
	checkRerun(res, rec, recFile, files, cat, o.catalog, password)

	res.Verdict = "agree"
	for _, c := range res.Checks {
		if c.Status != verifyOK {
			res.Verdict = "differs"
		}
	}
	if err := a.writeVerify(res, o.format); err != nil {
		return err
	}
	if res.Verdict != "agree" {
		return errFindings
	}
	return nil
}

// findRecord returns the findings record among the attachments.
func findRecord(ex *pdf.Extracted) (*report.Record, *pdf.ExtractedFile, error) {
	for i := range ex.Files {
		f := &ex.Files[i]
		if f.MIME != "application/json" {
			continue
		}
		rec, ok, err := report.DecodeRecord(f.Name, f.Data)
		if !ok {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		return rec, f, nil
	}
	return nil, nil, errors.New("no findings record (kind " + checklist.FindingsKind + ") is attached")
}

// checkAttachments compares the attachments with the recorded inputs and
// returns the inputs, in record order, as the report's InputFiles.
func checkAttachments(res *verifyResult, ex *pdf.Extracted, rec *report.Record, recFile *pdf.ExtractedFile) []report.InputFile {
	byName := map[string]*pdf.ExtractedFile{}
	for i := range ex.Files {
		byName[ex.Files[i].Name] = &ex.Files[i]
	}
	var bad []string
	var files []report.InputFile
	recorded := map[string]bool{recFile.Name: true}
	for _, in := range rec.Inputs {
		recorded[in.Name] = true
		f := byName[in.Name]
		if f == nil {
			bad = append(bad, fmt.Sprintf("%s: missing / 添付なし", in.Name))
			continue
		}
		got := report.InputFile{Name: in.Name, Role: in.Role, MIME: in.MIME, Data: f.Data}
		files = append(files, got)
		if sum := got.SHA256(); sum != in.SHA256 || len(f.Data) != in.Size {
			bad = append(bad, fmt.Sprintf("%s: SHA-256 %s (%d bytes), recorded %s (%d bytes)", in.Name, sum, len(f.Data), in.SHA256, in.Size))
		}
	}
	for _, f := range ex.Files {
		if !recorded[f.Name] {
			bad = append(bad, fmt.Sprintf("%s: attached but not recorded / 記録にない添付", f.Name))
		}
	}
	if len(bad) > 0 {
		res.add("attachments", verifyDiffers, "添付ファイルが記録と異なる: "+strings.Join(names(bad), "、"),
			"attachments differ from the record: "+strings.Join(names(bad), ", "), bad...)
	} else {
		res.add("attachments", verifyOK, fmt.Sprintf("添付ファイル %d 件のSHA-256が記録と一致", len(rec.Inputs)),
			fmt.Sprintf("the %d attached input files match their recorded SHA-256", len(rec.Inputs)))
	}
	return files
}

// names keeps the file name before ": " of each detail.
func names(details []string) []string {
	out := make([]string, len(details))
	for i, d := range details {
		out[i], _, _ = strings.Cut(d, ": ")
	}
	return out
}

// checkAppendixB looks for the SHA-256 of every attached input, and the
// document ID, in the printed text of Appendix B.
func checkAppendixB(res *verifyResult, ex *pdf.Extracted, rec *report.Record, files []report.InputFile) {
	start := -1
	for i, p := range ex.Pages {
		if strings.Contains(p, report.AppendixBTitle(rec.Parameters.Lang)) {
			start = i
		}
	}
	if start < 0 {
		res.add("appendix-b", verifyDiffers, "付録Bが見つからない", "Appendix B is not in the pages")
		return
	}
	text := strings.Join(ex.Pages[start:], "")
	var missing []string
	for _, f := range files {
		if sum := f.SHA256(); !strings.Contains(text, sum) {
			missing = append(missing, fmt.Sprintf("%s: the attachment's SHA-256 %s is not the one printed in Appendix B", f.Name, sum))
		}
	}
	if !strings.Contains(text, rec.DocumentID) {
		missing = append(missing, fmt.Sprintf("document ID: %s not printed in Appendix B", rec.DocumentID))
	}
	if len(missing) > 0 {
		res.add("appendix-b", verifyDiffers, "付録Bの記載が記録と異なる: "+strings.Join(names(missing), "、"),
			"Appendix B differs from the record: "+strings.Join(names(missing), ", "), missing...)
		return
	}
	res.add("appendix-b", verifyOK, "添付ファイルのSHA-256と文書IDが付録Bの記載と一致", "the attachments' SHA-256 and the document ID are those printed in Appendix B")
}

// checkEdition loads the catalogue the report used and compares its
// fingerprint; nil when it is not available here.
func (a *app) checkEdition(res *verifyResult, rec *report.Record, catalogFile string) *checklist.Catalog {
	var cat *checklist.Catalog
	var err error
	switch {
	case catalogFile != "":
		cat, err = loadCatalogFile(catalogFile)
	case rec.Parameters.Catalog != "":
		res.add("edition", verifyUnverifiable, fmt.Sprintf("報告書はカタログファイル %s で作成された。--catalog で同じファイルを指定すること", rec.Parameters.Catalog),
			fmt.Sprintf("the report was made with the catalogue file %s; give the same file with --catalog", rec.Parameters.Catalog))
		return nil
	default:
		cat, err = loadEdition(rec.Edition)
	}
	if err != nil {
		res.add("edition", verifyUnverifiable, fmt.Sprintf("管理基準 %s を読み込めない: %v", rec.Edition, err),
			fmt.Sprintf("cannot load the catalogue %s: %v", rec.Edition, err))
		return nil
	}
	if cat.Edition.SHA256 != rec.EditionSHA256 || cat.Edition.ID != rec.Edition {
		res.add("edition", verifyDiffers, fmt.Sprintf("管理基準 %s の指紋 %s が記録 %s（%s）と異なる", cat.Edition.ID, cat.Edition.SHA256, rec.EditionSHA256, rec.Edition),
			fmt.Sprintf("catalogue %s has fingerprint %s, the record says %s (%s)", cat.Edition.ID, cat.Edition.SHA256, rec.EditionSHA256, rec.Edition))
		return nil
	}
	res.add("edition", verifyOK, fmt.Sprintf("管理基準 %s の指紋が記録と一致", rec.Edition), fmt.Sprintf("catalogue %s matches its recorded fingerprint", rec.Edition))
	return cat
}

func checkDocumentID(res *verifyResult, ex *pdf.Extracted, rec *report.Record, files []report.InputFile, cat *checklist.Catalog) {
	ed := &checklist.Catalog{Edition: checklist.Edition{ID: rec.Edition, SHA256: rec.EditionSHA256}}
	if cat != nil {
		ed = cat
	}
	id := report.DocumentID(report.Input{Files: files, Catalog: ed, ReportDate: rec.ReportDate, Lang: report.NormalizeLang(rec.Parameters.Lang)})
	var bad []string
	if id != rec.DocumentID {
		bad = append(bad, fmt.Sprintf("record: %s, recomputed %s", rec.DocumentID, id))
	}
	headers := 0
	for _, p := range ex.Pages {
		if strings.Contains(p, report.DocumentIDLabel(rec.Parameters.Lang)+id) {
			headers++
		}
	}
	if headers != len(ex.Pages) {
		bad = append(bad, fmt.Sprintf("pages: %d of %d page headers print %s", headers, len(ex.Pages), id))
	}
	if !strings.Contains(ex.Keywords, id) {
		bad = append(bad, fmt.Sprintf("keywords: the PDF keywords %q lack %s", ex.Keywords, id))
	}
	if len(bad) > 0 {
		res.add("document-id", verifyDiffers, "文書IDが一致しない: "+strings.Join(names(bad), "、"), "the document ID does not agree: "+strings.Join(names(bad), ", "), bad...)
		return
	}
	res.add("document-id", verifyOK, "文書ID "+id+" を添付ファイルから再計算し、記録・各ページ・文書情報と一致", "document ID "+id+" recomputed from the attachments matches the record, every page and the keywords")
}

// checkRerun runs the report's computation again on the attached sources
// (verify_rerun.go) and compares the assessment and the findings record.
func checkRerun(res *verifyResult, rec *report.Record, recFile *pdf.ExtractedFile, files []report.InputFile, cat *checklist.Catalog, catalogFile, password string) {
	if cat == nil || len(files) != len(rec.Inputs) {
		for _, id := range []string{"assessment", "findings"} {
			res.add(id, verifyUnverifiable, "再計算できない（管理基準または添付ファイルが揃っていない）", "cannot re-run: the catalogue or an attachment is missing")
		}
		return
	}
	got, err := rerunReport(rec, files, cat, catalogFile, password)
	if err != nil {
		for _, id := range []string{"assessment", "findings"} {
			ja, en := bilingual(err)
			res.add(id, verifyDiffers, "添付ファイルから再計算できない: "+ja, "re-running on the attachments failed: "+en)
		}
		return
	}
	if got.assessmentName == "" {
		res.add("assessment", verifyOK, "入力は取込結果（JSON）のため、読み取りの再実行は不要", "the input is an assessment JSON: nothing to read again")
	} else {
		compareRun(res, "assessment", got.assessmentName, got.assessmentWant, got.assessment, rec.RecordRulesVersion())
	}
	compareRun(res, "findings", recFile.Name, recFile.Data, got.record, rec.RecordRulesVersion())
}

// compareRun compares an attached JSON with its recomputed form, under
// the rules version v the report was made with.
func compareRun(res *verifyResult, id, name string, attached, recomputed []byte, v int) {
	if v != report.RulesVersion {
		compareUnderOtherRules(res, id, name, attached, recomputed, v)
		return
	}
	compareJSON(res, id, name, attached, recomputed)
}

// compareUnderOtherRules compares an attachment of a report made under
// rules version v (the assessment as read, or the findings record) with
// what this tool computes under its own (report.RulesVersion). A difference may come from the change of
// rules rather than from an edit of the record, so it is named as such
// (status "rules-changed"); it is still not an agreement (exit 1): only
// the tool that made the report can confirm the record itself.
func compareUnderOtherRules(res *verifyResult, id, name string, attached, recomputed []byte, v int) {
	var x, y map[string]any
	if json.Unmarshal(attached, &x) != nil || json.Unmarshal(recomputed, &y) != nil {
		compareJSON(res, id, name, attached, recomputed)
		return
	}
	delete(x, "rules_version")
	delete(y, "rules_version")
	var diffs []string
	diffJSON("", x, y, &diffs)
	if len(diffs) == 0 {
		res.add(id, verifyOK,
			fmt.Sprintf("%s は判定規則の版 %d で作成され、現在の版 %d で再計算しても結論は同じ", name, v, report.RulesVersion),
			fmt.Sprintf("%s was made under rules version %d; re-running under the current version %d gives the same conclusions", name, v, report.RulesVersion))
		return
	}
	shown := diffs
	if len(shown) > 20 {
		shown = append(shown[:20:20], fmt.Sprintf("… %d more", len(diffs)-20))
	}
	res.add(id, verifyRulesChanged,
		fmt.Sprintf("%s は判定規則の版 %d で作成された。現在の版 %d では %d 箇所で結論が異なる（最初: %s）。作成後に規則が変わったため差はそれによる可能性がある。記録そのものは作成時のツール（%s）の verify で確認すること", name, v, report.RulesVersion, len(diffs), diffs[0], res.Tool),
		fmt.Sprintf("%s was made under rules version %d; the current version %d concludes differently in %d places (first: %s). The rules changed since the report was made, which may explain it; check the record itself with verify of the tool that made it (%s)", name, v, report.RulesVersion, len(diffs), diffs[0], res.Tool), shown...)
}

// compareJSON compares an attached JSON with its recomputed form and names
// the paths that differ.
func compareJSON(res *verifyResult, id, name string, attached, recomputed []byte) {
	if bytes.Equal(attached, recomputed) {
		res.add(id, verifyOK, name+" は再計算の結果と一致", name+" matches the result of re-running")
		return
	}
	var x, y any
	if err := json.Unmarshal(attached, &x); err != nil {
		res.add(id, verifyDiffers, name+" はJSONとして読めない", name+" is not valid JSON", err.Error())
		return
	}
	_ = json.Unmarshal(recomputed, &y)
	var diffs []string
	diffJSON("", x, y, &diffs)
	if len(diffs) == 0 {
		diffs = []string{"(same values, different formatting)"}
	}
	shown := diffs
	if len(shown) > 20 {
		shown = append(shown[:20:20], fmt.Sprintf("… %d more", len(diffs)-20))
	}
	res.add(id, verifyDiffers, fmt.Sprintf("%s が再計算の結果と %d 箇所で異なる（最初: %s）", name, len(diffs), diffs[0]),
		fmt.Sprintf("%s differs from the result of re-running in %d places (first: %s)", name, len(diffs), diffs[0]), shown...)
}

// diffJSON lists the paths where two decoded JSON values differ.
func diffJSON(path string, x, y any, out *[]string) {
	if len(*out) > 1000 {
		return
	}
	switch xv := x.(type) {
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: embedded %s, recomputed %s", orRoot(path), short(x), short(y)))
			return
		}
		keys := map[string]bool{}
		for k := range xv {
			keys[k] = true
		}
		for k := range yv {
			keys[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			diffJSON(path+"."+k, xv[k], yv[k], out)
		}
	case []any:
		yv, ok := y.([]any)
		if !ok || len(xv) != len(yv) {
			*out = append(*out, fmt.Sprintf("%s: embedded %s, recomputed %s", orRoot(path), short(x), short(y)))
			return
		}
		for i := range xv {
			diffJSON(fmt.Sprintf("%s[%d]", path, i), xv[i], yv[i], out)
		}
	default:
		xb, _ := json.Marshal(x)
		yb, _ := json.Marshal(y)
		if !bytes.Equal(xb, yb) {
			*out = append(*out, fmt.Sprintf("%s: embedded %s, recomputed %s", orRoot(path), short(x), short(y)))
		}
	}
}

func orRoot(p string) string {
	if p == "" {
		return "(root)"
	}
	return strings.TrimPrefix(p, ".")
}

func short(v any) string {
	switch t := v.(type) {
	case []any:
		return fmt.Sprintf("a list of %d", len(t))
	case map[string]any:
		return fmt.Sprintf("an object of %d keys", len(t))
	case nil:
		return "nothing"
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

func (a *app) writeVerify(res *verifyResult, format string) error {
	var buf bytes.Buffer
	if format == "json" {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(&buf, a.msg("%s: 文書ID %s（%s）\n", "%s: document ID %s (%s)\n"), res.File, res.DocumentID, res.Tool)
		for _, c := range res.Checks {
			mark := a.msg("一致", "ok")
			switch c.Status {
			case verifyDiffers:
				mark = a.msg("相違", "DIFFERS")
			case verifyUnverifiable:
				mark = a.msg("検証不能", "UNVERIFIABLE")
			case verifyRulesChanged:
				mark = a.msg("規則変更", "RULES CHANGED")
			}
			fmt.Fprintf(&buf, "  [%s] %-12s %s\n", mark, c.ID, a.msg(c.JA, c.EN))
			if c.Status != verifyOK {
				for _, d := range c.Details {
					fmt.Fprintf(&buf, "      %s\n", d)
				}
			}
		}
		if res.Verdict == "agree" {
			fmt.Fprintln(&buf, a.msg("結果: すべて一致。報告書は添付ファイルから再現できる。", "Result: everything agrees; the report is reproduced from its attachments."))
		} else {
			fmt.Fprintln(&buf, a.msg("結果: 相違あり。上の［相違］［検証不能］［規則変更］の項目を確認すること。", "Result: something differs; see the checks marked above."))
		}
	}
	_, err := a.stdout.Write(buf.Bytes())
	return err
}
