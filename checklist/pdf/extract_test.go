package pdf

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestExtractRoundTrip(t *testing.T) {
	rep := sampleReport()
	data, lay := renderSample(t, rep)
	ex, err := Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Files) != len(rep.Attachments) {
		t.Fatalf("%d files, want %d", len(ex.Files), len(rep.Attachments))
	}
	for i, a := range rep.Attachments {
		f := ex.Files[i]
		if f.Name != a.Name || !bytes.Equal(f.Data, a.Data) || f.MIME != a.MIME || f.Description != a.Description {
			t.Errorf("file %d: got %q %q %q, want %q %q %q", i, f.Name, f.MIME, f.Description, a.Name, a.MIME, a.Description)
		}
	}
	if len(ex.Pages) != lay.Pages {
		t.Errorf("%d pages of text, want %d", len(ex.Pages), lay.Pages)
	}
	if !strings.Contains(strings.Join(ex.Pages, ""), strings.Repeat("ab", 32)) {
		t.Error("the page text lacks the SHA-256 of Appendix B")
	}
	if ex.TrailerID != FileID(ex.Body) {
		t.Errorf("trailer ID %s, content hash %s", ex.TrailerID, FileID(ex.Body))
	}
}

func TestExtractRejects(t *testing.T) {
	good, _ := renderSample(t, sampleReport())
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not a PDF", []byte("PK\x03\x04 a zip")},
		{"no startxref", []byte("%PDF-1.7\n%%EOF\n")},
		{"startxref beyond the file", []byte("%PDF-1.7\nstartxref\n99999\n%%EOF\n")},
		{"truncated", good[:len(good)/2]},
		{"xref stream", []byte("%PDF-1.7\n1 0 obj\n<< /Type /XRef >>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n")},
		{"name tree loop", []byte("%PDF-1.7\n1 0 obj\n<< /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>\nendobj\n3 0 obj\n<< /Kids [3 0 R 3 0 R 3 0 R] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000000 65535 f \n0000000077 00000 n \ntrailer\n<< /Root 1 0 R >>\nstartxref\n124\n%%EOF\n")},
		{"loop", []byte("%PDF-1.7\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Prev 9 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Extract(tt.data); !errors.Is(err, ErrNotReport) {
				t.Errorf("err %v, want ErrNotReport", err)
			}
		})
	}
}

// FuzzExtract: no input makes Extract panic or hang, and every error is
// ErrNotReport.
func FuzzExtract(f *testing.F) {
	good, _ := renderSample(f, sampleReport())
	f.Add(good)
	f.Add(good[len(good)-2000:])
	f.Add([]byte("%PDF-1.7\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Root 1 0 R /Size 2 >>\nstartxref\n9\n%%EOF\n"))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<< /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>\nendobj\n3 0 obj\n<< /Kids [3 0 R 3 0 R 3 0 R] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000000 65535 f \n0000000077 00000 n \ntrailer\n<< /Root 1 0 R >>\nstartxref\n124\n%%EOF\n"))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Root 1 0 R >>\nstartxref\n51\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := Extract(data); err != nil && !errors.Is(err, ErrNotReport) {
			t.Errorf("error %v does not wrap ErrNotReport", err)
		}
	})
}

// TestAttachmentStreams checks how each attachment is embedded: a zip
// package (the workbooks) as it is, since deflating it again gains
// nothing; anything else (the JSON) deflated. Both extract unchanged.
func TestAttachmentStreams(t *testing.T) {
	rep := sampleReport()
	data, _ := renderSample(t, rep)
	for _, a := range rep.Attachments {
		dict := regexp.MustCompile(`/Type /EmbeddedFile /Subtype ` + regexp.QuoteMeta(pdfName(a.MIME)) +
			` /Length \d+( /Filter /FlateDecode)? /Params << /Size ` + strconv.Itoa(len(a.Data)) + ` `).FindSubmatch(data)
		if dict == nil {
			t.Fatalf("%s: no embedded-file dictionary", a.Name)
		}
		deflated := len(dict[1]) > 0
		switch a.MIME {
		case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
			if deflated || !bytes.Contains(data, a.Data) {
				t.Errorf("%s: deflated %v; want the bytes as they are", a.Name, deflated)
			}
		case "application/json":
			if !deflated {
				t.Errorf("%s: stored without a filter; want FlateDecode", a.Name)
			}
		}
	}
	ex, err := Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range rep.Attachments {
		if !bytes.Equal(ex.Files[i].Data, a.Data) {
			t.Errorf("%s extracts with different bytes", a.Name)
		}
	}
}
