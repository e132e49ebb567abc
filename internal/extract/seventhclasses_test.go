package extract

import "testing"

// TestSeventhClasses runs one page of our own making for each further
// class of Chinese page whose date, count or title the pages of the
// other class tests leave out: a year-less time on the info line under
// a URL that files the page by day. Each page stands for a class, not a
// site.
func TestSeventhClasses(t *testing.T) {
	tests := []classPage{
		{
			// A portal prints a story of this year with the month, the
			// day and the time, no year (03-05 21:40), under a URL filed
			// by the year's folder and one of the month and day
			// (/2024/0305/): the page was undated, the URL's day and the
			// shown time unread.
			file: "yearless_clock_url_day.html", url: "http://www.jcnews.example.cn/bd/2024/0305/102.html",
			title: "江城：夜市经济点亮城市烟火气", published: "2024-03-05 21:40",
			want: []string{"夜幕降临，江城老街夜市灯火通明", "市民刘女士说。"},
			not:  []string{"03-05", "评论", "热点新闻", "3号线"},
		},
	}
	checkClassPages(t, tests)
}
