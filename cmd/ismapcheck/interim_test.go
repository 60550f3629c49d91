package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
)

var updateInterim = flag.Bool("update-interim", false, "rewrite the interim golden files in testdata/interim")

// interimJSON is the part of "interim check --format json" the tests read.
type interimJSON struct {
	Category   string  `json:"category"`
	Eligible   bool    `json:"eligible"`
	End        *string `json:"end"`
	Active     bool    `json:"active"`
	AsOf       string  `json:"as_of"`
	Missing    []string
	Conditions []struct {
		ID     string `json:"id"`
		Met    *bool  `json:"met"`
		Source string `json:"source"`
	} `json:"conditions"`
	Obligations []struct {
		ID     string `json:"id"`
		Source string `json:"source"`
	} `json:"obligations"`
	NotesEN []string `json:"notes_en"`
}

func decodeInterim(t *testing.T, out string) interimJSON {
	t.Helper()
	var v interimJSON
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return v
}

// Facts under which each category qualifies.
var (
	facts1i   = []string{"--alternative", "yes", "--contract-signed", "2021-07-05", "--contract-end", "2024-03-31", "--application", "expected"}
	facts1ii  = []string{"--alternative", "yes", "--application", "applied", "--migration-plan", "2022-03-31", "--migration-end", "2024-09-30"}
	facts1iii = []string{"--alternative", "yes", "--construction-start", "2021-07-05", "--contract-end", "2025-03-31", "--application", "expected"}
	facts2    = []string{"--alternative", "no", "--saas-awaiting-iaas", "yes", "--application", "expected"}
)

func interimArgs(cat, asOf string, facts []string, extra ...string) []string {
	args := []string{"interim", "check", "--format", "json", "--category", cat}
	if asOf != "" {
		args = append(args, "--as-of", asOf)
	}
	args = append(args, facts...)
	return append(args, extra...)
}

