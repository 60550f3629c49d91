package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// FuzzParseRequest feeds arbitrary bytes to the generate --request reader.
// It must never panic; every refusal must wrap ErrInvalidInput (exit code
// 3); and whatever it accepts must survive a round trip: marshalling the
// Request and reading it again gives the same Request, so a request file
// the tool writes back (or a user copies from its output) reads the same.
func FuzzParseRequest(f *testing.F) {
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "request.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	for _, s := range []string{
		``,
		`{}`,
		`null`,
		`[]`,
		`{"agency": "架空省"} {"agency": "二つ目"}`,
		`{"agency": "架空省", "agencyy": "typo"}`,                   // unknown field
		`{"due": "2026-02-30"}`,                                  // no such day
		`{"due": "令和元年5月1日", "date": "R8.3.31"}`,                 // 和暦
		`{"contract_end": "平成31年5月1日"}`,                          // after the end of the era
		`{"contract_start": "２０２６年４月１日"}`,                        // full-width digits
		`{"date": 20260331}`,                                     // wrong type
		`{"agency": ["a"], "csp": {"x": 1}}`,                     // wrong types
		`{"service_model": "saas ", "interim_category": "1-II"}`, // case and space
		`{"service_model": "FaaS"}`,
		`{"interim_category": "3"}`,
		`{"agency": "\u0000\ud800=cmd|' /C calc'!A0"}`,                              // NUL, lone surrogate, formula text
		`{"agency": "` + strings.Repeat("長", 4096) + `"}`,                           // huge string
		`{"agency": ` + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + `}`, // deep nesting
		`{"agency": "x", "AGENCY": "y"}`,                                            // encoding/json matches names case-insensitively
		"\xef\xbb\xbf{}",                                                            // BOM
		"{\"agency\": \"\xff\xfe\"}",                                                // invalid UTF-8 inside a string
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := parseRequest(bytes.NewReader(data), "request.json")
		if err != nil {
			if !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		if req.ServiceModel != "" {
			if _, ok := requestServiceModel(req.ServiceModel); !ok {
				t.Fatalf("accepted service_model %q", req.ServiceModel)
			}
		}
		if req.InterimCategory != "" {
			if _, ok := requestInterimCategory(req.InterimCategory); !ok {
				t.Fatalf("accepted interim_category %q", req.InterimCategory)
			}
		}
		out, err := json.Marshal(req)
		if err != nil {
			t.Fatalf("marshalling %+v: %v", req, err)
		}
		again, err := parseRequest(bytes.NewReader(out), "again.json")
		if err != nil {
			t.Fatalf("the marshalled request %s does not read back: %v", out, err)
		}
		if again != req {
			t.Fatalf("round trip changed the request:\nfirst  %+v\nsecond %+v\njson   %s", req, again, out)
		}
	})
}
