package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestPasswordSources: the password of an encrypted workbook works on
// every command that reads a workbook, and may come from a file or the
// environment instead of the command line.
func TestPasswordSources(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(ingestGoodWorkbook(t)))
	if err != nil {
		t.Fatal(err)
	}
	var enc bytes.Buffer
	if err := f.Write(&enc, excelize.Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dir := t.TempDir()
	in := ingestWriteFile(t, dir, "locked.xlsx", enc.Bytes())
	pwFile := ingestWriteFile(t, dir, "pw.txt", []byte("pw\r\n"))
	for _, command := range [][]string{{"findings", in}, {"interim", "check", "--category", "2", "--from", in}, {"ingest", in}} {
		name := command[0]
		t.Run(name+"/none", func(t *testing.T) {
			if _, stderr, code := runCLI(t, command...); code != exitInput || !strings.Contains(stderr, "--password") {
				t.Errorf("exit %d: %s", code, stderr)
			}
		})
		for _, extra := range [][]string{{"--password", "pw"}, {"--password-file", pwFile}} {
			t.Run(name+"/"+extra[0], func(t *testing.T) {
				if _, stderr, code := runCLI(t, append(command, extra...)...); code != exitOK && code != exitFindings {
					t.Errorf("exit %d: %s", code, stderr)
				}
			})
		}
		t.Run(name+"/environment", func(t *testing.T) {
			t.Setenv(passwordEnv, "pw")
			if _, stderr, code := runCLI(t, command...); code != exitOK && code != exitFindings {
				t.Errorf("exit %d: %s", code, stderr)
			}
		})
	}
	t.Run("both flags", func(t *testing.T) {
		if _, _, code := runCLI(t, "findings", in, "--password", "pw", "--password-file", pwFile); code != exitUsage {
			t.Errorf("exit %d, want %d", code, exitUsage)
		}
	})
}

// TestBounds: --max-size takes sane values only; --font is capped before
// it is read.
func TestBounds(t *testing.T) {
	dir := t.TempDir()
	good := writeAssessmentJSON(t, dir, "good.json", nil)
	for _, v := range []string{"0", "-1", strconv.FormatInt(1<<40, 10)} {
		t.Run("max-size "+v, func(t *testing.T) {
			for _, cmd := range [][]string{{"findings", good}, {"ingest", good}} {
				if _, stderr, code := runCLI(t, append(cmd, "--max-size", v)...); code != exitUsage || !strings.Contains(stderr, "--max-size") {
					t.Errorf("%s: exit %d: %s", cmd[0], code, stderr)
				}
			}
		})
	}
	t.Run("a file over --max-size is refused", func(t *testing.T) {
		if _, stderr, code := runCLI(t, "findings", good, "--max-size", "100"); code != exitInput || !strings.Contains(stderr, "--max-size") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("font over 64 MiB", func(t *testing.T) {
		font := filepath.Join(dir, "huge.ttf")
		fh, err := os.Create(font)
		if err != nil {
			t.Fatal(err)
		}
		if err := fh.Truncate(maxFontSize + 1); err != nil { // sparse: nothing is written
			t.Fatal(err)
		}
		fh.Close()
		out := filepath.Join(dir, "r.pdf")
		_, stderr, code := runCLI(t, "report", good, "--font", font, "-o", out)
		if code != exitInput || !strings.Contains(stderr, "huge.ttf") || strings.Contains(stderr, "--max-size") {
			t.Errorf("exit %d: %s", code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("a report was written")
		}
	})
}
