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

// TestTitleMatches checks which titles count as the recorded one with its
// site-name suffix removed.
func TestTitleMatches(t *testing.T) {
	tests := []struct {
		got, want string
		match     bool
	}{
		{"县城读书会", "县城读书会", true},
		{"县城读书会", "县城读书会_某县文明网", true},
		{"县城读书会", "县城读书会 | 某县文明网", true},
		{"游记 (2)", "游记 (2) @ 某人的家 :: 某博客平台 ::", true},
		{"酥焖带鱼", "酥焖带鱼的做法_菜谱", false}, // a shorter heading, not the title
		{"", "县城读书会", false},
		{"县城读书会", "县城读书会（图）", false},
	}
	for _, tt := range tests {
		if got := TitleMatches(tt.got, tt.want); got != tt.match {
			t.Errorf("TitleMatches(%q, %q) = %v, want %v", tt.got, tt.want, got, tt.match)
		}
	}
}

// TestOriginMatches checks which credited sources count as the recorded
// one.
func TestOriginMatches(t *testing.T) {
	tests := []struct {
		got, want string
		match     bool
	}{
		{"人民网-人民日报", "人民网－人民日报", true},
		{"县农业 农村局", "县农业农村局", true},
		{"县农业农村局", "农业农村局", false},
		{"", "县农业农村局", false},
	}
	for _, tt := range tests {
		if got := OriginMatches(tt.got, tt.want); got != tt.match {
			t.Errorf("OriginMatches(%q, %q) = %v, want %v", tt.got, tt.want, got, tt.match)
		}
	}
	p := Page{Truth: Truth{Origin: "大河报"}}
	if v := Judge(p, Output{Origin: "大河报"}); !v.OriginScored || !v.OriginRight {
		t.Errorf("Judge: origin scored %v right %v, want both", v.OriginScored, v.OriginRight)
	}
}
