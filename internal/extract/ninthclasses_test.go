package extract

import "testing"

// TestAvatarAuthor runs pages of our own making whose writer is shown
// only as an account's chip by the title — an avatar picture and a name
// — under class names that mean nothing, so that only the structure
// says which text is the writer's name; the author rule read it from
// the chip's class (author, byline) alone and gave none.
//   - A self-media platform's account line: the avatar in a box of its
//     own, the name, then the post's date and time in the same box.
//   - A community site's profile link holding the avatar and the name,
//     after a QR code over its prompt; the date closes the body.
//   - An old portal's channel line under the title: a logo, the channel's
//     name linking to its front page, the date. That name is no writer;
//     the byline opening the body is.
func TestAvatarAuthor(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "avatar_account_line.html", url: "https://hao.jiangcheng.example.cn/s/99123.html",
		title: "青石镇“红马甲”守护老街烟火气", published: "2024-05-18 09:32", author: "江城文明志愿者",
		want: []string{"清晨六点，青石镇老街还笼罩在薄雾里", "在积分超市兑换生活用品。"},
		not:  []string{"江城文明志愿者", "举报", "为你推荐", "老旧小区加装电梯"},
	}, {
		file: "avatar_profile_link.html", url: "http://ssp.jiangcheng.example.cn/p/77031.html",
		title: "在社区食堂当了一天志愿者", published: "2024-05-20 18:42", author: "竹林听雨",
		want: []string{"周六一早，我报名去锦绣社区的长者食堂做志愿者。", "下个月我还想再来。"},
		not:  []string{"扫码下载", "关注", "评论 12"},
	}, {
		file: "channel_logo_line.html", url: "http://news.jiangcheng.example.cn/xz/2024/0412/331.html",
		title: "江城县农村人居环境整治见实效", published: "2024-04-12 10:15", author: "张伟", source: "江城日报", editor: "李娜",
		want: []string{"春耕时节，走进江城县青石镇上湾村", "谁也不愿落后。"},
		not:  []string{"江城乡镇观察", "江城新闻首页"},
	}})
}

// TestCountedCommentsHeading runs pages of our own making whose readers'
// comments follow the story in its own container, under a heading that
// counts them (《…》已有2件评论), with class names that mean nothing; the
// comments, written in sentences, were read as more of the story (only
// a comment list's class name set them apart).
//   - A blog post, its trackback line, the counted heading, the list of
//     dated comments and the form to write one.
//   - A count of comments on a line of its own under the title, above
//     the story in the same container: it heads nothing after it.
func TestCountedCommentsHeading(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "counted_comments_heading.html", url: "http://blog.qingshi.example.cn/?p=218",
		title: "我在社区当“网格员”的第一年", published: "2024-03-02 20:15",
		want: []string{"去年春天，我报名成为锦绣社区的一名志愿网格员", "可每一件都连着居民的日子。"},
		not:  []string{"已有2件评论", "看了你的文章很感动", "真心说一声谢谢", "发表评论", "昵称"},
	}, {
		file: "comment_count_under_title.html", url: "http://www.jiangcheng.example.cn/wmcj/2024/0512/77.html",
		title: "江城县举办第三届“最美家庭”故事分享会", published: "2024-05-12 16:40", source: "县妇联",
		want: []string{"5月11日，江城县第三届“最美家庭”故事分享会在县文化中心举行", "让好家风在全县传开。"},
	}})
}

func TestCommentCountHead(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"《播客热潮迅速蔓延》已有1件评论", true},
		{"共36条评论", true},
		{"12 条回复", true},
		{"“青石镇的春天”有3条留言", true},
		{"5 Responses to “Spring in Qingshi”", true},
		{"One Comment", true},
		{"2 comments on \"A Post\"", true},
		{"评论", false},          // no count: a column may be called so
		{"县委召开3次评论会", false},   // a sentence naming comments
		{"已有1件评论，欢迎留言", false}, // more than the count
		{"Comments", false},
	} {
		if got := commentCountHeadRe.MatchString(tt.s); got != tt.want {
			t.Errorf("commentCountHeadRe(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestNamesAloneByline runs pages of our own making whose writers are
// named only by a line of their names, with no role or label, under
// class names that mean nothing; the author rule read such a line only
// as the body's first, and gave none.
//   - Two names on a line of their own between the headline and the date
//     line (a county paper's reprint).
//   - Two names closing the report, after its last sentence.
//   - A roll of honour closing a notice: lines of names, the last no
//     sign-off; nor is a name alone under the title (a column: 时政).
func TestNamesAloneByline(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "names_under_title.html", url: "http://news.jiangcheng.example.cn/xz/2024/0603/12.html",
		title: "青石镇：“积分超市”激活乡村文明新风", published: "2024-06-03 08:50", author: "张伟、李娜", source: "江城日报", editor: "周敏",
		want: []string{"走进青石镇上湾村的“文明积分超市”", "文明新风在乡村蔚然成风。"},
	}, {
		file: "names_closing_body.html", url: "http://www.jiangcheng.example.cn/wmcj/2024/0902/90.html",
		title: "江城县“小手拉大手”文明交通进校园活动启动", published: "2024-09-02 15:20", author: "王强、刘洋", source: "县文明办",
		want: []string{"9月2日，江城县“小手拉大手”文明交通进校园活动在县实验小学启动", "覆盖全县四十余所中小学校。"},
	}})
	r := extractClassPage(t, "honour_roll_closing.html", "http://www.jiangcheng.example.cn/zyfw/2024/1205/3.html")
	if r.Author != "" {
		t.Errorf("honour_roll_closing.html: author %q, want none (a roll of names closes the notice)", r.Author)
	}
	if got := infoNamesLine([]string{"时政", "2024-06-03 08:50"}); got != nil {
		t.Errorf("infoNamesLine(时政) = %q, want none", got)
	}
}

// TestClosingShareAsks runs a page of our own making whose story closes
// with a portal's prompts in blocks whose class names mean nothing: an
// ask to share with no verb of a prompt (分享让更多人看到) and one to get
// the site's app named as a program (下载…应用程序); only their classes
// had set them apart.
func TestClosingShareAsks(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "closing_share_asks.html", url: "http://news.jiangcheng.example.cn/bd/2024/0708/15.html",
		title: "江城县首家“爱心驿站”在城关镇启用", published: "2024-07-08 11:05", source: "江城新闻",
		want: []string{"7月8日，江城县首家“爱心驿站”在城关镇人民路启用", "渴了有水喝”。"},
		not:  []string{"分享让更多人看到", "应用程序"},
	}})
}
