package extract

import "testing"

// TestKeywordReplyMenu runs a county page of our own making that reposts
// an official account's article with the account's menu closing it: a
// numbered list of keyword replies (回复【公交】查看…) and the menu bar's
// prompt (点击菜单栏【便民服务】…). They were read as the story's last
// lines.
func TestKeywordReplyMenu(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "keyword_reply_menu.html", url: "http://www.jiangcheng.example.cn/jcyw/2024/0612/44.html",
		title: "江城港客运码头下月启用", published: "2024-06-12 09:05", source: "江城发布",
		want: []string{"记者从县交通运输局获悉", "首末班时间与客船班次衔接。"},
		not:  []string{"回复", "菜单栏", "版权所有"},
	}})
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"1、回复【公交】查看最新线路", true},
		{"回复“福利”查看各种政策福利", true},
		{"6. 回复「垃圾分类」查看投放指南", true},
		{"回复：您好，您反映的问题已转交县住建局办理", false}, // a letter's answer
		{"回复群众留言86条，办结率100%", false},     // a report's figures
		{"县长信箱回复【2024】第3号", false},       // not opening the line
	} {
		if got := keywordReply(tt.line); got != tt.want {
			t.Errorf("keywordReply(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
