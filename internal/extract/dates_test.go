package extract

import (
	"net/url"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

func TestParseDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, article.China) }
	min := func(y, m, d, h, mi int) time.Time { return time.Date(y, time.Month(m), d, h, mi, 0, 0, article.China) }
	tests := []struct {
		in   string
		want time.Time
		prec article.Precision
		ok   bool
	}{
		{"发布时间：2023-03-22 20:29", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		// 12-hour times (WordPress's Chinese default "ag:i").
		{"2024年5月12日 下午3:30", min(2024, 5, 12, 15, 30), article.PrecisionMinute, true},
		{"2024-05-12 上午10:30", min(2024, 5, 12, 10, 30), article.PrecisionMinute, true},
		{"2024年5月12日 晚上8点05分", min(2024, 5, 12, 20, 5), article.PrecisionMinute, true},
		{"2024年5月12日 中午12:10", min(2024, 5, 12, 12, 10), article.PrecisionMinute, true},
		{"2024年5月12日 凌晨12:05", min(2024, 5, 12, 0, 5), article.PrecisionMinute, true},
		{"发表时间:2020-10-15", day(2020, 10, 15), article.PrecisionDay, true},
		{"发表时间：2019-05-04", day(2019, 5, 4), article.PrecisionDay, true},
		{"时间:2021-12-11", day(2021, 12, 11), article.PrecisionDay, true},
		{"日期：2023年3月22日", day(2023, 3, 22), article.PrecisionDay, true},
		{"2023年03月22日 20:29", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"2023年3月22日20时29分", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"2023年3月22日 星期三 20:29", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"发布时间：2023-03-22 周三 20:29:05", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"2024年3月5日 週二 下午2:20", min(2024, 3, 5, 14, 20), article.PrecisionMinute, true},
		{"發佈時間：2024-03-05 週二 14:20", min(2024, 3, 5, 14, 20), article.PrecisionMinute, true},
		{"2024/03/05(二) 14:20", min(2024, 3, 5, 14, 20), article.PrecisionMinute, true},
		{"日期：2024-06-05 19:45:021楼", min(2024, 6, 5, 19, 45), article.PrecisionMinute, true},
		{"编号20240605123", time.Time{}, "", false},
		{"2024年3月5日（星期二）上午9時15分", min(2024, 3, 5, 9, 15), article.PrecisionMinute, true},
		{"2023年3月22日 星期三", day(2023, 3, 22), article.PrecisionDay, true},
		{"2023/03/22", day(2023, 3, 22), article.PrecisionDay, true},
		{"2023.03.22", day(2023, 3, 22), article.PrecisionDay, true},
		{"2023-3-22 20:29", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"发布时间:2023-3-22 20:29  浏览数: 1017", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"2004-09-17 5:54:13", min(2004, 9, 17, 5, 54), article.PrecisionMinute, true},
		{"２０２３－０３－２２　２０：２９", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"发布时间：２０２３年３月２２日", day(2023, 3, 22), article.PrecisionDay, true},
		{"2023-03-22T12:29:00Z", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"2023-03-22T20:29:00+08:00", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		{"2019-05-29T20:44:58.000Z", min(2019, 5, 30, 4, 44), article.PrecisionMinute, true},
		{"2024-05-11T07:00:42-04:00", min(2024, 5, 11, 19, 0), article.PrecisionMinute, true},
		{"2017-03-01 14:27:02 +0800", min(2017, 3, 1, 14, 27), article.PrecisionMinute, true},
		{"2019-05-29 20:44:58 +0000", min(2019, 5, 30, 4, 44), article.PrecisionMinute, true},
		{"2023-03-22 20:29 +8613800138000", min(2023, 3, 22, 20, 29), article.PrecisionMinute, true},
		// The year in an element of its own before month/day and time
		// (news.cn's year, day and time spans).
		{"2023\n11\n/\n17\n20:52:15\n来源:新闻网", min(2023, 11, 17, 20, 52), article.PrecisionMinute, true},
		{" 2023 11/ 17", day(2023, 11, 17), article.PrecisionDay, true},
		{"2023 13/17", time.Time{}, "", false},
		{"12023 11/17", time.Time{}, "", false},
		// English month names, in the text of a dateline.
		{"March 5, 2024", day(2024, 3, 5), article.PrecisionDay, true},
		{"Published 5 March 2024", day(2024, 3, 5), article.PrecisionDay, true},
		{"PublishedMay 21, 2024", day(2024, 5, 21), article.PrecisionDay, true}, // label glued to the month
		{"Date:May 21, 2024", day(2024, 5, 21), article.PrecisionDay, true},
		{"Mar. 5", time.Time{}, "", false}, // no year: never guessed
		{"Mar. 5, 2024 at 2:52 pm", min(2024, 3, 5, 14, 52), article.PrecisionMinute, true},
		{"Updated Sept 30 2023, 12:05 a.m.", min(2023, 9, 30, 0, 5), article.PrecisionMinute, true},
		{"May 11, 2024 14:05 UTC", min(2024, 5, 11, 22, 5), article.PrecisionMinute, true},
		{"Posted Fri, May 10, 2024 at 2:52 pm PT", day(2024, 5, 10), article.PrecisionDay, true}, // a zone not known: the day
		{"the 3rd of May 2024", day(2024, 5, 3), article.PrecisionDay, true},
		{"February 30, 2024", time.Time{}, "", false},
		{"May I say 2024 was good", time.Time{}, "", false},
		{"march 5, 2024", time.Time{}, "", false}, // a month name is capitalised
		{"发布时间：2024-05-01 (May 3, 2024)", day(2024, 5, 1), article.PrecisionDay, true},
		{"成文日期：2023-03-01 发布日期：2023-03-05", day(2023, 3, 5), article.PrecisionDay, true},
		{"2023-03-22 25:99", day(2023, 3, 22), article.PrecisionDay, true},
		// traps
		{"成文日期：2023-03-01", time.Time{}, "", false},
		{"发布于：北京市", time.Time{}, "", false},
		{"3小时前", time.Time{}, "", false},
		{"昨天 20:29", time.Time{}, "", false},
		{"23-03-22", time.Time{}, "", false},
		{"2023-02-30", time.Time{}, "", false},
		{"2023-13-01", time.Time{}, "", false},
		{"版权所有 2015-2023", time.Time{}, "", false},
		{"电话：0319-6212345", time.Time{}, "", false},
		{"12023-03-22", time.Time{}, "", false},
		{"", time.Time{}, "", false},
	}
	for _, tc := range tests {
		got, prec, ok := ParseDate(tc.in)
		if ok != tc.ok || prec != tc.prec || !got.Equal(tc.want) {
			t.Errorf("ParseDate(%q) = %v, %q, %v; want %v, %q, %v", tc.in, got, prec, ok, tc.want, tc.prec, tc.ok)
		}
		if ok && got.Location() != article.China {
			t.Errorf("ParseDate(%q) location = %v, want China", tc.in, got.Location())
		}
	}
}

// minuteOf is a date that ParseDate or labeledDate found, to the minute,
// or "" where they found none: the form the date tests want.
func minuteOf(tm time.Time, _ article.Precision, ok bool) string {
	if !ok {
		return ""
	}
	return tm.Format("2006-01-02 15:04")
}

func TestLabeledDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"发表时间：2019-05-04 来源：中国文明网", "2019-05-04 00:00"},
		{"成文日期：2023-03-01 发布日期：2023-03-05", "2023-03-05 00:00"},
		{"活动时间：2023-04-01 时间：2023-03-22 10:00", "2023-03-22 10:00"},
		{"发布于：北京市", ""},
		{"2023-03-22 没有标签", ""},
		{"更新时间：2024-06-20 17:32 发布时间：2024-06-18 09:15", "2024-06-18 09:15"},
		{"更新时间：2024-06-20 17:32 浏览次数：412", "2024-06-20 17:32"},
		{"成文日期：2024-02-26 公开日期：2024-03-06", "2024-03-06 00:00"},
		{"生成日期：2024-03-06", "2024-03-06 00:00"},
		{"添加时间：2024-05-18 16:40", "2024-05-18 16:40"},
	}
	for _, tc := range tests {
		if s := minuteOf(labeledDate(fold(tc.in))); s != tc.want {
			t.Errorf("labeledDate(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}

func TestURLDate(t *testing.T) {
	tests := map[string]string{
		"http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml": "2023-03-22",
		"http://hb.wenming.cn/xt/202112/t20211211_7412345.html":     "2021-12-11",
		"http://www.wxwmw.gov.cn/gzdt/2023-03-21/123.html":          "2023-03-21",
		"http://news.example.cn/2023/03/22/abc.html":                "2023-03-22",
		"http://www.example.cn/a/2024/0305/123.html":                "2024-03-05",
		"http://www.example.cn/n1/2024/0305/c1001-40189.html":       "2024-03-05",
		"http://www.example.cn/xzdt/202403/05/1234.html":            "2024-03-05",
		"http://www.example.cn/a/2024/1234/5.html":                  "", // no month 12 day 34
		"http://www.example.cn/a/2024/0305.html":                    "", // a file, not a folder of the day
		"http://www.ngwm.gov.cn/portal.php?mod=view&aid=123":        "",
		"http://www.wenming.cn/a/yw/":                               "",
	}
	for raw, want := range tests {
		u, _ := url.Parse(raw)
		got, ok := urlDate(u)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != want {
			t.Errorf("urlDate(%s) = %q, want %q", raw, s, want)
		}
	}
}

// FuzzFindDateAnchored checks the anchored search, tried only at years,
// against the plain unanchored search of dateRe, and mayHoldUSDate, the
// filter before usDateRe, against usDateRe.
func FuzzFindDateAnchored(f *testing.F) {
	for _, s := range []string{"2023-03-22 20:29", "x120230322", "发布时间：2023年3月22日", "19999 2001/02/03", "成文日期 2020-01-01 2021-02-02", "9/17/2004 5:54:13 AM", "a/1/2004", "12/31/1999", "1/1/201", "//1/1/2000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		t1, p1, a1, ok1 := findDateRe(s, dateReAt, yearAt, dateFromMatch)
		t2, p2, a2, ok2 := findDateRe(s, dateRe, nil, dateFromMatch)
		if !t1.Equal(t2) || p1 != p2 || a1 != a2 || ok1 != ok2 {
			t.Errorf("%q: anchored %v %v %d %v, plain %v %v %d %v", s, t1, p1, a1, ok1, t2, p2, a2, ok2)
		}
		if usDateRe.MatchString(s) && !mayHoldUSDate(s) {
			t.Errorf("%q: usDateRe matches, mayHoldUSDate says it cannot", s)
		}
	})
}

// TestYearlessDate checks that a dateline without a year is dated only
// in the year of a URL month folder of the same month.
func TestYearlessDate(t *testing.T) {
	tests := []struct {
		text, url string
		want      string // "" = no date
	}{
		{"By Ann Lee · Mar. 5", "https://a.example/2024/03/x", "2024-03-05"},
		{"5 March", "https://a.example/2024-03/x.html", "2024-03-05"},
		{"发布时间：3月5日 10:20", "http://a.example.cn/202403/t1.html", "2024-03-05"},
		{"By Ann Lee · Mar. 5", "https://a.example/2024/04/x", ""}, // another month: no year to take
		{"By Ann Lee · Mar. 5", "https://a.example/local/x", ""},   // no folder: never guessed
		{"2023年3月5日", "https://a.example/2024/03/x", ""},           // a year is given: not year-less
		{"Feb. 30", "https://a.example/2024/02/x", ""},
		{"03-05 10:20 来源：江城网", "http://a.example.cn/2024/0305/1.html", "2024-03-05"}, // a month-and-day folder
		{"3/5 9:05", "https://a.example/2024/03/x", "2024-03-05"},
		{"2024-03-05 10:20", "https://a.example/2024/03/x", ""},     // a year is given
		{"比分 3-5 落后", "https://a.example/2024/03/x", ""},            // no time after it: a score, a range
		{"发布时间:03-05", "https://a.example/2024/03/x", "2024-03-05"}, // after a label's colon
		{"活动时间:3-5月", "https://a.example/2024/03/x", ""},            // a range of months
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		got, _, ok := yearlessDate(fold(tt.text), u)
		if s := got.Format("2006-01-02"); ok != (tt.want != "") || ok && s != tt.want {
			t.Errorf("yearlessDate(%q, %s) = %s %v, want %q", tt.text, tt.url, s, ok, tt.want)
		}
	}
}
