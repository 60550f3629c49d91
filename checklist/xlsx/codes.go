package xlsx

import "github.com/ismapcheck/ismapcheck/checklist"

// Message codes of an assessment. They are stable: scripts may match on
// them. Severity E = error (the CLI exits 1), W = warning.
//
//	code                      sev  meaning
//	macros_ignored            W    the workbook carries VBA macros (.xlsm); they were not run
//	metadata_missing          W    the hidden metadata sheet is gone; the checklist was found by its labels
//	edition_unknown           W    the workbook does not say which edition it was generated from
//	edition_mismatch          E    the workbook's edition differs from the catalogue used (both named)
//	edition_fingerprint       W    same edition ID, but the catalogue file differs from the one generated from
//	sheet_renamed             W    the checklist was found on another sheet than the generated one
//	header_moved              W    the header row is not where the workbook was generated with it
//	column_moved              W    a checklist column is not in its generated column
//	column_missing            E/W  an answer column (E) or the title/summary column (W) is missing
//	missing_id                E    a requirement of the catalogue has no row (deleted row)
//	duplicate_id              E    two rows carry the same requirement ID (both cells named)
//	unknown_id                E/W  a row's ID is not a requirement of the catalogue (E when it holds answers)
//	answer_on_heading         W    an answer cell filled on a heading row
//	orphan_cell               W    a value in an answer column of a row without an ID (below the table, …)
//	extra_cell                W    values in a column that is not part of the checklist
//	text_changed              E    a locked title or summary cell differs from the catalogue
//	formula                   E    a formula in a cell the reader uses; its cached value is not trusted
//	formula_ignored           W    a formula elsewhere in the workbook (not used)
//	invalid_status            E    the status is none of the allowed values (listed in the message)
//	invalid_responsibility    E    the responsibility is none of the allowed values
//	invalid_date              E    a date cell holds no date this tool reads
//	text_too_long             W    a cell holds more than 32,767 characters (Excel's limit); kept whole
//	na_on_governance_management
//	                          W    対象外 on a governance or management item: they apply in principle, all of
//	                               them, so it is a known answer that falls short (was na_not_allowed, E)
//	na_without_reason         E/W  対象外 without a reason (W on a governance or management item)
//	objective_conforms_b_short
//	                          W    a B control 一部適合 / 不適合 / 対象外 under an objective answered 適合
//	inherited_unregistered    W    responsibility 継承 while the cover does not say the underlying service is registered
//	shortfall_without_reason  W    一部適合 / 不適合 without a reason
//	shortfall_without_date    W    一部適合 / 不適合 without a planned date
//	planned_date_past         W    the planned date lies before the reading date
//	b_without_evidence        W    適合 on a B detailed control without evidence
//	cover_missing             E    the cover sheet cannot be found
//	cover_field_missing       W    a cover field cannot be found (label changed, row deleted)
//	cover_orphan              W    a value on the cover outside the fields
//	invalid_choice            E    a cover choice is none of the allowed values (listed)
//	invalid_email             W    the respondent e-mail has no "@"
//	extra_sheet               W    a sheet the workbook was not generated with holds values (not read)
//
// The codes of the answer rules (na_on_governance_management …
// inherited_unregistered) are checklist.RuleCode values: the rules are
// checklist.CheckAnswer and checklist.CheckAnswers, and the names below
// are aliases of them.
//
// A hash stored in the workbook (edition_sha256 in the metadata) only says
// which catalogue the workbook was generated from; it is no proof that the
// locked cells are unchanged, since the respondent can recompute it. The
// reader therefore compares every locked title and summary with the
// catalogue itself.
const (
	CodeMacros             = "macros_ignored"
	CodeMetadataMissing    = "metadata_missing"
	CodeEditionUnknown     = "edition_unknown"
	CodeEditionMismatch    = "edition_mismatch"
	CodeEditionFingerprint = "edition_fingerprint"
	CodeSheetRenamed       = "sheet_renamed"
	CodeHeaderMoved        = "header_moved"
	CodeColumnMoved        = "column_moved"
	CodeColumnMissing      = "column_missing"
	CodeMissingID          = "missing_id"
	CodeDuplicateID        = "duplicate_id"
	CodeUnknownID          = "unknown_id"
	CodeAnswerOnHeading    = "answer_on_heading"
	CodeOrphanCell         = "orphan_cell"
	CodeExtraCell          = "extra_cell"
	CodeTextChanged        = "text_changed"
	CodeFormula            = "formula"
	CodeFormulaIgnored     = "formula_ignored"
	CodeInvalidStatus      = "invalid_status"
	CodeInvalidResp        = "invalid_responsibility"
	CodeInvalidDate        = "invalid_date"
	CodeTextTooLong        = "text_too_long"
	CodeNAOnGovMgmt        = string(checklist.RuleNAOnGovMgmt)
	CodeNAWithoutReason    = string(checklist.RuleNAWithoutReason)
	CodeShortfallNoReason  = string(checklist.RuleShortfallWithoutReason)
	CodeShortfallNoDate    = string(checklist.RuleShortfallWithoutDate)
	CodePlannedDatePast    = string(checklist.RulePlannedDatePast)
	CodeBWithoutEvidence   = string(checklist.RuleBWithoutEvidence)
	CodeCoverMissing       = "cover_missing"
	CodeCoverFieldMissing  = "cover_field_missing"
	CodeCoverOrphan        = "cover_orphan"
	CodeInvalidChoice      = "invalid_choice"
	CodeInvalidEmail       = "invalid_email"
	CodeExtraSheet         = "extra_sheet"

	CodeObjectiveConformsBShort = string(checklist.RuleObjectiveConformsBShort)
	CodeInheritedUnregistered   = string(checklist.RuleInheritedUnregistered)
)

// MaxCellChars is Excel's limit on the characters (UTF-16 code units) of
// one cell. Longer text can only come from a tool writing the XML directly;
// it is kept whole and reported (text_too_long).
const MaxCellChars = 32767

// MaxSheetText bounds the text of all cells of one sheet as read, a
// shared string counted once per cell that uses it.
const MaxSheetText = 64 << 20
