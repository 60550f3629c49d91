package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// fpdf writes its own attachments before the page objects, while its
// bookmarks and links assume page n is object 1+2n; with an attachment
// every bookmark points at the wrong object. So the PDF is rendered
// without attachments and they are added by an incremental update (ISO
// 32000-1, 7.5.6): the original bytes stay untouched, and appended are
// one EmbeddedFile stream and one Filespec per file, an EmbeddedFiles
// name tree, the output intent's ICC profile, new versions of the catalogue (with the /AF array PDF/A-3
// asks for) and of the document information dictionary, and a
// cross-reference section pointing back at the original (/Prev).

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reSize      = regexp.MustCompile(`/Size (\d+)`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
	reInfoDate  = regexp.MustCompile(`/(CreationDate|ModDate) \(D:(\d{14})\)`)
)

func validRelationship(s string) bool {
	switch s {
	case report.RelSource, report.RelData, report.RelAlternative, report.RelSupplement, report.RelUnspecified:
		return true
	}
	return false
}

// defaultMIME is the media type of an attachment whose own is not given
// or cannot be written: PDF/A-3 (6.8) wants one on every embedded file.
const defaultMIME = "application/octet-stream"

// AppendAttachments finishes doc, a PDF as fpdf wrote it (one revision,
// a classic cross-reference table), by an incremental update that embeds
// atts and makes the file PDF/A-3: the header says 1.7, the catalogue
// gets an output intent (GTS_PDFA1) with icc, an RGB ICC profile, as its
// destination profile (ISO 19005-3, 6.2.3), every file gets
// a MIME subtype, /F, /UF and /AFRelationship and is listed in the
// catalogue's /AF, the information dictionary's dates name their time
// zone (UTC, as the XMP does), and the final trailer carries an /ID
// derived from the SHA-256 of every byte before it. Nothing follows the
// last %%EOF but one line feed. Render calls it; it is exported so a
// test can rebuild a report with other attachments. No modification
// date is written: the tool does not know the files'.
func AppendAttachments(doc []byte, atts []report.Attachment, icc []byte) ([]byte, error) {
	if err := checkICC(icc); err != nil {
		return nil, err
	}
	rev, err := readRevision(doc)
	if err != nil {
		return nil, err
	}
	u := startUpdate(rev)
	files, err := u.embedFiles(atts)
	if err != nil {
		return nil, err
	}
	profile, err := u.writeProfile(icc)
	if err != nil {
		return nil, err
	}
	tree := u.writeNameTree(files)
	u.writeCatalog(profile, tree, files)
	u.writeInfo()
	u.writeXrefAndTrailer()
	return u.out.Bytes(), nil
}

// revision is what the update needs of the PDF fpdf wrote: its bytes, the
// offset of its cross-reference table, the trailer's /Size, /Root and
// /Info (0 when absent), and the catalogue and information dictionaries
// to write anew.
type revision struct {
	doc              []byte
	prevXref         int
	size, root, info int
	catalog          string // without /Names: the update writes its own
	infoDict         string // dates with their time zone; "" without /Info
}

