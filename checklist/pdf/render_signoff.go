package pdf

import (
	"math"

	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// The sign-off box.

func (r *renderer) signOff(s *report.SignOff) {
	f := r.f
	r.setFont(bodySize)
	lh := r.lineH()
	const fieldH, sealW = 12.0, 32.0
	noteLines := wrapText(s.Note, contentW-6-sealW-4, r.measure)
	if s.Note == "" {
		noteLines = nil
	}
	h := 4 + lh + float64(len(noteLines))*lh + 2 + float64(len(s.Fields))*fieldH + 2
	h = math.Max(h, 4+lh+sealW+6)
	r.ensure(h)
	top := r.y
	f.SetDrawColor(60, 60, 60)
	f.SetLineWidth(0.4)
	f.Rect(marginX, top, contentW, h, "D")
	r.boldText(marginX+3, top+2, contentW-6, s.Title)
	y := top + 2 + lh + 1
	for _, l := range noteLines {
		r.text(marginX+3, y, contentW-6-sealW-4, l, report.AlignLeft)
		y += lh
	}
	y += 1
	sealX := pageW - marginX - 3 - sealW
	f.SetLineWidth(0.2)
	for _, fld := range s.Fields {
		r.text(marginX+3, y+fieldH-lh-1.5, 40, fld, report.AlignLeft)
		lx := marginX + 3 + math.Max(r.measure(fld)+3, 28)
		f.Line(lx, y+fieldH-1.5, sealX-4, y+fieldH-1.5)
		y += fieldH
	}
	// Seal space.
	sy := top + 2 + lh + 2
	f.SetDrawColor(120, 120, 120)
	f.SetDashPattern([]float64{1, 1}, 0)
	f.Rect(sealX, sy, sealW, sealW, "D")
	f.SetDashPattern(nil, 0)
	f.SetTextColor(150, 150, 150)
	r.text(sealX, sy+sealW/2-lh/2, sealW, s.Seal, report.AlignCenter)
	f.SetTextColor(0, 0, 0)
	r.y = top + h + 3
}
