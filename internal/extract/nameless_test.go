package extract

import "testing"

// TestStoryWithRepeatedBlocks runs pages of our own making where a story
// comes with repeated dated blocks under a template whose class names
// mean nothing, so that only the structure tells them apart; the rule
// for forum threads and blog pages took the first block for the page's
// post (its body, its date).
//   - A blog's photo diary told in lines without sentence stops, then a
//     list of dated comments written in sentences: the comments scored
//     best.
//   - A county report whose text goes on into a dated block for each
//     event, in the same container: the container opens with its own
//     text, as no thread or blog page does.
func TestStoryWithRepeatedBlocks(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "diary_above_comments.html", url: "http://blog.example.cn/post/123.html",
		title: "青石镇志愿者植树记", published: "2024-03-16 21:05", column: "随手拍",
		want: []string{"三月的青石镇 春雨过后山坡一片新绿", "看看我们亲手种下的林子"},
		not:  []string{"评论", "竹林听雨", "回复", "腊肉炒笋看着就香"},
	}, {
		file: "story_then_dated_blocks.html", url: "http://www.example.cn/wmcj/2024/0628/55.html",
		title: "县文化馆“送戏下乡”活动综述", published: "2024-06-28 09:30", source: "县文化馆",
		want: []string{"今年以来，县文化馆以“文化惠民、服务群众”为主题", "各场演出情况如下。", "2024年3月12日，在青石镇文化广场", "社区干部向居民发放了宣传资料。"},
		not:  []string{"主办：某某县委宣传部"},
	}})
}
