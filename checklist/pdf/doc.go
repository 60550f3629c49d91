// Package pdf renders the finding report as an A4 PDF/A-3 with
// codeberg.org/go-pdf/fpdf. It draws the plain model that
// checklist/report builds (report.Report); the only text of its own is
// the table of characters it had to replace (report.ReplacedList). It wraps Japanese text itself (UAX #14 plus 禁則処理, since fpdf's
// MultiCell drops characters at CJK line breaks), replaces runes the font
// cannot show, embeds attachments through an incremental update appended
// to the finished file, so fpdf's bookmarks keep pointing at the right
// pages, and reads its own reports back for verify (Extract).
package pdf
