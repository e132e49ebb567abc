package extract

import "testing"

// TestStoryAboveComments: a blog's photo diary told in lines without
// sentence stops, under a template whose class names mean nothing, and
// after it a list of dated comments written in sentences. The comments
// scored best, and the first of them was taken for the page's post
// (its body, its date).
func TestStoryAboveComments(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "diary_above_comments.html", url: "http://blog.example.cn/post/123.html",
		title: "青石镇志愿者植树记", published: "2024-03-16 21:05", column: "随手拍",
		want: []string{"三月的青石镇 春雨过后山坡一片新绿", "看看我们亲手种下的林子"},
		not:  []string{"评论", "竹林听雨", "回复", "腊肉炒笋看着就香"},
	}})
}
