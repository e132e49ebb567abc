package server

import (
	"fmt"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// chart is a view-count history drawn as an inline SVG line chart. All
// coordinates are computed here; the template only prints numbers.
type chart struct {
	Width, Height    int
	Points           string // polyline points "x,y x,y …"
	Dots             []chartDot
	MinViews         int64
	MaxViews         int64
	FirstAt, LastAt  time.Time
	Left, Right, Top int // plot area
	Bottom           int
	Observations     int
}

type chartDot struct {
	X, Y  float64
	Label string // tooltip: date and count
}

// Chart geometry, in SVG user units (the SVG scales to its container).
const (
	chartWidth, chartHeight = 320, 120
	chartLeft, chartRight   = 8, 312
	chartTop, chartBottom   = 10, 100
	maxChartDots            = 60
)

// newChart lays out history (oldest first), or returns nil when it is empty.
func newChart(history []article.ViewCount) *chart {
	if len(history) == 0 {
		return nil
	}
	c := &chart{Width: chartWidth, Height: chartHeight, Left: chartLeft, Right: chartRight, Top: chartTop, Bottom: chartBottom,
		FirstAt: history[0].At, LastAt: history[len(history)-1].At, MinViews: history[0].Views, MaxViews: history[0].Views,
		Observations: len(history)}
	for _, h := range history {
		c.MinViews = min(c.MinViews, h.Views)
		c.MaxViews = max(c.MaxViews, h.Views)
	}
	span := c.LastAt.Sub(c.FirstAt)
	vspan := c.MaxViews - c.MinViews
	var pts []string
	for i, h := range history {
		x := float64(chartLeft+chartRight) / 2
		switch {
		case span > 0:
			x = chartLeft + float64(chartRight-chartLeft)*float64(h.At.Sub(c.FirstAt))/float64(span)
		case len(history) > 1:
			x = chartLeft + float64(chartRight-chartLeft)*float64(i)/float64(len(history)-1)
		}
		y := float64(chartTop+chartBottom) / 2
		if vspan > 0 {
			y = chartBottom - float64(chartBottom-chartTop)*float64(h.Views-c.MinViews)/float64(vspan)
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		if len(history) <= maxChartDots {
			c.Dots = append(c.Dots, chartDot{X: x, Y: y,
				Label: fmt.Sprintf("%s 浏览 %s", h.At.In(article.China).Format("2006-01-02 15:04"), groupDigits(h.Views))})
		}
	}
	c.Points = strings.Join(pts, " ")
	return c
}