// readRevision finds the last cross-reference table and trailer of doc
// and reads the catalogue and information dictionary through it.
func readRevision(doc []byte) (revision, error) {
	m := reStartXref.FindSubmatch(doc)
	if m == nil {
		return revision{}, fmt.Errorf("pdf: no startxref at the end of the rendered file")
	}
	prevXref, _ := strconv.Atoi(string(m[1]))
	if prevXref <= 0 || prevXref >= len(doc) {
		return revision{}, fmt.Errorf("pdf: startxref %d out of range", prevXref)
	}
	tail := doc[prevXref:]
	ti := bytes.Index(tail, []byte("trailer"))
	if !bytes.HasPrefix(tail, []byte("xref")) || ti < 0 {
		return revision{}, fmt.Errorf("pdf: no classic cross-reference table at %d", prevXref)
	}
	trailer := tail[ti:]
	rev := revision{doc: doc, prevXref: prevXref,
		size: atoiMatch(reSize, trailer), root: atoiMatch(reRoot, trailer), info: atoiMatch(reInfo, trailer)}
	if rev.size <= 0 || rev.root <= 0 {
		return revision{}, fmt.Errorf("pdf: trailer without /Size or /Root")
	}
	catalog, err := objectDict(doc, tail, rev.root)
	if err != nil {
		return revision{}, err
	}
	if rev.catalog, err = dropEntry(catalog, "/Names"); err != nil {
		return revision{}, err
	}
	if rev.info > 0 {
		infoDict, err := objectDict(doc, tail, rev.info)
		if err != nil {
			return revision{}, err
		}
		// fpdf writes local time without a zone; the renderer gives it
		// UTC, so the zone is +00'00', matching the Z of xmp:CreateDate
		// (equivalent values: ISO 19005-1, 6.7.3). Not a bare "Z":
		// pdfcpu rejects that valid form.
		rev.infoDict = reInfoDate.ReplaceAllString(infoDict, "/$1 (D:${2}+00'00')")
	}
	return rev, nil
}

// update is an incremental update being written after the original
// bytes: the offset of every object it writes, and the next free object
// number (new objects are numbered from the old /Size).
type update struct {
	rev     revision
	out     bytes.Buffer
	offsets map[int]int
	next    int
}

// startUpdate copies the original bytes, raises the header to PDF 1.7 and
// ends them with a line feed.
func startUpdate(rev revision) *update {
	doc := rev.doc
	u := &update{rev: rev, offsets: map[int]int{}, next: rev.size}
	u.out.Grow(len(doc) + 4096)
	u.out.Write(doc)
	// PDF/A-3 is based on PDF 1.7 (ISO 32000-1); fpdf declares 1.3 or 1.4
	// for what it draws. Everything it writes is valid 1.7, and the header
	// keeps its length, so no offset moves.
	if bytes.HasPrefix(doc, []byte("%PDF-1.")) && len(doc) > 8 && doc[7] >= '0' && doc[7] < '7' {
		u.out.Bytes()[7] = '7'
	}
	if doc[len(doc)-1] != '\n' {
		u.out.WriteByte('\n')
	}
	return u
}

// newObj starts a new object and returns its number.
func (u *update) newObj() int {
	n := u.next
	u.next++
	u.startObj(n)
	return n
}

// startObj starts object n (a new one, or a new version of an old one)
// and records its offset.
func (u *update) startObj(n int) {
	u.offsets[n] = u.out.Len()
	fmt.Fprintf(&u.out, "%d 0 obj\n", n)
}

// embedded is what the catalogue needs of the embedded files: the
// entries of the EmbeddedFiles name tree and of the /AF array.
type embedded struct {
	count     int
	names, af strings.Builder
}

// embedFiles writes one EmbeddedFile stream and one Filespec per
// attachment, in order.
func (u *update) embedFiles(atts []report.Attachment) (*embedded, error) {
	files := &embedded{count: len(atts)}
	for i, a := range atts {
		sum := md5.Sum(a.Data)
		mime := a.MIME
		if !validMIME(mime) {
			mime = defaultMIME
		}
		body, filter, err := embeddedStream(mime, a.Data)
		if err != nil {
			return nil, err
		}
		rel := a.Relationship
		if !validRelationship(rel) {
			rel = report.RelUnspecified
		}
		stream := u.newObj()
		fmt.Fprintf(&u.out, "<< /Type /EmbeddedFile /Subtype %s /Length %d%s /Params << /Size %d /CheckSum <%s> >> >>\nstream\n",
			pdfName(mime), len(body), filter, len(a.Data), hex.EncodeToString(sum[:]))
		u.out.Write(body)
		u.out.WriteString("\nendstream\nendobj\n")
		spec := u.newObj()
		name := path.Base(strings.ReplaceAll(a.Name, "\\", "/"))
		fmt.Fprintf(&u.out, "<< /Type /Filespec /F %s /UF %s /Desc %s /AFRelationship /%s /EF << /F %d 0 R /UF %d 0 R >> >>\nendobj\n",
			pdfLiteral(asciiName(name)), pdfText(name), pdfText(a.Description), rel, stream, stream)
		// Keys sort by byte value; the zero-padded index keeps input order.
		fmt.Fprintf(&files.names, " (%04d) %d 0 R", i+1, spec)
		fmt.Fprintf(&files.af, " %d 0 R", spec)
	}
	return files, nil
}

