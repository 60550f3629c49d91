package input

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// The schema check of the strict assessment reader: walk compares the
// decoded JSON with the Go types it will be decoded into, one function per
// kind of value.

var (
	dateType     = reflect.TypeFor[checklist.Date]()
	statusType   = reflect.TypeFor[checklist.Status]()
	respType     = reflect.TypeFor[checklist.Responsibility]()
	severityType = reflect.TypeFor[checklist.Severity]()
	reISODate    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// canonical lists the values an enumerated string type may take.
func canonical(t reflect.Type) ([]string, bool) {
	var out []string
	switch t {
	case statusType:
		for _, s := range append(append([]checklist.Status(nil), checklist.Statuses...), checklist.StatusUnanswered) {
			out = append(out, string(s))
		}
	case respType:
		out = append(out, "")
		for _, r := range checklist.Responsibilities {
			out = append(out, string(r))
		}
	case severityType:
		out = []string{string(checklist.SeverityError), string(checklist.SeverityWarning)}
	default:
		return nil, false
	}
	return out, true
}

// walk checks a decoded JSON value against the Go type it will be decoded
// into: no unknown field, the right JSON type, canonical enumerations and
// dates. It names the path of the first problem.
func walk(v any, t reflect.Type, path string) error {
	if t == dateType {
		return walkDate(v, path)
	}
	switch t.Kind() {
	case reflect.String:
		return walkString(v, t, path)
	case reflect.Int, reflect.Int64:
		return walkInt(v, path)
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return wrongType(v, "true or false", path)
		}
	case reflect.Slice:
		return walkArray(v, t, path)
	case reflect.Map:
		return walkMap(v, t, path)
	case reflect.Struct:
		return walkStruct(v, t, path)
	}
	return nil
}

// wrongType is a value at path that is not the JSON type want.
func wrongType(v any, want, path string) error {
	return &JSONError{Path: path,
		JA: fmt.Sprintf("%s が必要ですが %s です", want, jsonValue(v)),
		EN: fmt.Sprintf("want %s, got %s", want, jsonValue(v))}
}

// walkDate checks a checklist.Date: "" or a real date written YYYY-MM-DD.
func walkDate(v any, path string) error {
	s, ok := v.(string)
	if !ok {
		return wrongType(v, "a date string (YYYY-MM-DD)", path)
	}
	if s == "" {
		return nil
	}
	d, err := checklist.ParseDate(s)
	if !reISODate.MatchString(s) || err != nil || d.String() != s {
		return &JSONError{Path: path,
			JA: fmt.Sprintf("日付 %q は YYYY-MM-DD 形式の実在する日付ではありません", s),
			EN: fmt.Sprintf("date %q is not a real date written YYYY-MM-DD", s)}
	}
	return nil
}

// walkString checks a string, and an enumerated one (status,
// responsibility, severity) against its canonical values.
func walkString(v any, t reflect.Type, path string) error {
	s, ok := v.(string)
	if !ok {
		return wrongType(v, "a string", path)
	}
	allowed, enum := canonical(t)
	if !enum {
		return nil
	}
	for _, a := range allowed {
		if s == a {
			return nil
		}
	}
	var shown []string
	for _, a := range allowed {
		if a != "" {
			shown = append(shown, a)
		}
	}
	return &JSONError{Path: path,
		JA: fmt.Sprintf("%q は使えない値です（%s のいずれか）", s, strings.Join(shown, ", ")),
		EN: fmt.Sprintf("%q is not an allowed value (one of %s)", s, strings.Join(shown, ", "))}
}

// walkInt checks an integer that fits 64 bits.
func walkInt(v any, path string) error {
	n, ok := v.(json.Number)
	if !ok {
		return wrongType(v, "an integer", path)
	}
	if _, err := strconv.ParseInt(n.String(), 10, 64); err != nil {
		return wrongType(v, "an integer", path)
	}
	return nil
}

// walkArray checks an array (or null) and each element, in order.
func walkArray(v any, t reflect.Type, path string) error {
	if v == nil {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		return wrongType(v, "an array", path)
	}
	for i, e := range arr {
		if err := walk(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// walkMap checks an object (or null) read into a Go map, each value in key
// order.
func walkMap(v any, t reflect.Type, path string) error {
	if v == nil {
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return wrongType(v, "an object", path)
	}
	for _, k := range sortedKeys(obj) {
		if err := walk(obj[k], t.Elem(), join(path, k)); err != nil {
			return err
		}
	}
	return nil
}

// walkStruct checks an object read into a Go struct: every key a field of
// the struct, each value in key order.
func walkStruct(v any, t reflect.Type, path string) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return wrongType(v, "an object", path)
	}
	fields := jsonFields(t)
	for _, k := range sortedKeys(obj) {
		ft, known := fields[k]
		if !known {
			return &JSONError{Path: join(path, k), JA: "評価結果にない項目です", EN: "not a field of an assessment"}
		}
		if err := walk(obj[k], ft, join(path, k)); err != nil {
			return err
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// sortedKeys: deterministic, the first problem in key order.
func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

// jsonFields maps the JSON names of t's fields to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}
