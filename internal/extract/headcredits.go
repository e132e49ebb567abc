package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// The credits of a piece in an element of their own between its title
// and its text (an app's share page: <h1>…</h1> <div>冀云威县 2024-05-19</div>
// <div>记者：宋佳　通讯员：冯帅</div> <div>text…</div>). Where the body
// found is the wrapper holding the title too — class names that say
// nothing leave the text's own container unknown — the credits line is
// the piece's header, not its text: the byline a text opens with inside
// its own container stays (新京报讯（记者 杨菲菲）…, 文｜记者 孙丽).

// headCreditRoles are the roles a credits line names, each with its
// colon and a name.
var headCreditRoles = []string{"记者", "通讯员", "作者", "文", "图", "摄影", "摄像", "视频", "编辑", "责任编辑", "实习生", "见习记者", "特约记者"}

// creditsOnly reports whether l is only credits: role：name pairs parted
// by spaces, each name a person's (nameAfterRole).
func creditsOnly(l string) bool {
	if !runesAtMost(l, 40) || !strings.ContainsAny(l, ":：") {
		return false
	}
	for tok := range strings.FieldsSeq(strings.NewReplacer("\u3000", " ", "\u00a0", " ").Replace(l)) {
		role, name, ok := strings.Cut(strings.Replace(tok, "：", ":", 1), ":")
		if !ok || !slices.Contains(headCreditRoles, role) || !nameAfterRole(name) {
			return false
		}
	}
	return true
}

// dropHeadCredits drops the credits lines (creditsOnly) standing in
// blocks of their own before the text when the body holds the title: the
// lines of the body's first three that follow the title's element.
func (p *page) dropHeadCredits(lines []bodyLine, body, title *html.Node) []bodyLine {
	if title == nil || body == nil || body == title || !p.contains(body, title) {
		return lines
	}
	end := p.lastOf(title)
	for i := 0; i < len(lines) && i < 3; i++ {
		l := lines[i]
		if l.block == nil || p.order.of(l.block) <= end || !creditsOnly(l.text) {
			continue
		}
		if strings.TrimSpace(textOfN(l.block, 64)) != l.text {
			continue // the line opens a block of text: the text's byline
		}
		return append(lines[:i:i], lines[i+1:]...)
	}
	return lines
}
