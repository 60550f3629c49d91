// Package report builds the model of the finding report from the domain:
// Build maps an Input (catalogue, assessment, findings, risk decisions,
// interim verdict, input files) onto a Report of plain sections, tables
// and paragraphs, in Japanese or English. It is pure like checklist: no
// PDF, spreadsheet or CLI library and no I/O (deps_test.go), so the
// model can be tested as data (testdata/*.json); checklist/pdf only
// draws it.
package report
