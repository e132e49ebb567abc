package extract

import (
	"testing"
)

// TestReviewChainEditor runs county stories of our own making signed off
// by the three stages of a newsroom's review alone (初审：李丽　复审：王强
// 终审：赵刚, （一审：孙丽　二审：钱进　三审：周芳）): no editor was read.
// Under the three-review rule (三审制) the first review is the
// responsible editor's, so the first stage names the editor when the
// sign-off names no 编辑.
func TestReviewChainEditor(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "review_chain_editor.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0612/1580.html",
		title: "青山镇开展防溺水安全宣传进校园活动", published: "2024-06-12 10:05", source: "青山镇", editor: "李丽", views: "233",
		want: []string{"6月11日，青山镇联合派出所", "筑牢暑期安全防线。"},
		not:  []string{"初审", "终审", "版权所有"},
	}, {
		file: "review_stage_numbers.html", url: "http://www.jcrm.example.cn/mtdt/2024/0703/880.html",
		title: "县融媒体中心举办新闻采写业务培训", published: "2024-07-03 17:20", source: "江城融媒", editor: "孙丽",
		want: []string{"7月3日，县融媒体中心举办", "讲好江城故事。"},
		not:  []string{"一审", "三审", "版权所有"},
	}})
}

// TestAccountNamedRelease runs a story of our own making whose info line
// opens with the government account it comes from, no label before it,
// an ideographic space between it and the time (巨鹿发布　2024-06-20
// 09:12): the source went unread, as it did for any outlet so set apart.
func TestAccountNamedRelease(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "account_named_release.html", url: "http://www.jcwmw.example.cn/xqdt/2024/0620/1599.html",
		title: "巨鹿县开展“文明餐桌”宣传活动", published: "2024-06-20 09:12", source: "巨鹿发布", views: "56",
		want: []string{"近日，巨鹿县组织志愿者", "发放倡议书1000余份。"},
		not:  []string{"巨鹿发布", "版权所有"},
	}})
}

// TestFirstReviewEditor checks the editor credits reads from a chain of
// reviews: the first review's when no editor is named, an editor named
// beside it otherwise, and none from later reviews alone.
func TestFirstReviewEditor(t *testing.T) {
	for _, tt := range []struct{ line, editor string }{
		{"初审：李丽　复审：王强　终审：赵刚", "李丽"},
		{"（一审：孙丽　二审：钱进　三审：周芳）", "孙丽"},
		{"編輯：趙敏　初審：李麗　終審：劉偉", "趙敏"},
		{"编辑：赵敏　初审：李丽　终审：刘伟", "赵敏"},
		{"初审：李丽　责任编辑：王雪", "王雪"},
		{"复审：王强　终审：赵刚", ""},
		{"审核：陈刚　终审：刘伟", ""},
	} {
		editor, ok := credits(tt.line)
		if !ok || editor != tt.editor {
			t.Errorf("credits(%q) = %q, %v, want %q, true", tt.line, editor, ok, tt.editor)
		}
	}
}
