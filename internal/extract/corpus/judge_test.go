package corpus

import (
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestJudgeRecorderZone checks the dates a recorder made by reading a
// page's zone-less time in its own zone.
func TestJudgeRecorderZone(t *testing.T) {
	china := func(y, mo, d, h, mi int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, 0, 0, article.China)
	}
	tests := []struct {
		name, source, date string
		got                time.Time
		want               bool
	}{
		{"winter, next day in China", "mercury", "2017-12-04T16:27:28.000Z", china(2017, 12, 4, 17, 27), true},
		{"summer", "mercury", "2018-08-01T08:08:28.000Z", china(2018, 8, 1, 10, 8), true},
		{"the instant itself", "mercury", "2019-05-17T01:52:41.000Z", china(2019, 5, 17, 9, 52), true},
		{"a minute off", "mercury", "2017-12-04T16:27:28.000Z", china(2017, 12, 4, 17, 28), false},
		{"a day alone", "mercury", "2017-12-04T23:00:00.000Z", china(2017, 12, 4, 0, 0), false},
		{"another source", "htmldate", "2017-12-04T16:27:28.000Z", china(2017, 12, 4, 17, 27), false},
		{"none found", "mercury", "2017-12-04T16:27:28.000Z", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Page{Source: tt.source, Truth: Truth{Date: tt.date}}
			v := Judge(p, Output{Published: tt.got})
			if !v.DateScored || v.DateRight != tt.want {
				t.Errorf("scored %v right %v, want right %v", v.DateScored, v.DateRight, tt.want)
			}
		})
	}
}
