package main

import (
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// dateField is a date flag as typed and the field it sets.
type dateField struct {
	flag string
	val  string
	dst  *checklist.Date
}

// setDateFields sets the field of every flag in fields that set reports
// as given: a blank value clears it, a date that does not parse is a
// usage error naming the flag. generate and interim check share it, so
// their date flags behave alike.
func setDateFields(set func(string) bool, fields []dateField) error {
	for _, d := range fields {
		if !set(d.flag) {
			continue
		}
		if strings.TrimSpace(d.val) == "" {
			*d.dst = checklist.Date{}
			continue
		}
		v, err := checklist.ParseDate(d.val)
		if err != nil {
			return usagef("--%s: %v", d.flag, err)
		}
		*d.dst = v
	}
	return nil
}
