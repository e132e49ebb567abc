package extract

import "testing"

// TestAuthorAlsoEditor runs a county page of our own making whose info
// line labels the author (作者：周慧敏) and whose closing line names the
// same person as the editor (【责任编辑：周慧敏】): on a small site one
// person writes and edits. The labelled author was dropped for being the
// editor's name, a rule meant for names found without a label.
func TestAuthorAlsoEditor(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "author_also_editor.html", url: "http://www.jiangcheng.example.cn/xzdt/2024/0521/31.html",
		title: "柳河镇开展“文明家庭”评选表彰活动", published: "2024-05-21 09:30", source: "柳河镇",
		author: "周慧敏", editor: "周慧敏",
		want: []string{"5月20日，柳河镇召开", "让好家风带动好民风。"},
		not:  []string{"责任编辑", "版权所有", "主办"},
	}})
}
