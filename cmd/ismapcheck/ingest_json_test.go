package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// TestAssessmentJSON: the fast encoding of ingest gives encodeAssessment's
// bytes, on the demo's assessments and on texts with every kind of escape.
func TestAssessmentJSON(t *testing.T) {
	dir := runDemo(t)
	for _, name := range []string{"03-assessment-round1.json", "08-assessment-round2.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			var as checklist.Assessment
			if err := json.Unmarshal(data, &as); err != nil {
				t.Fatal(err)
			}
			checkAssessmentJSON(t, &as)
		})
	}
	for _, tt := range []struct{ name, text string }{
		{"empty", ""},
		{"quotes and backslashes", `a "b" \c\\ \"`},
		{"HTML and JSON punctuation", `<a href="x">&amp;</a> {[,:]}`},
		{"control characters", "a\x00\x01\t\n\r\x1f\x7f"},
		{"C1 control", "a\u0085b\u009f"},
		{"bidirectional controls", "\u202e\u200f\u061c\u2066abc"},
		{"Latin-1 and other E2 runes", "§°× – — ’ … €"},
		{"invalid UTF-8", "a\xffb\xc2"},
		{"line separators", "\u2028\u2029"},
		{"Japanese", "基本言明要件（全角：）"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			as := &checklist.Assessment{
				Kind: tt.text, Edition: tt.text,
				Messages: []checklist.Message{{Code: tt.text, TextJA: tt.text, TextEN: tt.text}},
			}
			checkAssessmentJSON(t, as)
		})
	}
}

func checkAssessmentJSON(t *testing.T, as *checklist.Assessment) {
	t.Helper()
	want, err := encodeAssessment(as)
	if err != nil {
		t.Fatal(err)
	}
	got, err := assessmentJSON(as)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("assessmentJSON differs from encodeAssessment:\n%s\nwant\n%s", got, want)
	}
}

// FuzzIndentJSON: indentJSON indents what encoding/json writes as
// json.Indent does.
func FuzzIndentJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{"b":"c\"d\\"},[]],"e":{}}`, `"x"`, `[null,true,1.5e3]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v any
		if json.Unmarshal(b, &v) != nil {
			return
		}
		compact, err := json.Marshal(v)
		if err != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact, "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indentJSON(nil, compact); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indentJSON %q\nwant %q", got, want.Bytes())
		}
	})
}

// TestMayBeTermUnsafe: every rune jsonSafe escapes is found, whatever
// surrounds it.
func TestMayBeTermUnsafe(t *testing.T) {
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) || !termUnsafe(r) {
			continue
		}
		b := utf8.AppendRune([]byte(`"a`), r)
		if !mayBeTermUnsafe(b) || !mayBeTermUnsafe(append(b, `b"`...)) {
			t.Errorf("%U not found", r)
		}
	}
	if mayBeTermUnsafe([]byte(`"§ 基本 – ’"`)) {
		t.Error("safe text taken for unsafe")
	}
}

// encodeAssessment is the plain recipe assessmentJSON must match byte for
// byte: encoding/json indenting, HTML not escaped, then jsonSafe.
func encodeAssessment(as *checklist.Assessment) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(as); err != nil {
		return nil, err
	}
	return jsonSafe(buf.Bytes()), nil
}