func TestInterimCheckJSON(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		eligible bool
		end      string // "" for null
		active   bool
		cond     string // a condition and its met: "true", "false", "null"
		met      string
	}{
		{"2-i ① active on 2021-09-30", interimArgs("legacy-1", "2021-09-30", []string{"--use-start", "2019-04-01", "--application", "expected"}),
			exitOK, true, "2021-09-30", true, "2-i-1.in-use-on-2020-10-01", "true"},
		{"2-i ① ended on 2021-10-01", interimArgs("legacy-1", "2021-10-01", []string{"--use-start", "2019-04-01", "--application", "expected"}),
			exitFindings, true, "2021-09-30", false, "", ""},
		{"2-i ② capped at 2022-03-31", interimArgs("legacy-2", "2022-03-31", []string{"--use-start", "2021-09-01", "--application", "expected"}),
			exitOK, true, "2022-03-31", true, "2-i-2.use-started-from-2020-10-01", "true"},
		// 2021-07-06 decision, 2-i ②, 「令和2年10月1日以降」: the day itself counts.
		{"2-i ② start 2020-10-01 ends 2021-09-30", interimArgs("legacy-2", "2021-09-30", []string{"--use-start", "2020-10-01", "--application", "expected"}),
			exitOK, true, "2021-09-30", true, "2-i-2.use-started-from-2020-10-01", "true"},
		{"2-i ② start 2020-09-30 is not case ②", interimArgs("legacy-2", "2021-09-30", []string{"--use-start", "2020-09-30", "--application", "expected"}),
			exitFindings, false, "", false, "2-i-2.use-started-from-2020-10-01", "false"},
		{"2-i ① start 2020-10-01 ends 2021-09-30 too", interimArgs("legacy-1", "2021-09-30", []string{"--use-start", "2020-10-01", "--application", "expected"}),
			exitOK, true, "2021-09-30", true, "2-i-1.in-use-on-2020-10-01", "true"},
		{"2-i ② use start given in 和暦", interimArgs("legacy-2", "R3.6.1", []string{"--use-start", "令和3年1月15日", "--application", "expected"}),
			exitOK, true, "2022-01-14", true, "", ""},
		{"2-ii 類型①-i signed 2021-07-05", interimArgs("1-i", "2023-01-01", facts1i),
			exitOK, true, "2024-03-31", true, "2-ii-1-i.multi-year-contract", "true"},
		// 2021-07-06 decision, 2-ii 類型①-i, 「本決定以降」: the day of the decision is excluded.
		{"2-ii 類型①-i signed 2021-07-06 excluded", interimArgs("1-i", "2023-01-01", facts1i, "--contract-signed", "2021-07-06"),
			exitFindings, false, "", false, "2-ii-1-i.multi-year-contract", "false"},
		{"2-ii 類型①-i signed 2021-07-07 excluded", interimArgs("1-i", "2023-01-01", facts1i, "--contract-signed", "2021-07-07"),
			exitFindings, false, "", false, "2-ii-1-i.multi-year-contract", "false"},
		{"2-ii 類型①-i extension honoured", interimArgs("類型①-i", "2024-06-01", facts1i, "--contract-extended-to", "令和6年9月30日"),
			exitOK, true, "2024-09-30", true, "2-ii-1-i.extension-after-contract-end", "true"},
		{"2-ii 類型①-i missing application named", interimArgs("1-i", "2023-01-01", facts1i[:6]),
			exitFindings, false, "", false, "2-ii-1-i.application-expected", "null"},
		{"2-ii (参考) application none", interimArgs("1-i", "2023-01-01", facts1i, "--application", "none"),
			exitFindings, false, "", false, "2-ii-1-i.application-expected", "false"},
		{"2-ii 類型①-ii plan fixed 2022-03-31", interimArgs("1-ii", "2023-01-01", facts1ii),
			exitOK, true, "2024-09-30", true, "2-ii-1-ii.migration-plan-by-2022-03-31", "true"},
		// 2021-07-06 decision, 2-ii 類型①-ii, 「申請がなされ」: an expected application is not one made.
		{"2-ii 類型①-ii expected application fails", interimArgs("1-ii", "2023-01-01", facts1ii, "--application", "expected"),
			exitFindings, false, "", false, "2-ii-1-ii.alternative-applied", "false"},
		{"2-ii 類型①-ii registered alternative meets", interimArgs("1-ii", "2023-01-01", facts1ii, "--application", "registered"),
			exitOK, true, "2024-09-30", true, "2-ii-1-ii.alternative-applied", "true"},
		// --alternative-application names the alternative's status and
		// wins over --application (kept for 1-ii, where it meant the same).
		{"2-ii 類型①-ii --alternative-application expected fails", interimArgs("1-ii", "2023-01-01", facts1ii, "--alternative-application", "expected"),
			exitFindings, false, "", false, "2-ii-1-ii.alternative-applied", "false"},
		{"2-ii 類型② with a plan to an applied alternative falls under 類型①-ii", interimArgs("2", "2022-06-01", []string{"--alternative", "yes", "--saas-awaiting-iaas", "yes",
			"--application", "expected", "--alternative-application", "applied", "--migration-plan", "2021-12-01", "--migration-end", "2024-09-30",
			"--contract-signed", "2021-07-06", "--contract-end", "2024-03-31", "--construction-start", "2021-07-06"}),
			exitFindings, false, "", false, "2-ii-2.outside-category-1", "false"},
		{"2-ii 類型①-ii plan fixed 2022-04-01 fails", interimArgs("1-ii", "2023-01-01", facts1ii, "--migration-plan", "2022-04-01"),
			exitFindings, false, "", false, "2-ii-1-ii.migration-plan-by-2022-03-31", "false"},
		{"2-ii 類型①-iii construction 2021-07-05", interimArgs("1-iii", "2023-01-01", facts1iii),
			exitOK, true, "2025-03-31", true, "2-ii-1-iii.construction-started-before-decision", "true"},
		// 2021-07-06 decision, 2-ii 類型①-iii, 「本決定以降」: the day of the decision is excluded.
		{"2-ii 類型①-iii construction 2021-07-06 excluded", interimArgs("1-iii", "2023-01-01", facts1iii, "--construction-start", "2021-07-06"),
			exitFindings, false, "", false, "2-ii-1-iii.construction-started-before-decision", "false"},
		{"2-ii 類型①-iii construction 2021-07-07 excluded", interimArgs("1-iii", "2023-01-01", facts1iii, "--construction-start", "2021-07-07"),
			exitFindings, false, "", false, "2-ii-1-iii.construction-started-before-decision", "false"},
		{"2-ii 類型①-iii extension honoured", interimArgs("1-iii", "2025-06-30", facts1iii, "--contract-extended-to", "2025-06-30"),
			exitOK, true, "2025-06-30", true, "", ""},
		{"2-ii 類型② active on 2023-03-31", interimArgs("2", "2023-03-31", facts2),
			exitOK, true, "2023-03-31", true, "2-ii-2.outside-category-1", "true"},
		// 2021-07-06 decision, 2-ii 類型②, 「類型①-i ~ iii 以外で」.
		{"2-ii 類型② that is 類型①-i on the same facts", interimArgs("2", "2022-06-01", facts2, "--alternative", "yes", "--contract-signed", "2021-07-05", "--contract-end", "2024-03-31"),
			exitFindings, false, "", false, "2-ii-2.outside-category-1", "false"},
		{"2-ii 類型② with an alternative but 類型①-i..iii facts unstated", interimArgs("2", "2022-06-01", facts2, "--alternative", "yes"),
			exitFindings, false, "", false, "2-ii-2.outside-category-1", "null"},
		// 2021-07-06 decision, 2: the new period did not exist before 2021-07-06.
		{"2-ii 類型② as of 2021-07-05 not yet set", interimArgs("2", "2021-07-05", facts2),
			exitFindings, true, "2023-03-31", false, "", ""},
		{"2-ii 類型② as of 2021-07-06 active", interimArgs("2", "2021-07-06", facts2),
			exitOK, true, "2023-03-31", true, "", ""},
		{"2-ii 類型② ended on 2023-04-01", interimArgs("2", "2023-04-01", facts2),
			exitFindings, true, "2023-03-31", false, "", ""},
		{"2-ii 類型② as of defaults to today (2026-03-31)", interimArgs("2", "", facts2),
			exitFindings, true, "2023-03-31", false, "", ""},
		{"2-ii 類型② Japanese yes/no answers", interimArgs("類型②", "2022-06-01", []string{"--alternative", "なし", "--saas-awaiting-iaas", "はい", "--application", "申請見込み"}),
			exitOK, true, "2023-03-31", true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, stderr)
			}
			v := decodeInterim(t, out)
			end := ""
			if v.End != nil {
				end = *v.End
			}
			if v.Eligible != tt.eligible || end != tt.end || v.Active != tt.active {
				t.Fatalf("eligible %v end %q active %v, want %v %q %v\n%s", v.Eligible, end, v.Active, tt.eligible, tt.end, tt.active, out)
			}
			if tt.cond == "" {
				return
			}
			for _, c := range v.Conditions {
				if c.ID != tt.cond {
					continue
				}
				got := "null"
				if c.Met != nil {
					got = map[bool]string{true: "true", false: "false"}[*c.Met]
				}
				if got != tt.met {
					t.Fatalf("condition %s met %s, want %s", c.ID, got, tt.met)
				}
				if !strings.HasPrefix(c.Source, "2-") {
					t.Fatalf("condition %s source %q", c.ID, c.Source)
				}
				return
			}
			t.Fatalf("no condition %s in\n%s", tt.cond, out)
		})
	}
}

