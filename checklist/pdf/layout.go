package pdf

// Options are the rendering parameters that are not content.
type Options struct {
	// FontTTF is a TrueType font with Japanese glyphs (IPAex Gothic).
	FontTTF []byte
	// ICCProfile is the RGB ICC profile of the PDF/A output intent
	// (templates.SRGBProfile). Required: without it DeviceRGB colours
	// are not allowed in PDF/A (ISO 19005-3, 6.2.4.3).
	ICCProfile []byte
}

// Layout is what the renderer did: the number of pages, the page each
// section starts on, and the characters it had to replace.
type Layout struct {
	Pages        int
	Sections     []SectionPage
	Replacements []Replacement
}

// SectionPage is where one section starts.
type SectionPage struct {
	Key   string
	Title string
	Level int
	Page  int
}

// Replacement is one character that could not be shown, and where.
type Replacement struct {
	Rune  rune
	Where string
}
