package templates

import _ "embed"

// The sRGB colour profile is sRGB2014.icc (ICC v2, 3,024 bytes) as
// codeberg.org/go-pdf/fpdf v0.12.0 ships it in icc/; the International
// Color Consortium lets anyone copy, distribute and embed it without
// restriction (LICENSE.color.org beside it). The report's PDF/A output
// intent embeds it (ISO 19005-3, 6.2.3).

//go:embed icc/sRGB2014.icc
var srgbProfile []byte

//go:embed icc/LICENSE.color.org
var srgbLicense string

// SRGBProfileName names the embedded colour profile.
const SRGBProfileName = "sRGB2014.icc (International Color Consortium, ICC v2)"

// SRGBProfile returns the embedded sRGB ICC profile. The slice is shared:
// do not modify it.
func SRGBProfile() []byte { return srgbProfile }

// SRGBLicense returns the ICC's terms for the profile.
func SRGBLicense() string { return srgbLicense }
