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