func TestInterimCheckJSONShape(t *testing.T) {
	out, _ := mustRunCLI(t, exitFindings, interimArgs("1-i", "2023-01-01", facts1i[:6])...)
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"category", "eligible", "end", "active", "conditions", "obligations"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing from\n%s", k, out)
		}
	}
	if m["end"] != nil || m["eligible"] != false || m["category"] != "1-i" {
		t.Errorf("category %v eligible %v end %v", m["category"], m["eligible"], m["end"])
	}
	if !strings.Contains(out, `"met": null`) || !strings.Contains(out, `"application"`) {
		t.Errorf("missing fact not shown as met null and named:\n%s", out)
	}
	if _, ok := m["obligations"].([]any); !ok {
		t.Errorf("obligations is not a list: %v", m["obligations"])
	}
}

func TestInterimCheckUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"bad date names the flag", []string{"interim", "check", "--category", "1-i", "--contract-signed", "2021-02-30"}, "--contract-signed"},
		{"平成32年 rejected", []string{"interim", "check", "--category", "legacy-1", "--use-start", "平成32年1月1日"}, "--use-start"},
		{"bad as-of names the flag", []string{"interim", "check", "--category", "2", "--as-of", "soon"}, "--as-of"},
		{"bad category", []string{"interim", "check", "--category", "3"}, "--category"},
		{"no category", []string{"interim", "check"}, "--category"},
		{"bad application", []string{"interim", "check", "--category", "2", "--application", "maybe"}, "--application"},
		{"bad yes/no", []string{"interim", "check", "--category", "2", "--alternative", "perhaps"}, "--alternative"},
		{"bad saas yes/no", []string{"interim", "check", "--category", "2", "--saas-awaiting-iaas", "x"}, "--saas-awaiting-iaas"},
		{"bad format", []string{"interim", "check", "--category", "2", "--format", "xml"}, "--format"},
		{"bad agency type", []string{"interim", "check", "--category", "2", "--agency-type", "company"}, "--agency-type"},
		{"unknown flag", []string{"interim", "check", "--category", "2", "--no-such"}, "no-such"},
		{"categories bad format", []string{"interim", "categories", "--format", "xml"}, "--format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, tt.args...)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitUsage, out, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Fatalf("stderr does not name %s:\n%s", tt.want, stderr)
			}
		})
	}
}

