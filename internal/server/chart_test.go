package server

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

func history(views ...int64) []article.ViewCount {
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, article.China)
	var h []article.ViewCount
	for i, v := range views {
		h = append(h, article.ViewCount{At: t0.AddDate(0, 0, 7*i), Views: v})
	}
	return h
}

// ys are the y coordinates of the chart's points.
func ys(t *testing.T, c *chart) []float64 {
	var out []float64
	for _, p := range strings.Fields(c.Points) {
		_, y, _ := strings.Cut(p, ",")
		f, err := strconv.ParseFloat(y, 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func TestChart(t *testing.T) {
	plot := float64(chartBottom - chartTop)
	for _, tt := range []struct {
		name  string
		views []int64
		// the rise of the line from the first point to the last, as a
		// share of the plot's height: at most, at least
		maxRise, minRise float64
	}{
		{"a tiny change is nearly flat", []int64{26601, 26602, 26604}, 0.01, 0},
		{"no change is flat", []int64{500, 500}, 0, 0},
		{"a doubling rises", []int64{300, 450, 600}, 1, 0.4},
		{"from nothing", []int64{0, 3, 9}, 1, 0.5},
		{"small counts", []int64{1, 2}, 1, 0.1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newChart(history(tt.views...))
			y := ys(t, c)
			rise := (y[0] - y[len(y)-1]) / plot
			if rise > tt.maxRise+1e-9 || rise < tt.minRise {
				t.Errorf("rise %.3f of the plot, want %.2f to %.2f", rise, tt.minRise, tt.maxRise)
			}
			// The y labels are round counts, increasing upwards, and
			// the data lies within them.
			if len(c.YTicks) < 2 || len(c.YTicks) > 8 {
				t.Fatalf("%d y ticks", len(c.YTicks))
			}
			for i, tk := range c.YTicks {
				if i > 0 && tk.Y >= c.YTicks[i-1].Y {
					t.Errorf("y ticks not upwards: %+v", c.YTicks)
				}
			}
			lo, hi := parseCount(t, c.YTicks[0].Label), parseCount(t, c.YTicks[len(c.YTicks)-1].Label)
			if lo > c.MinViews || hi < c.MaxViews || lo < 0 {
				t.Errorf("y axis %d–%d does not hold %d–%d", lo, hi, c.MinViews, c.MaxViews)
			}
			for _, v := range y {
				if v < chartTop-0.01 || v > chartBottom+0.01 || math.IsNaN(v) {
					t.Errorf("point at y %.1f outside the plot", v)
				}
			}
			if len(c.XTicks) != 3 || c.XTicks[0].Label != "2024-05-01" {
				t.Errorf("x ticks %+v", c.XTicks)
			}
		})
	}
	if c := newChart(history(26601)); !c.Single || c.Points != "" || c.Last.Views != 26601 {
		t.Errorf("one observation: %+v", c)
	}
	if newChart(nil) != nil {
		t.Error("a chart of nothing")
	}
}

func parseCount(t *testing.T, s string) int64 {
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
