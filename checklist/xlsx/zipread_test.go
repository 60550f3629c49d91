package xlsx

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestTokenReaderMatchesToken: the RawToken-based reader refuses what
// Decoder.Token refuses, with the same error, and passes the rest.
func TestTokenReaderMatchesToken(t *testing.T) {
	for _, tt := range []struct{ name, doc string }{
		{"well-formed", `<a xmlns="u" xmlns:x="v"><x:b r="1"/><c>t</c></a>`},
		{"mismatched end tag", "<a>\n<b></c></a>"},
		{"end tag with another prefix", `<x:a xmlns:x="u" xmlns:y="u"></y:a>`},
		{"end tag without the prefix", `<x:a xmlns:x="u"></a>`},
		{"stray end tag", `<a/></b>`},
		{"left open", "<a><b>text"},
		{"truncated inside a tag", `<a><b r="1`},
		{"no root", ``},
		{"text only", `hello`},
		{"bad entity", `<a>&nope;</a>`},
		{"two roots", `<a/><b/>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := drain(newDecoder(strings.NewReader(tt.doc)).Token)
			got := drain(newTokenReader(strings.NewReader(tt.doc)).Token)
			if got != want {
				t.Errorf("tokenReader: %s\nToken:       %s", got, want)
			}
		})
	}
}

// drain reads tokens to the end and describes how it ended.
func drain(next func() (xml.Token, error)) string {
	n := 0
	for {
		_, err := next()
		if err == io.EOF {
			return fmt.Sprintf("%d tokens, EOF", n)
		}
		if err != nil {
			return fmt.Sprintf("%d tokens, %v", n, err)
		}
		n++
	}
}
