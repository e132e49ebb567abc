package server

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// chart is a view-count history drawn as an inline SVG line chart with
// labelled axes. All coordinates are computed here; the template only
// prints numbers. A history of one observation is no line: Single is set
// and the template says the value.
type chart struct {
	Width, Height    int
	Left, Right, Top int // plot area
	Bottom           int
	Points           string // polyline points "x,y x,y …"
	Dots             []chartDot
	YTicks, XTicks   []chartTick
	First, Last      article.ViewCount
	MinViews         int64
	MaxViews         int64
	Observations     int
	Single           bool
}

type chartDot struct {
	X, Y  float64
	Label string // tooltip: date and count
}

// chartTick is an axis label and its gridline position.
type chartTick struct {
	X, Y   float64
	Label  string
	Anchor string // text-anchor of an x label
}

// Chart geometry, in SVG user units (the SVG scales to its container).
const (
	chartWidth, chartHeight = 360, 160
	chartLeft, chartRight   = 54, 350
	chartTop, chartBottom   = 10, 132
	maxChartDots            = 60
	// minSpanShare: the y axis spans at least this share of the largest
	// count, so that 26,601 → 26,604 draws as the near-flat line it is,
	// not as a cliff from the bottom of the plot to its top.
	minSpanShare = 0.1
)

// newChart lays out history (oldest first), or returns nil when it is empty.
func newChart(history []article.ViewCount) *chart {
	if len(history) == 0 {
		return nil
	}
	c := &chart{Width: chartWidth, Height: chartHeight, Left: chartLeft, Right: chartRight, Top: chartTop, Bottom: chartBottom,
		First: history[0], Last: history[len(history)-1], MinViews: history[0].Views, MaxViews: history[0].Views,
		Observations: len(history)}
	if len(history) == 1 {
		c.Single = true
		return c
	}
	for _, h := range history {
		c.MinViews = min(c.MinViews, h.Views)
		c.MaxViews = max(c.MaxViews, h.Views)
	}
	lo, hi, step := yRange(c.MinViews, c.MaxViews)
	yOf := func(v float64) float64 {
		return chartBottom - float64(chartBottom-chartTop)*(v-lo)/(hi-lo)
	}
	for v := lo; v <= hi+step/2; v += step {
		c.YTicks = append(c.YTicks, chartTick{Y: yOf(v), Label: groupDigits(int64(math.Round(v)))})
	}
	span := c.Last.At.Sub(c.First.At)
	xOf := func(i int, at time.Time) float64 {
		if span > 0 {
			return chartLeft + float64(chartRight-chartLeft)*float64(at.Sub(c.First.At))/float64(span)
		}
		return chartLeft + float64(chartRight-chartLeft)*float64(i)/float64(len(history)-1)
	}
	var pts []string
	for i, h := range history {
		x, y := xOf(i, h.At), yOf(float64(h.Views))
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		if len(history) <= maxChartDots {
			c.Dots = append(c.Dots, chartDot{X: x, Y: y,
				Label: fmt.Sprintf("%s 浏览 %s", h.At.In(article.China).Format("2006-01-02 15:04"), groupDigits(h.Views))})
		}
	}
	c.Points = strings.Join(pts, " ")
	c.XTicks = xTicks(c.First.At, c.Last.At, span)
	return c
}

// yRange is the y axis for counts from lo to hi: round bounds a whole
// number of steps apart (1, 2 or 5 times a power of ten), spanning at
// least minSpanShare of hi, with the data in the upper part when it is
// padded; never below zero.
func yRange(minV, maxV int64) (lo, hi, step float64) {
	lo, hi = float64(minV), float64(maxV)
	if need := max(hi*minSpanShare, 4) - (hi - lo); need > 0 {
		lo -= need * 2 / 3
		hi += need / 3
		if lo < 0 {
			hi, lo = hi-lo, 0
		}
	}
	step = niceStep((hi - lo) / 4)
	lo = math.Floor(lo/step) * step
	hi = math.Ceil(hi/step) * step
	if hi == lo {
		hi = lo + step
	}
	return lo, hi, step
}

// niceStep is the smallest of 1, 2 and 5 times a power of ten that is at
// least x (and at least 1: counts are whole).
func niceStep(x float64) float64 {
	if x <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

// xTicks labels the time axis: the first and last dates, and the middle
// one when they are far enough apart to leave room.
func xTicks(first, last time.Time, span time.Duration) []chartTick {
	format := "2006-01-02"
	if span < 48*time.Hour && first.In(article.China).YearDay() == last.In(article.China).YearDay() {
		format = "01-02 15:04"
	}
	ticks := []chartTick{{X: chartLeft, Label: first.In(article.China).Format(format), Anchor: "start"}}
	if span >= 2*24*time.Hour {
		mid := first.Add(span / 2)
		ticks = append(ticks, chartTick{X: float64(chartLeft+chartRight) / 2, Label: mid.In(article.China).Format(format), Anchor: "middle"})
	}
	if last.In(article.China).Format(format) != ticks[0].Label {
		ticks = append(ticks, chartTick{X: chartRight, Label: last.In(article.China).Format(format), Anchor: "end"})
	}
	return ticks
}

// Change is the growth from the first observation to the last.
func (c *chart) Change() int64 { return c.Last.Views - c.First.Views }
