package extract

import "testing"

// TestBlockClasses runs one page of our own making for each further
// class of Chinese page whose fields or body sit in blocks the pages of
// TestPortalClasses, TestChinesePageClasses, TestTemplateClasses and
// TestFormClasses leave out — an office's reply in a block of its own
// class, a time in traditional characters after the weekday. Each page
// stands for a class, not a site.
func TestBlockClasses(t *testing.T) {
	tests := []classPage{
		{
			// A mailbox's letter page (县长信箱) sets the citizen's letter
			// (div.ask) and the office's reply (div.reply, its header
			// line 回复单位：… 回复时间：…) in blocks of their own
			// classes, the letter the longer: the reply, named as a
			// readers' reply is, was furniture, and the body the letter
			// alone.
			file: "letter_reply_blocks.html", url: "http://www.example.gov.cn/hdjl/xzxx/2024/0409/55.html",
			title: "关于青石村道路破损问题的咨询", published: "2024-04-02 09:15", column: "县长信箱",
			want: []string{"尊敬的县长：您好！我是青石镇青石村村民", "希望政府能尽快安排维修，谢谢！", "张先生：您好！您反映的青石村主干道破损问题", "感谢您对交通工作的关心和支持！"},
			not:  []string{"来信人", "回复单位", "版权所有"},
		},
		{
			// A Hong Kong or Taiwan portal dates its story with the
			// weekday in traditional characters and a 12-hour time
			// (2024年3月5日 週二 下午2:20): 週 was no weekday, and the
			// time of day was lost.
			file: "weekday_clock_traditional.html", url: "https://news.example.com.tw/local/20240305/77",
			title: "縣府舉辦長者健康講座", published: "2024-03-05 14:20", author: "林志明",
			want: []string{"縣政府今日在文化中心舉辦長者健康講座", "多走路運動。"},
			not:  []string{"版權所有", "記者"},
		},
	}
	checkClassPages(t, tests)
}
