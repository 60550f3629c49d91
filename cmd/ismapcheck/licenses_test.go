package main

import (
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/templates"
)

func TestLicensesPrintsFontAndModules(t *testing.T) {
	out, _ := mustRunCLI(t, exitOK, "licenses")
	for _, want := range []string{
		"IPAフォントライセンスv1.0", "IPA Font License Agreement v1.0",
		"sRGB2014.icc", "International Color Consortium, and may be copied",
		"codeberg.org/go-pdf/fpdf v0.12.0", "github.com/spf13/cobra v1.10.2",
		"github.com/rivo/uniseg v0.4.7", "github.com/xuri/excelize/v2 v2.11.1",
		"golang.org/x/text v0.43.0", "Apache License", "MIT License", "BSD 3-Clause License",
		"Copyright (c) 2019 Oliver Kuederle", "Copyright 2009 The Go Authors",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("licenses output lacks %q", want)
		}
	}
	// The Go distribution and golang.org/x/* ship one text: printed once.
	if n := strings.Count(out, "Copyright 2009 The Go Authors."); n != 1 {
		t.Errorf("the Go Authors' licence printed %d times, want once (grouped)", n)
	}
}

// TestLicensesCoverEveryLinkedModule compares the notices with the modules
// the binary really links, so a new dependency cannot ship without its
// licence.
func TestLicensesCoverEveryLinkedModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{with .Module}}{{.Path}} {{.Version}}{{end}}", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	have := map[string]string{}
	for _, n := range templates.Notices() {
		have[n.Module] = n.Version
	}
	var missing []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(l)
		if len(f) != 2 { // the main module has no version
			continue
		}
		if v, ok := have[f[0]]; !ok || v != f[1] {
			missing = append(missing, l)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("modules linked without a matching notice in templates/licenses.go:\n%s", strings.Join(missing, "\n"))
	}
}
