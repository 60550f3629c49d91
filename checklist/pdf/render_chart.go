package pdf

import (
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// The bar chart of the summary.

func (r *renderer) barChart(c *report.BarChart) {
	f := r.f
	r.setFont(7.5)
	lh := r.lineH()
	const labelW, numW, barH, gap = 62.0, 14.0, 4.2, 1.6
	barW := contentW - labelW - numW
	maxTotal := 0
	for _, b := range c.Bars {
		t := 0
		for _, v := range b.Values {
			t += v
		}
		maxTotal = max(maxTotal, t)
	}
	// Keep the chart on one page when it fits on one.
	r.ensure(r.captionHeight(c.Caption) + lh + 1.5 + (barH+gap)*float64(len(c.Bars)))
	r.caption(c.Caption)
	r.setFont(7.5)
	// Legend.
	x := marginX + labelW
	for i, s := range c.Series {
		col := seriesColor(c.Series, i)
		f.SetFillColor(int(col.R), int(col.G), int(col.B))
		f.SetDrawColor(120, 120, 120)
		f.SetLineWidth(0.1)
		f.Rect(x, r.y+(lh-2.8)/2, 2.8, 2.8, "FD")
		r.text(x+3.6, r.y, 40, s.Label, report.AlignLeft)
		x += 3.6 + r.measure(s.Label) + 5
	}
	r.y += lh + 1.5
	for _, b := range c.Bars {
		r.ensure(barH + gap)
		label := fitLine(b.Label, labelW-2, r.measure)
		r.text(marginX, r.y+(barH-lh)/2, labelW-2, label, report.AlignLeft)
		bx := marginX + labelW
		total := 0
		for i, v := range b.Values {
			if v <= 0 || maxTotal == 0 {
				continue
			}
			w := float64(v) / float64(maxTotal) * barW
			col := seriesColor(c.Series, i)
			f.SetFillColor(int(col.R), int(col.G), int(col.B))
			f.Rect(bx, r.y, w, barH, "F")
			bx += w
			total += v
		}
		f.SetDrawColor(120, 120, 120)
		f.SetLineWidth(0.1)
		if maxTotal > 0 {
			f.Rect(marginX+labelW, r.y, float64(total)/float64(maxTotal)*barW, barH, "D")
		}
		r.text(bx+1.5, r.y+(barH-lh)/2, numW, fmt.Sprint(total), report.AlignLeft)
		r.y += barH + gap
	}
	// Axis.
	f.SetDrawColor(80, 80, 80)
	f.SetLineWidth(0.2)
	f.Line(marginX+labelW, r.y-gap, marginX+labelW, r.y-gap-float64(len(c.Bars))*(barH+gap)+gap)
	r.y += 2
}

func seriesColor(s []report.Series, i int) report.Color {
	if i < len(s) && !s[i].Color.IsZero() {
		return s[i].Color
	}
	return report.Color{R: 150, G: 150, B: 150}
}
