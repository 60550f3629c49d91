package xlsx

import "github.com/ismapcheck/ismapcheck/checklist"

// Label languages of a generated workbook (--labels).
const (
	LabelsJA   = "ja"   // Japanese only
	LabelsEN   = "en"   // English only
	LabelsBoth = "both" // Japanese with English beneath (the default)
)

// LabelSep joins the Japanese and English form of a drop-down entry in a
// workbook written with --labels both, e.g. "適合 / Conforms". When both
// forms are the same ("CSP") the entry is written once. The reader accepts
// the Japanese, the English and this combined form whatever the workbook
// says.
const LabelSep = " / "

// ValidLabels reports whether s is a --labels value.
func ValidLabels(s string) bool { return s == LabelsJA || s == LabelsEN || s == LabelsBoth }

// DropDownLabel returns the drop-down entry for a value whose Japanese and
// English labels are ja and en, in the form --labels asks for.
func DropDownLabel(ja, en, labels string) string {
	switch labels {
	case LabelsJA:
		return ja
	case LabelsEN:
		return en
	}
	if ja == en {
		return ja
	}
	return ja + LabelSep + en
}

// StatusLabel is the drop-down entry for s.
func StatusLabel(s checklist.Status, labels string) string {
	return DropDownLabel(s.LabelJA(), s.LabelEN(), labels)
}

// ResponsibilityLabel is the drop-down entry for r.
func ResponsibilityLabel(r checklist.Responsibility, labels string) string {
	return DropDownLabel(r.LabelJA(), r.LabelEN(), labels)
}

// StatusLabels lists the status drop-down entries in order.
func StatusLabels(labels string) []string {
	out := make([]string, len(checklist.Statuses))
	for i, s := range checklist.Statuses {
		out[i] = StatusLabel(s, labels)
	}
	return out
}

// ResponsibilityLabels lists the 責任分界 drop-down entries in order.
func ResponsibilityLabels(labels string) []string {
	out := make([]string, len(checklist.Responsibilities))
	for i, r := range checklist.Responsibilities {
		out[i] = ResponsibilityLabel(r, labels)
	}
	return out
}

// text returns ja, en or both (ja, a line break, en) as --labels asks;
// an empty side falls back to the other.
func text(ja, en, labels string) string {
	switch {
	case ja == "":
		return en
	case en == "":
		return ja
	}
	switch labels {
	case LabelsJA:
		return ja
	case LabelsEN:
		return en
	}
	if ja == en {
		return ja
	}
	return ja + "\n" + en
}
