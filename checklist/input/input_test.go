package input

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data string
		want Kind
	}{
		{"assessment", `{"kind":"ismapcheck.assessment","answers":[]}`, KindAssessment},
		{"assessment with BOM and space", "\xef\xbb\xbf \n{\"kind\":\"ismapcheck.assessment\"}", KindAssessment},
		{"assessment before kind", `{"schema_version":1,"answers":[]}`, KindAssessment},
		{"findings", `{"kind":"ismapcheck.findings"}`, KindFindings},
		{"findings before kind", `{"schema_version":1,"findings":[]}`, KindFindings},
		{"other kind", `{"kind":"x","answers":[]}`, KindJSON},
		{"other JSON", `{"a":1}`, KindJSON},
		{"broken JSON", `{"a":`, KindJSON},
		{"OLE2 (xls or encrypted)", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", KindWorkbook},
		{"zip that is no workbook", "PK\x03\x04junk", KindWorkbook},
		{"text", "hello", KindOther},
		{"empty", "", KindOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.data)); got != tt.want {
				t.Errorf("Sniff = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.json")
	content := []byte(`{"kind":"ismapcheck.assessment"}`)
	if err := os.WriteFile(file, content, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("a regular file, read once and hashed", func(t *testing.T) {
		s, err := Open(file, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(s.Bytes, content) || s.Name != "a.json" || s.Path != file || s.Kind != KindAssessment ||
			s.SHA256 != sha(content) {
			t.Errorf("%+v", s)
		}
	})
	t.Run("standard input", func(t *testing.T) {
		s, err := Open("-", Options{Stdin: bytes.NewReader(content)})
		if err != nil || s.Name != "stdin" || s.Path != "-" || !bytes.Equal(s.Bytes, content) {
			t.Fatalf("%+v %v", s, err)
		}
	})
	tests := []struct {
		name string
		path string
		opt  Options
		want string
		is   error
	}{
		{"a directory", dir, Options{}, "directory", checklist.ErrInvalidInput},
		{"missing", filepath.Join(dir, "none.json"), Options{}, "none.json", checklist.ErrInvalidInput},
		{"too large, refused before reading", file, Options{MaxSize: 5}, "too large", xlsx.ErrTooLarge},
		{"standard input too large", "-", Options{MaxSize: 5, Stdin: strings.NewReader("123456")}, "too large", xlsx.ErrTooLarge},
		{"no standard input", "-", Options{}, "standard input", checklist.ErrInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(tt.path, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, tt.is) {
				t.Fatalf("err %v, want %q wrapping %v", err, tt.want, tt.is)
			}
		})
	}
}

func sha(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
