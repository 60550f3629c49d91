// Package pdf renders the Japanese finding report as an A4 PDF with
// codeberg.org/go-pdf/fpdf. It draws a plain render model (Report) built
// by the caller, wraps Japanese text itself (UAX #14 plus 禁則処理, since
// fpdf's MultiCell drops characters at CJK line breaks), replaces runes
// the font cannot show, and embeds attachments through an incremental
// update appended to the finished file, so fpdf's bookmarks keep pointing
// at the right pages.
package pdf
