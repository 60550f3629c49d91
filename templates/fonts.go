package templates

import _ "embed"

// The font is IPAex Gothic 004.01, byte for byte as Debian ships it; the
// IPA Font License v1.0 allows redistribution only unmodified, under its
// own name and with the licence, which sits beside it (see fonts/README.md).

//go:embed fonts/ipaexg.ttf
var ipaexGothic []byte

//go:embed fonts/IPA_Font_License_Agreement_v1.0.txt
var ipaFontLicense string

// FontName is the name of the embedded Japanese font.
const FontName = "IPAex Gothic (IPAexゴシック) 004.01"

// Font returns the embedded TrueType font, ipaexg.ttf. The slice is
// shared: do not modify it.
func Font() []byte { return ipaexGothic }

// FontLicense returns the text of the IPA Font License Agreement v1.0
// under which the embedded font is distributed.
func FontLicense() string { return ipaFontLicense }
