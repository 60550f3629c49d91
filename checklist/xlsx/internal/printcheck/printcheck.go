// Package printcheck renders a workbook with LibreOffice and checks the
// printed pages: A4, nothing past the page edge, no type under 8 pt. It
// is for tests; they skip when LibreOffice or poppler is not installed.
package printcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
)

// Render converts workbooks (name → xlsx bytes) to PDF with one
// LibreOffice run, with the embedded IPAex font visible to it, and
// returns the PDF path per name. It skips the test when soffice or
// pdftotext is missing, or in -short mode.
func Render(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir}
	out := map[string]string{}
	for name, data := range files {
		in := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
		out[name] = filepath.Join(dir, name+".pdf")
	}
	_, self, _, _ := runtime.Caller(0)
	fonts := filepath.Join(filepath.Dir(self), "..", "..", "templates", "fonts")
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, []byte(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>`+fonts+`</dir><cachedir>`+filepath.Join(dir, "fc")+`</cachedir></fontconfig>`), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+conf)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	return out
}

var (
	rePage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	reWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">`)
)

// Check reads the words of every page (pdftotext -bbox) and fails
// when a page is not A4, a word reaches past the page edge, or a word is
// smaller than 8 pt. LibreOffice's word boxes are 1.3 times the type
// size (measured), so 8 pt is a box 10.4 pt high.
func Check(t *testing.T, pdf string) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := rePage.FindAllSubmatchIndex(out, -1)
	if len(pages) == 0 {
		t.Fatal("no pages")
	}
	for i, p := range pages {
		end := len(out)
		if i+1 < len(pages) {
			end = pages[i+1][0]
		}
		w, _ := strconv.ParseFloat(string(out[p[2]:p[3]]), 64)
		h, _ := strconv.ParseFloat(string(out[p[4]:p[5]]), 64)
		if !(a4(w, h) || a4(h, w)) {
			t.Errorf("page %d is %.0f×%.0f pt, not A4", i+1, w, h)
		}
		for _, m := range reWord.FindAllSubmatch(out[p[1]:end], -1) {
			x1, _ := strconv.ParseFloat(string(m[3]), 64)
			y0, _ := strconv.ParseFloat(string(m[2]), 64)
			y1, _ := strconv.ParseFloat(string(m[4]), 64)
			if x1 > w+0.5 {
				t.Errorf("page %d: a word ends at x=%.0f, past the page edge %.0f (cut off)", i+1, x1, w)
				break
			}
			if y1-y0 < 10.4-0.3 {
				t.Errorf("page %d: a word prints at %.1f pt, under 8 pt", i+1, (y1-y0)/1.3)
				break
			}
		}
	}
}

func a4(w, h float64) bool { return w > 594 && w < 597 && h > 840 && h < 843 }
