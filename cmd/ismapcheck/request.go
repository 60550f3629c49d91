package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"golang.org/x/text/encoding/japanese"
)

// The request file (generate --request FILE) is JSON with the field names
// of checklist.Request:
//
//	{
//	  "agency": "…",
//	  "agency_type": "ministry | independent-agency | designated-corporation",
//	  "division": "…", "contact": "…", "system": "…",
//	  "csp": "…", "service": "…",
//	  "service_model": "IaaS | PaaS | SaaS",
//	  "interim_category": "1-i | 1-ii | 1-iii | 2 | none",
//	  "contract_start": "2026-04-01", "contract_end": "令和11年3月31日",
//	  "due": "R8.4.30", "reference": "…", "date": "2026-03-31"
//	}
//
// Every field is optional; dates are read like the date flags (ISO or
// 和暦). A field the schema does not know is an error naming it, so a typo
// never silently drops a value. JSON only: the standard library reads it,
// and YAML would add a dependency for no gain on a flat record.

// maxRequestBytes bounds a request file; a real one is a few hundred bytes.
const maxRequestBytes = 1 << 20

// loadRequest reads a request file.
func loadRequest(path string) (checklist.Request, error) {
	src, err := input.Open(path, input.Options{MaxSize: maxRequestBytes, FixedSize: true})
	if err != nil {
		return checklist.Request{}, err
	}
	return parseRequest(bytes.NewReader(src.Bytes), path)
}

// parseRequest decodes a request file and checks its choice fields.
func parseRequest(r io.Reader, name string) (checklist.Request, error) {
	var req checklist.Request
	data, err := io.ReadAll(io.LimitReader(r, maxRequestBytes+1))
	if err != nil {
		return req, fmt.Errorf("%w: reading request file %q: %v", checklist.ErrInvalidInput, name, err)
	}
	if len(data) > maxRequestBytes {
		return req, fmt.Errorf("%w: request file %q is larger than %d bytes", checklist.ErrInvalidInput, name, maxRequestBytes)
	}
	if data, err = requestUTF8(data, name); err != nil {
		return req, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, fmt.Errorf("%w: request file %q: %v", checklist.ErrInvalidInput, name, describeRequestJSONError(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return req, fmt.Errorf("%w: request file %q: more than one JSON object", checklist.ErrInvalidInput, name)
	}
	if req.ServiceModel != "" {
		v, ok := requestServiceModel(req.ServiceModel)
		if !ok {
			return req, fmt.Errorf("%w: request file %q: service_model must be IaaS, PaaS or SaaS, not %q", checklist.ErrInvalidInput, name, req.ServiceModel)
		}
		req.ServiceModel = v
	}
	if req.AgencyType != "" {
		k, err := checklist.ParseOrganizationKind(string(req.AgencyType))
		if err != nil {
			return req, fmt.Errorf("%w: request file %q: agency_type must be ministry, independent-agency or designated-corporation, not %q", checklist.ErrInvalidInput, name, req.AgencyType)
		}
		req.AgencyType = k
	}
	if req.InterimCategory != "" {
		v, ok := requestInterimCategory(req.InterimCategory)
		if !ok {
			return req, fmt.Errorf("%w: request file %q: interim_category must be 1-i, 1-ii, 1-iii, 2 or none, not %q", checklist.ErrInvalidInput, name, req.InterimCategory)
		}
		req.InterimCategory = v
	}
	return req, nil
}

// requestUTF8 returns the request file as UTF-8. Files saved on Windows
// come as UTF-8 with a byte-order mark (Notepad) or as Shift-JIS (CP932,
// "ANSI"): a BOM is dropped, and bytes that are not UTF-8 are decoded as
// CP932 when every byte decodes; otherwise the file is refused, so that
// mojibake never reaches a locked cell of the workbook.
func requestUTF8(data []byte, name string) ([]byte, error) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, &checklist.CellError{File: name, Err: checklist.ErrInvalidInput,
			JA: "UTF-16 のファイルは読めません。UTF-8 で保存してください",
			EN: "UTF-16 is not supported; save the file as UTF-8"}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data, nil
	}
	dec, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(dec) || bytes.ContainsRune(dec, utf8.RuneError) {
		return nil, &checklist.CellError{File: name, Err: checklist.ErrInvalidInput,
			JA: "文字コードが UTF-8 でもシフトJIS（CP932）でもありません。UTF-8 で保存してください",
			EN: "the file is neither UTF-8 nor Shift-JIS (CP932); save it as UTF-8"}
	}
	return dec, nil
}

// describeRequestJSONError turns encoding/json errors into a short message that
// names the field.
func describeRequestJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("not valid JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q must be a %s, not a JSON %s", te.Field, te.Type, te.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field ") +
			" (known: agency, agency_type, division, contact, system, csp, service, service_model, interim_category, contract_start, contract_end, due, reference, date)"
	case errors.Is(err, io.EOF):
		return "empty file"
	}
	return err.Error()
}

// requestServiceModel accepts IaaS, PaaS, SaaS in any case.
func requestServiceModel(s string) (string, bool) {
	for _, m := range []string{"IaaS", "PaaS", "SaaS"} {
		if strings.EqualFold(strings.TrimSpace(s), m) {
			return m, true
		}
	}
	return "", false
}

// requestInterimCategory accepts the interim-measure categories of the
// 2021-07-06 decision: 1-i, 1-ii, 1-iii (類型①-i…iii), 2 (類型②) or none.
func requestInterimCategory(s string) (string, bool) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch v {
	case "1-i", "1-ii", "1-iii", "2", "none":
		return v, true
	}
	return "", false
}