// writeProfile writes the output intent's ICC profile, deflated, and
// returns its object number.
func (u *update) writeProfile(icc []byte) (int, error) {
	comp, err := deflate(icc)
	if err != nil {
		return 0, err
	}
	profile := u.newObj()
	fmt.Fprintf(&u.out, "<< /N 3 /Alternate /DeviceRGB /Length %d /Filter /FlateDecode >>\nstream\n", len(comp))
	u.out.Write(comp)
	u.out.WriteString("\nendstream\nendobj\n")
	return profile, nil
}

// writeNameTree writes the EmbeddedFiles name tree and returns its object
// number, or 0 when there are no files.
func (u *update) writeNameTree(files *embedded) int {
	if files.count == 0 {
		return 0
	}
	tree := u.newObj()
	fmt.Fprintf(&u.out, "<< /Names [%s ] >>\nendobj\n", files.names.String())
	return tree
}

// writeCatalog writes the new version of the catalogue: the old entries,
// the output intent with profile, and, when there are files, the name
// tree and the /AF array.
func (u *update) writeCatalog(profile, tree int, files *embedded) {
	u.startObj(u.rev.root)
	u.out.WriteString(strings.TrimSuffix(u.rev.catalog, ">>"))
	fmt.Fprintf(&u.out, "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (%s) /Info (%s) /DestOutputProfile %d 0 R >>]\n",
		outputCondition, outputCondition, profile)
	if files.count > 0 {
		fmt.Fprintf(&u.out, "/Names << /EmbeddedFiles %d 0 R >>\n/AF [%s ]\n", tree, files.af.String())
	}
	u.out.WriteString(">>\nendobj\n")
}

// writeInfo writes the new version of the information dictionary, if
// the document has one.
func (u *update) writeInfo() {
	if u.rev.info <= 0 {
		return
	}
	u.startObj(u.rev.info)
	fmt.Fprintf(&u.out, "%s\nendobj\n", u.rev.infoDict)
}

