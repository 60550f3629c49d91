package xlsx

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// TestCoverFieldsRoundTrip checks the one cover table: every field's
// setter stores what its getter returns, into its own field of the cover
// only, and every choice's stored value reads back as that choice.
func TestCoverFieldsRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	d := checklist.Date{Year: 2026, Month: time.March, Day: 31}
	for _, f := range CoverFields {
		t.Run(f.Key, func(t *testing.T) {
			if seen[f.Key] {
				t.Fatalf("key %q twice", f.Key)
			}
			seen[f.Key] = true
			if f.Get == nil || f.Set == nil || f.LabelJA == "" || f.LabelEN == "" {
				t.Fatalf("field %q lacks a getter, setter or label", f.Key)
			}
			var c checklist.Cover
			text := "値 value"
			if len(f.Choices) > 0 {
				text = f.Choices[len(f.Choices)-1].Value
			}
			f.Set(&c, text, d)
			v, got := f.Get(&c)
			switch {
			case f.Kind == "date":
				if v != "" || got != d {
					t.Errorf("Get = %q, %v after Set(%v)", v, got, d)
				}
			case strings.HasPrefix(f.Key, "cert_"):
				// A certificate reads back the way a CSP types it; an
				// "other" one without a "name:" prefix gets the name
				// "other" (as before the table).
				want := "値 value"
				if f.Key == "cert_other" {
					want = "other: " + want
				}
				if v != want {
					t.Errorf("Get = %q, want %q", v, want)
				}
			default:
				if v != text || !got.IsZero() {
					t.Errorf("Get = %q, %v after Set(%q)", v, got, text)
				}
			}
			// No other field sees the value.
			for _, o := range CoverFields {
				if o.Key == f.Key {
					continue
				}
				if ov, od := o.Get(&c); ov != "" || !od.IsZero() {
					t.Errorf("setting %s also set %s = %q, %v", f.Key, o.Key, ov, od)
				}
			}
			if reflect.DeepEqual(c, checklist.Cover{}) {
				t.Errorf("Set left the cover empty")
			}
			values := map[string]bool{}
			for _, ch := range f.Choices {
				if values[ch.Value] {
					t.Errorf("stored value %q twice", ch.Value)
				}
				values[ch.Value] = true
				if got, ok := parseChoice(f, ch.Value); !ok || got != ch.Value {
					t.Errorf("parseChoice(%q) = %q, %v", ch.Value, got, ok)
				}
				if got, ok := parseChoice(f, ch.Entry); !ok || got != ch.Value {
					t.Errorf("parseChoice(%q) = %q, %v, want %q", ch.Entry, got, ok, ch.Value)
				}
				if got := choiceEntry(f, ch.Value); got != ch.Entry {
					t.Errorf("choiceEntry(%q) = %q, want %q", ch.Value, got, ch.Entry)
				}
			}
		})
	}
}
