package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// TestParseRequestEncodings: request files saved on Windows are read as
// the text they hold, or refused; never written as mojibake.
func TestParseRequestEncodings(t *testing.T) {
	const text = `{"agency": "架空省", "system": "申請受付システム", "date": "令和8年3月31日"}`
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"UTF-8", []byte(text), ""},
		{"UTF-8 with a BOM", append([]byte("\xef\xbb\xbf"), text...), ""},
		{"Shift-JIS (CP932)", sjis, ""},
		{"UTF-16 with a BOM", utf16, "UTF-16"},
		{"neither UTF-8 nor Shift-JIS", []byte("{\"agency\": \"\x81\x20\xff\"}"), "Shift-JIS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := parseRequest(bytes.NewReader(tt.data), "request.json")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, checklist.ErrInvalidInput) {
					t.Fatalf("err %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if req.Agency != "架空省" || req.System != "申請受付システム" || req.Date.String() != "2026-03-31" {
				t.Errorf("%+v", req)
			}
		})
	}
}
