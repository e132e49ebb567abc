package sitesim

import (
	"fmt"
	"strings"
	"time"
)

// The wechat-repost extra: a county that reposts its 公众号's articles
// (sites.md: "Reposted WeChat articles"). A third of its articles are
// reposts; the 来源 line names the account, and the body takes one of the
// forms real reposts take:
//
//	copied  (three in five) the HTML pasted from mp.weixin.qq.com: the
//	        body inside <div class="rich_media_content" id="js_content"
//	        style="visibility: hidden;"> (shown by WeChat's script, which
//	        the repost does not carry), paragraphs as <p><span> in nested
//	        <section>s, images as <img data-src> on mmbiz.qpic.cn with no
//	        src, a hidden <mp-style-type> paragraph at the end; one time in
//	        two the account's header pasted above it (原创, the author, the
//	        account's name in #js_name, the time)
//	link    (one in five) the lead paragraph and 原文链接: the article's
//	        mp.weixin.qq.com/s/… URL, as a link whose text is the URL; or,
//	        one time in two, that line alone
//	iframe  (one in five) the lead paragraph and the article in an
//	        <iframe> of mp.weixin.qq.com; or, one time in two, the iframe
//	        alone
//
// Truth.Body is the paragraphs the repost shows: the lead alone where
// one stands before the link (原文链接 under a text is a prompt to read on
// elsewhere, no paragraph), where the text is elsewhere the line that
// says where (原文链接：URL) or, for a frame alone, its URL; the
// account's header is no paragraph. Truth.Source is the account,
// Truth.RepostOf the article's URL on mp.weixin.qq.com, a host outside
// the hierarchy.

// repost forms.
const (
	repostNone = iota
	repostCopied
	repostLink
	repostFrame
)

// wechatAccounts are the suffixes of the names of county 公众号.
var wechatAccounts = []string{"发布", "文明实践", "融媒", "文明网"}

// wechatRepost makes a third of a wechat-repost site's articles reposts
// of its 公众号's: the account as source, the form, and for the link and
// iframe forms the lead paragraph, or what says where the text is.
func (sim *Sim) wechatRepost(a ref, c *content) {
	h := mix(uint64(sim.opts.Seed), uint64(a.s.idx), uint64(a.j), 0x3c17)
	if !a.s.has(ExtraWeChat) || h%3 != 0 {
		return
	}
	c.account = a.s.short + wechatAccounts[(h/3)%uint64(len(wechatAccounts))]
	c.source = c.account
	c.wechat = fmt.Sprintf("https://mp.weixin.qq.com/s/%s", wechatKey(h))
	switch (h / 12) % 5 {
	case 0, 1, 2:
		c.repost = repostCopied
	case 3:
		c.repost = repostLink
	default:
		c.repost = repostFrame
	}
	if c.repost == repostCopied {
		return
	}
	lead := 0
	for lead < len(c.paras)-1 && c.paras[lead].text == "" {
		lead++
	}
	c.paras = c.paras[lead : lead+1 : lead+1]
	if (h/60)%2 == 1 {
		// the link or the frame alone: the record keeps where the text
		// is, and the page has no summary (the editor's text was none)
		c.summary = ""
		c.paras[0] = para{text: c.wechat}
		if c.repost == repostLink {
			c.paras[0].text = "原文链接：" + c.wechat
		}
	}
}

// wechatKey is the 22-character key of a mp.weixin.qq.com/s/ URL.
func wechatKey(h uint64) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var b strings.Builder
	for k := range 22 {
		b.WriteByte(digits[mix(h, uint64(k))%64])
	}
	return b.String()
}

// wechatBody is the body of a repost as the CMS's editor saved it; ""
// for an article that is none.
func wechatBody(c content, t time.Time) string {
	var b strings.Builder
	switch c.repost {
	case repostNone:
		return ""
	case repostLink, repostFrame:
		link := fmt.Sprintf("<p>\n\t原文链接：<a href=\"%s\" target=\"_blank\">%s</a></p>\n", c.wechat, c.wechat)
		if c.repost == repostFrame {
			link = fmt.Sprintf("<p>\n\t<iframe src=\"%s\" width=\"100%%\" height=\"800\" frameborder=\"0\" scrolling=\"auto\"></iframe></p>\n", c.wechat)
		}
		for k, p := range c.paras {
			switch {
			case k == 0 && (p.text == c.wechat || p.text == "原文链接："+c.wechat):
				b.WriteString(link) // the link or the frame alone
			case k == 0:
				fmt.Fprintf(&b, "<p>\n\t　　%s</p>\n%s", esc(p.text), link)
			default:
				fmt.Fprintf(&b, "<p>\n\t　　%s</p>\n", esc(p.text))
			}
		}
		return b.String()
	}
	h := mix(uint64(len(c.wechat)), uint64(t.Unix()))
	if h%2 == 0 {
		fmt.Fprintf(&b, "<div id=\"meta_content\" class=\"rich_media_meta_list\"><span id=\"copyright_logo\" class=\"wx_tap_link js_wx_tap_highlight rich_media_meta icon_appmsg_tag appmsg_title_tag weui-wa-hotarea\">原创</span> <span class=\"rich_media_meta rich_media_meta_text\">%s融媒体中心</span> <span class=\"rich_media_meta rich_media_meta_nickname\" id=\"profileBt\"><a href=\"javascript:void(0);\" class=\"wx_tap_link js_wx_tap_highlight weui-wa-hotarea\" id=\"js_name\">%s</a></span> <em id=\"publish_time\" class=\"rich_media_meta rich_media_meta_text\">%s</em></div>\n",
			esc(strings.TrimSuffix(c.account, wechatAccounts[0])), esc(c.account), t.Format("2006-01-02 15:04"))
	}
	b.WriteString("<div class=\"rich_media_content js_underline_content autoTypeSetting24psection\" id=\"js_content\" style=\"visibility: hidden;\">\n<section style=\"font-size: 15px;line-height: 1.75em;letter-spacing: 1px;\">")
	for k, p := range c.paras {
		switch {
		case p.img != "":
			fmt.Fprintf(&b, "<section style=\"margin: 10px 0px;text-align: center;\"><img class=\"rich_pages wxw-img\" data-ratio=\"0.6666667\" data-src=\"https://mmbiz.qpic.cn/mmbiz_jpg/%s/640?wx_fmt=jpeg\" data-type=\"jpeg\" data-w=\"1080\" style=\"width: 100%%;\"></section>", wechatKey(mix(h, uint64(k))))
		case p.caption:
			fmt.Fprintf(&b, "<p style=\"text-align: center;\"><span style=\"color: rgb(136, 136, 136);font-size: 12px;\">%s</span></p>", esc(p.text))
		case p.heading:
			fmt.Fprintf(&b, "<section style=\"margin-top: 16px;\"><section><p><strong><span style=\"color: rgb(192, 0, 0);\">%s</span></strong></p></section></section>", esc(p.text))
		default:
			fmt.Fprintf(&b, "<p style=\"text-indent: 2em;margin-bottom: 0px;\"><span style=\"font-size: 15px;font-family: 微软雅黑, &quot;Microsoft YaHei&quot;;\">%s</span></p><p><br></p>", esc(p.text))
		}
		b.WriteByte('\n')
	}
	b.WriteString("</section>\n<p style=\"display: none;\"><mp-style-type data-value=\"3\"></mp-style-type></p>\n</div>\n")
	return b.String()
}
