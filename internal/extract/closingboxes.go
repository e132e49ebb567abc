package extract

import (
	"slices"
	"strings"
)

// emptyBoxNotes are what a box of related stories or of comments says
// when it has none (没有相关文章, 暂无评论).
var emptyBoxNotes = []string{
	"没有相关文章", "暂无相关文章", "无相关文章", "没有相关信息", "暂无相关信息", "暂无相关新闻", "没有相关新闻",
	"暂无评论", "暂无留言", "还没有评论", "没有评论", "暂无网友评论",
	"沒有相關文章", "暫無相關文章", "暫無評論", "暫無留言",
}

// commentDisclaimerWords are the words of the notice a comment box opens
// with: that it shows only some comments, that they speak for their
// writers and not for the site (（只显示最新10条。评论内容只代表网友观点，与本站立场无关！）).
var commentDisclaimerWords = []string{"只代表网友", "仅代表网友", "只代表其个人", "仅代表其个人", "与本站立场无关", "不代表本站", "只显示最新", "網友觀點", "與本站立場無關"}

// closingBoxLine reports whether l, a line among the body's last, is the
// heading of a box of related stories or of comments standing alone (a
// box with nothing in it, or whose items were trimmed as links), what
// such a box says when empty (emptyBoxNotes), or a comment box's
// disclaimer (commentDisclaimerWords): the page's furniture, which a
// template built of table rows (ASP CMSs such as 动易) renders in the rows
// after the story's, in the story's table.
func closingBoxLine(l string) bool {
	if !runesAtMost(l, 60) {
		return false
	}
	head := strings.Trim(l, " :：()（）[]【】")
	switch {
	case runesAtMost(l, 16) && relatedHeading(l):
		return true
	case slices.Contains(commentHeadings, head) || countedCommentHead(head):
		return true
	case slices.Contains(emptyBoxNotes, head):
		return true
	}
	return (strings.Contains(l, "评论") || strings.Contains(l, "留言") || strings.Contains(l, "評論")) && containsAnyOf(l, commentDisclaimerWords)
}

// dropClosingBoxes drops the run of lines closing the body that
// closingBoxLine reads as the page's boxes after the story.
func dropClosingBoxes(lines []string) []string {
	for len(lines) > 1 && closingBoxLine(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}