// writeAssessment writes an assessment JSON with the given cover (every
// requirement 適合) under dir.
func writeAssessment(t *testing.T, dir string, cover checklist.Cover) string {
	t.Helper()
	p := writeAssessmentJSON(t, dir, "assessment.json", nil)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var as checklist.Assessment
	if err := json.Unmarshal(b, &as); err != nil {
		t.Fatal(err)
	}
	as.Cover = cover
	if b, err = json.Marshal(as); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInterimCheckFrom(t *testing.T) {
	good := checklist.Cover{
		Request: checklist.Request{InterimCategory: "1-i", ContractEnd: checklist.Date{Year: 2024, Month: 3, Day: 31}},
		Interim: checklist.InterimFacts{
			Alternative:    "yes",
			ContractSigned: checklist.Date{Year: 2021, Month: 7, Day: 5},
			Application:    "expected",
		},
	}
	t.Run("facts and category from the cover", func(t *testing.T) {
		p := writeAssessment(t, t.TempDir(), good)
		out, _ := mustRunCLI(t, exitOK, "interim", "check", "--format", "json", "--from", p, "--as-of", "2023-01-01")
		v := decodeInterim(t, out)
		if v.Category != "1-i" || !v.Active || v.End == nil || *v.End != "2024-03-31" {
			t.Fatalf("%+v", v)
		}
	})
	t.Run("flags override the cover", func(t *testing.T) {
		p := writeAssessment(t, t.TempDir(), good)
		out, _ := mustRunCLI(t, exitFindings, "interim", "check", "--format", "json", "--from", p, "--as-of", "2023-01-01",
			"--contract-signed", "2021-07-06")
		if v := decodeInterim(t, out); v.Eligible {
			t.Fatalf("flag did not override the cover: %+v", v)
		}
		out, _ = mustRunCLI(t, exitOK, "interim", "check", "--format", "json", "--from", p, "--as-of", "2024-06-01",
			"--contract-extended-to", "2024-09-30")
		if v := decodeInterim(t, out); v.End == nil || *v.End != "2024-09-30" {
			t.Fatalf("extension flag ignored: %+v", v)
		}
	})
	t.Run("--category overrides the cover's category", func(t *testing.T) {
		p := writeAssessment(t, t.TempDir(), good)
		out, _ := mustRunCLI(t, exitFindings, "interim", "check", "--format", "json", "--from", p, "--as-of", "2023-01-01", "--category", "1-iii")
		if v := decodeInterim(t, out); v.Category != "1-iii" || len(v.Missing) != 1 || v.Missing[0] != "construction-start" {
			t.Fatalf("%+v", v)
		}
	})
	t.Run("a cover stating none needs --category", func(t *testing.T) {
		c := good
		c.Request.InterimCategory = "none"
		p := writeAssessment(t, t.TempDir(), c)
		_, stderr, code := runCLI(t, "interim", "check", "--from", p)
		if code != exitUsage || !strings.Contains(stderr, "--category") {
			t.Fatalf("exit %d stderr %s", code, stderr)
		}
	})
	t.Run("an unreadable cover category is bad input", func(t *testing.T) {
		c := good
		c.Request.InterimCategory = "type 9"
		p := writeAssessment(t, t.TempDir(), c)
		_, stderr, code := runCLI(t, "interim", "check", "--from", p)
		if code != exitInput || !strings.Contains(stderr, "type 9") {
			t.Fatalf("exit %d stderr %s", code, stderr)
		}
	})
	t.Run("a missing file is bad input", func(t *testing.T) {
		_, stderr, code := runCLI(t, "interim", "check", "--category", "2", "--from", filepath.Join(t.TempDir(), "none.json"))
		if code != exitInput || !strings.Contains(stderr, "none.json") {
			t.Fatalf("exit %d stderr %s", code, stderr)
		}
	})
	t.Run("a file that is not JSON is bad input", func(t *testing.T) {
		p := writeAssessment(t, t.TempDir(), good)
		b, _ := os.ReadFile(p)
		if err := os.WriteFile(p, b[:len(b)/2], 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runCLI(t, "interim", "check", "--from", p)
		if code != exitInput {
			t.Fatalf("exit %d stderr %s", code, stderr)
		}
	})
	t.Run("a bad date in the file is bad input", func(t *testing.T) {
		p := writeAssessment(t, t.TempDir(), good)
		b, _ := os.ReadFile(p)
		b = []byte(strings.Replace(string(b), `"2021-07-05"`, `"2021-02-30"`, 1))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runCLI(t, "interim", "check", "--from", p)
		if code != exitInput || !strings.Contains(stderr, "2021-02-30") {
			t.Fatalf("exit %d stderr %s", code, stderr)
		}
	})
}

func TestInterimCheckFromWorkbook(t *testing.T) {
	// The facts come from the cover of a workbook the CSP filled in, read by
	// the same reader as ingest.
	dir := t.TempDir()
	blank := filepath.Join(dir, "blank.xlsx")
	mustRunCLI(t, exitOK, "generate", "-o", blank, "--date", "2023-01-10", "--interim-category", "2", "--service-model", "SaaS")
	in, err := os.ReadFile(blank)
	if err != nil {
		t.Fatal(err)
	}
	var filled bytes.Buffer
	facts := checklist.InterimFacts{Alternative: "no", SaaSAwaitingIaaS: "yes", Application: "expected"}
	if err := xlsx.Fill(bytes.NewReader(in), &filled, nil, checklist.CSPCover{}, facts, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "answered.xlsx")
	if err := os.WriteFile(p, filled.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRunCLI(t, exitOK, "interim", "check", "--format", "json", "--from", p, "--as-of", "2023-03-31")
	if v := decodeInterim(t, out); v.Category != "2" || !v.Active {
		t.Fatalf("%+v", v)
	}
	// A flag still overrides what the cover says.
	mustRunCLI(t, exitFindings, "interim", "check", "--from", p, "--as-of", "2023-03-31", "--application", "none")
}

func TestInterimCheckText(t *testing.T) {
	tests := []struct {
		name   string
		golden string
		args   []string
		code   int
		want   []string
	}{
		{"ja active with extension", "check-1-i-ja.txt",
			append(interimArgs("1-i", "2024-06-01", facts1i, "--contract-extended-to", "2024-09-30"), "--format", "text"), exitOK,
			[]string{"令和6年9月30日（2024-09-30）", "令和6年6月1日（2024-06-01）", "2-ii-1-i.multi-year-contract", "basic-statement-check", "[充足]"}},
		{"en ended, no extension", "check-2-en.txt",
			append([]string{"--lang", "en"}, append(interimArgs("2", "2023-04-01", facts2), "--format", "text")...), exitFindings,
			[]string{"2023-03-31 (令和5年3月31日)", "no extension", "principle-use.migrate", "[met]"}},
		{"ja missing fact named", "check-1-ii-missing-ja.txt",
			append(interimArgs("1-ii", "2022-01-01", []string{"--alternative", "yes"}), "--format", "text"), exitFindings,
			[]string{"判定できません", "--alternative-application", "--migration-plan", "[不明]"}},
		{"ja agency type before 2022-04-01", "check-2-agency-ja.txt",
			append(interimArgs("2", "2022-03-31", facts2, "--agency-type", "独立行政法人"), "--format", "text"), exitOK,
			[]string{"まだISMAPの対象ではありません", "令和4年4月1日（2022-04-01）"}},
		{"en 類型② that falls under 類型①-i", "check-2-falls-under-1-i-en.txt",
			append([]string{"--lang", "en"}, append(interimArgs("2", "2022-06-01", facts2, "--alternative", "yes", "--contract-signed", "2021-07-05", "--contract-end", "2024-03-31"), "--format", "text")...), exitFindings,
			[]string{"not category 2: the case falls under 1-i", "--category 1-i"}},
		{"ja 類型①-iii as of 2021-07-05, not yet set", "check-1-iii-not-yet-set-ja.txt",
			append(interimArgs("1-iii", "2021-07-05", facts1iii), "--format", "text"), exitFindings,
			[]string{"まだ設けられていない", "令和3年7月5日（2021-07-05）"}},
		{"en 2-i ① active lists the follow-up duty", "check-legacy-1-en.txt",
			append([]string{"--lang", "en"}, append(interimArgs("legacy-1", "2021-09-30", []string{"--use-start", "2020-10-01", "--application", "expected"}), "--format", "text")...), exitOK,
			[]string{"legacy.follow-up-after-report"}},
		{"en agency type from 2022-04-01", "check-2-agency-en.txt",
			append([]string{"--lang", "en"}, append(interimArgs("2", "2022-04-01", facts2, "--agency-type", "designated-corporation"), "--format", "text")...), exitOK,
			[]string{"covered by ISMAP from 2022-04-01 (3)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, out, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			again, _, _ := runCLI(t, tt.args...)
			if again != out {
				t.Errorf("two runs differ")
			}
			checkInterimGolden(t, tt.golden, out)
		})
	}
}

func checkInterimGolden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "interim", name)
	if *updateInterim {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("golden file: %v (run go test -run TestInterim -update-interim)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (go test -run TestInterim -update-interim to accept):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

func TestInterimCategories(t *testing.T) {
	out, _ := mustRunCLI(t, exitOK, "interim", "categories")
	for _, w := range []string{"legacy-1", "legacy-2", "1-iii", "2-ii 類型②", "令和5年3月31日（2023-03-31）まで", "令和4年3月31日（2022-03-31）が上限"} {
		if !strings.Contains(out, w) {
			t.Errorf("categories lacks %q:\n%s", w, out)
		}
	}
	out, _ = mustRunCLI(t, exitOK, "interim", "categories", "--format", "json")
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 6 {
		t.Fatalf("%v: %s", err, out)
	}
	if rows[5]["category"] != "2" || rows[5]["end_rule_en"] != "until 2023-03-31" {
		t.Errorf("last row %v", rows[5])
	}
}
