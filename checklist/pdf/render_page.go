package pdf

import (
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// The page frame: header, watermark, footer, and the page breaks.

func (r *renderer) header() {
	f := r.f
	save := r.size
	if r.rep.Watermark != "" {
		r.watermark()
	}
	r.setFont(7.5)
	f.SetTextColor(90, 90, 90)
	r.text(marginX, 8, contentW/2, r.rep.HeaderLeft, report.AlignLeft)
	r.text(marginX+contentW/2, 8, contentW/2, r.rep.HeaderRight, report.AlignRight)
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(marginX, 13, pageW-marginX, 13)
	f.SetTextColor(0, 0, 0)
	r.setFont(save)
}

// watermark draws the draft mark of the page: large light text rotated
// across the middle (drawn first, so the content covers it where it is
// filled) and a framed stamp in the footer. No transparency, which PDF/A-1
// forbids.
func (r *renderer) watermark() {
	f := r.f
	w := r.rep.Watermark
	r.setFont(72)
	f.SetTextColor(248, 212, 208)
	f.TransformBegin()
	f.TransformRotate(45, pageW/2, pageH/2)
	r.text(0, pageH/2-r.lineH()/2, pageW, w, report.AlignCenter)
	f.TransformEnd()
	// The stamp sits in the footer just left of the page number, where
	// neither the header texts nor the footer's tool and date reach.
	r.setFont(9)
	sw := r.measure(w) + 4
	x := pageW - marginX - 22 - 4 - sw
	f.SetDrawColor(192, 0, 0)
	f.SetLineWidth(0.5)
	f.Rect(x, 288, sw, r.lineH()+0.6, "D")
	f.SetTextColor(192, 0, 0)
	r.text(x, 288.3, sw, w, report.AlignCenter)
	f.SetTextColor(0, 0, 0)
}

func (r *renderer) footer() {
	f := r.f
	save := r.size
	r.setFont(7.5)
	f.SetTextColor(90, 90, 90)
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(marginX, 287, pageW-marginX, 287)
	r.text(marginX, 288.5, contentW-30, r.rep.FooterLeft, report.AlignLeft)
	// The alias is replaced by the page count at Output; its final width
	// is unknown here, so the number starts at a fixed place.
	r.text(pageW-marginX-22, 288.5, 22, fmt.Sprintf("%d / %s", f.PageNo(), pageNumAlias), report.AlignLeft)
	f.SetTextColor(0, 0, 0)
	r.setFont(save)
}

func (r *renderer) newPage() {
	r.f.AddPage()
	r.y = contentTop
}

// room is the height left on the current page.
func (r *renderer) room() float64 { return contentBot - r.y }

// ensure starts a new page unless h millimetres fit on this one.
func (r *renderer) ensure(h float64) {
	if r.f.PageNo() == 0 || r.y+h > contentBot {
		r.newPage()
	}
}