// writeXrefAndTrailer writes the cross-reference section of the update
// and the trailer that points back at the original one (/Prev).
func (u *update) writeXrefAndTrailer() {
	root, info, size := u.rev.root, u.rev.info, u.rev.size
	xref := u.out.Len()
	u.out.WriteString("xref\n0 1\n0000000000 65535 f \n")
	// Subsections in object order: the catalogue and the information
	// dictionary (old numbers, below size), then the new objects.
	old := []int{root}
	if info > 0 {
		old = append(old, info)
		if info < root {
			old[0], old[1] = info, root
		}
	}
	for _, n := range old {
		fmt.Fprintf(&u.out, "%d 1\n%010d 00000 n \n", n, u.offsets[n])
	}
	if u.next > size {
		fmt.Fprintf(&u.out, "%d %d\n", size, u.next-size)
		for n := size; n < u.next; n++ {
			fmt.Fprintf(&u.out, "%010d 00000 n \n", u.offsets[n])
		}
	}
	// The file ID is the content hash of everything above the final
	// cross-reference section, so it is stable and verify can recompute it.
	idHex := FileID(u.out.Bytes()[:xref])
	fmt.Fprintf(&u.out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n", u.next, root)
	if info > 0 {
		fmt.Fprintf(&u.out, "/Info %d 0 R\n", info)
	}
	fmt.Fprintf(&u.out, "/ID [<%s> <%s>]\n/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", idHex, idHex, u.rev.prevXref, xref)
}

// FileID is the hex trailer /ID of a report whose bytes before the final
// cross-reference section are body: the first 16 bytes of their SHA-256.
func FileID(body []byte) string {
	id := sha256.Sum256(body)
	return hex.EncodeToString(id[:16])
}

func atoiMatch(re *regexp.Regexp, b []byte) int {
	m := re.FindSubmatch(b)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// objectDict returns the dictionary of object n ("<< … >>"), found
// through the cross-reference table at the start of xref.
func objectDict(doc, xref []byte, n int) (string, error) {
	lines := strings.SplitN(string(xref[:min(len(xref), 64)]), "\n", 3)
	if len(lines) < 3 {
		return "", fmt.Errorf("pdf: short cross-reference table")
	}
	var first, count int
	if _, err := fmt.Sscanf(lines[1], "%d %d", &first, &count); err != nil || n < first || n >= first+count {
		return "", fmt.Errorf("pdf: object %d not in the cross-reference table", n)
	}
	entry := len(lines[0]) + 1 + len(lines[1]) + 1 + 20*(n-first)
	if entry+20 > len(xref) {
		return "", fmt.Errorf("pdf: cross-reference table truncated")
	}
	off, err := strconv.Atoi(string(xref[entry : entry+10]))
	if err != nil || off <= 0 || off >= len(doc) {
		return "", fmt.Errorf("pdf: bad offset for object %d", n)
	}
	obj := doc[off:]
	head := fmt.Sprintf("%d 0 obj", n)
	if !bytes.HasPrefix(obj, []byte(head)) {
		return "", fmt.Errorf("pdf: object %d is not at offset %d", n, off)
	}
	end := bytes.Index(obj, []byte("endobj"))
	if end < 0 {
		return "", fmt.Errorf("pdf: object %d has no endobj", n)
	}
	dict := strings.TrimSpace(string(obj[len(head):end]))
	if !strings.HasPrefix(dict, "<<") || !strings.HasSuffix(dict, ">>") {
		return "", fmt.Errorf("pdf: object %d is not a dictionary", n)
	}
	return dict, nil
}

// dropEntry removes key and its dictionary value ("/Names << … >>") from
// a dictionary written by fpdf. It holds no strings with brackets.
func dropEntry(dict, key string) (string, error) {
	i := strings.Index(dict, key+" <<")
	if i < 0 {
		return dict, nil
	}
	depth := 0
	for j := i + len(key); j+1 < len(dict); j++ {
		switch dict[j : j+2] {
		case "<<":
			depth++
			j++
		case ">>":
			depth--
			j++
			if depth == 0 {
				return dict[:i] + dict[j+1:], nil
			}
		}
	}
	return "", fmt.Errorf("pdf: unbalanced %s entry in the catalogue", key)
}

// zipContainers are the media types of attachments that are zip packages
// already: deflating them again costs time (a tenth of a report's) and
// saves under 1 %, so they are embedded as they are, without a filter.
var zipContainers = map[string]bool{
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": true,
	"application/zip": true,
}

// embeddedStream is the stream body of an attachment of type mime and the
// filter entry that goes with it: the bytes as they are for a zip
// package, deflated for anything else.
func embeddedStream(mime string, data []byte) (body []byte, filter string, err error) {
	if zipContainers[mime] {
		return data, "", nil
	}
	comp, err := deflate(data)
	if err != nil {
		return nil, "", err
	}
	return comp, " /Filter /FlateDecode", nil
}

// deflate compresses b at the level fpdf uses for the pages: on the
// assessment JSON (150 KB) the best speed takes 2 ms instead of 5 ms for
// 2.5 KB more.
func deflate(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pdfText encodes s as a UTF-16BE text string with a byte-order mark, in
// hex, so any rune (surrogate pairs included) survives.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfLiteral writes an ASCII string as a PDF literal string.
func pdfLiteral(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

// asciiName is the file name for readers that ignore /UF.
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pdfName encodes s as a PDF name, escaping delimiters (application/json
// → /application#2Fjson).
func pdfName(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7E || strings.IndexByte("#/()<>[]{}%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// validMIME accepts a media type of letters, digits and the usual
// punctuation (type/subtype), which pdfName can encode.
func validMIME(s string) bool {
	if s == "" || len(s) > 127 || strings.Count(s, "/") != 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/.+-_", c) >= 0) {
			return false
		}
	}
	return true
}
