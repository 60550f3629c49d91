// Package checklist is the domain of ismapcheck: the catalogue of the ISMAP
// basic statement requirements (基本言明要件), the answers a cloud service
// provider gives, the findings that need the agency's risk assessment, the
// agency's risk decisions and the interim-measure rules of the 2021-07-06
// decision.
//
// The package holds plain types and pure functions. It performs no file or
// network I/O and imports neither the spreadsheet nor the PDF library: the
// adapters under checklist/xlsx and checklist/pdf do that.
package checklist
