package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// generatedCoverValue returns the displayed value of a cover field of a workbook.
func generatedCoverValue(t *testing.T, path, key string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, cf := range xlsx.CoverFields {
		if cf.Key == key {
			v, err := f.GetCellValue(xlsx.SheetCover, xlsx.CoverValueCol+strconv.Itoa(xlsx.CoverFirstRow+i))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
	}
	t.Fatalf("no cover field %q", key)
	return ""
}

func generatedMetaValue(t *testing.T, path, key string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(xlsx.SheetMeta)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) >= 2 && r[0] == key {
			return r[1]
		}
	}
	return ""
}

func TestGenerateWritesWorkbook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "checklist.xlsx")
	stdout, _ := mustRunCLI(t, exitOK, "generate", "-o", out, "--agency", "架空省", "--service-model", "saas",
		"--due", "令和8年4月30日", "--contract-start", "R8.4.1", "--reference", "=1+1", "--labels", "ja")
	for _, want := range []string{out, "2022-04-01", "234", xlsx.SheetChecklist} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary %q does not mention %q", stdout, want)
		}
	}
	for key, want := range map[string]string{"agency": "架空省", "service_model": "SaaS", "due": "2026-04-30",
		"contract_start": "2026-04-01", "reference": "=1+1", "date": "2026-03-31"} {
		if got := generatedCoverValue(t, out, key); got != want {
			t.Errorf("cover %s = %q, want %q", key, got, want)
		}
	}
	if got := generatedMetaValue(t, out, xlsx.MetaLabels); got != "ja" {
		t.Errorf("labels %q, want ja", got)
	}
	if got := generatedMetaValue(t, out, xlsx.MetaGenerated); got != "2026-03-31" {
		t.Errorf("generated %q, want the injected today 2026-03-31", got)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp*")); len(matches) > 0 {
		t.Errorf("temporary files left behind: %v", matches)
	}
}

func TestGenerateRefusesExistingFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "checklist.xlsx")
	if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "generate", "-o", out)
	if code != exitUsage || !strings.Contains(stderr, "--force") {
		t.Fatalf("exit %d, stderr %q; want exit %d mentioning --force", code, stderr, exitUsage)
	}
	if b, _ := os.ReadFile(out); string(b) != "keep me" {
		t.Fatal("the existing file was changed")
	}
	mustRunCLI(t, exitOK, "generate", "-o", out, "--force")
	if _, err := excelize.OpenFile(out); err != nil {
		t.Fatalf("after --force: %v", err)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	var files [2][]byte
	for i := range files {
		out := filepath.Join(dir, "c"+strconv.Itoa(i)+".xlsx")
		mustRunCLI(t, exitOK, "generate", "-o", out, "--request", filepath.Join("..", "..", "testdata", "request.json"), "--date", "2026-03-01")
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two runs with the same inputs and --date differ")
	}
}

func TestGenerateRequestFile(t *testing.T) {
	dir := t.TempDir()
	req := filepath.Join("..", "..", "testdata", "request.json")
	t.Run("values", func(t *testing.T) {
		out := filepath.Join(dir, "a.xlsx")
		mustRunCLI(t, exitOK, "generate", "-o", out, "--request", req)
		for key, want := range map[string]string{"agency": "架空省", "contract_end": "2029-03-31", "due": "2026-04-30", "interim_category": "なし / none", "date": "2026-03-31"} {
			if got := generatedCoverValue(t, out, key); got != want {
				t.Errorf("cover %s = %q, want %q", key, got, want)
			}
		}
	})
	t.Run("flags win", func(t *testing.T) {
		out := filepath.Join(dir, "b.xlsx")
		mustRunCLI(t, exitOK, "generate", "-o", out, "--request", req, "--agency", "別の省", "--due", "2026-05-15", "--service-model", "PaaS")
		for key, want := range map[string]string{"agency": "別の省", "due": "2026-05-15", "service_model": "PaaS", "csp": "サンプルクラウド株式会社"} {
			if got := generatedCoverValue(t, out, key); got != want {
				t.Errorf("cover %s = %q, want %q", key, got, want)
			}
		}
	})
	good, err := os.ReadFile(req)
	if err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		name, from, to, want string
	}{
		{"unknown field", `"agency"`, `"agencyy"`, `"agencyy"`},
		{"bad date", `"R8.4.30"`, `"R8.4.31"`, "R8.4.31"},
		{"bad service model", `"SaaS"`, `"XaaS"`, "service_model"},
		{"bad interim category", `"none"`, `"3"`, "interim_category"},
		{"wrong type", `"架空省"`, `42`, "agency"},
		{"not JSON", `{`, `[`, "request"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
			if err := os.WriteFile(p, []byte(strings.Replace(string(good), tt.from, tt.to, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "bad.xlsx")
			_, stderr, code := runCLI(t, "generate", "-o", out, "--request", p)
			if code != exitInput || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, p) {
				t.Errorf("exit %d, stderr %q; want exit %d naming %q and the file", code, stderr, exitInput, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a workbook was written for a bad request")
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		if _, _, code := runCLI(t, "generate", "-o", filepath.Join(dir, "m.xlsx"), "--request", filepath.Join(dir, "nope.json")); code != exitInput {
			t.Errorf("exit %d, want %d", code, exitInput)
		}
	})
}

func TestGenerateBadFlags(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no output", nil, "-o"},
		{"service model", []string{"--service-model", "XaaS"}, "--service-model"},
		{"interim category", []string{"--interim-category", "1-iv"}, "--interim-category"},
		{"labels", []string{"--labels", "fr"}, "--labels"},
		{"date", []string{"--date", "2026-02-30"}, "--date"},
		{"due", []string{"--due", "令和元年4月1日"}, "--due"},
		{"contract start", []string{"--contract-start", "tomorrow"}, "--contract-start"},
		{"contract end", []string{"--contract-end", "2026/13/01"}, "--contract-end"},
		{"contract reversed", []string{"--contract-start", "2027-01-01", "--contract-end", "2026-01-01"}, "before it starts"},
		{"edition", []string{"--edition", "1999-01-01"}, "1999-01-01"},
		{"extra argument", []string{"extra"}, "extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"generate"}
			if tt.name != "no output" {
				args = append(args, "-o", filepath.Join(dir, "x.xlsx"))
			}
			_, stderr, code := runCLI(t, append(args, tt.args...)...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d naming %q", code, stderr, exitUsage, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x.xlsx")); err == nil {
		t.Error("a workbook was written despite a bad flag")
	}
}
