package index_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/index"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("甲乙丙丁戊己庚辛壬癸", 20) // 200 characters
	tests := []struct {
		name, body string
		terms      []string
		width      int
		want       string
	}{
		{"escape", `<script>alert("x")</script>文明 & 'q'`, []string{"文明"}, 0,
			`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;<mark>文明</mark> &amp; &#39;q&#39;`},
		{"repeats marked whole", "国务院召开会议，国务院办公厅发布。", []string{"国务院"}, 0,
			"<mark>国务院</mark>召开会议，<mark>国务院</mark>办公厅发布。"},
		{"one character", "增值税和消费税", []string{"税"}, 0, "增值<mark>税</mark>和消费<mark>税</mark>"},
		{"overlapping terms merge", "国务院办公厅", []string{"国务", "务院"}, 0, "<mark>国务院</mark>办公厅"},
		{"original width shown", "２０２２年ＧＤＰ增长", []string{"2022年", "gdp"}, 0, "<mark>２０２２年</mark><mark>ＧＤＰ</mark>增长"},
		{"letters and digits inside words", "2022年和22年，apple与App", []string{"22年", "app"}, 0, "20<mark>22年</mark>和<mark>22年</mark>，<mark>app</mark>le与<mark>App</mark>"},
		{"white space collapsed", "第一段。\n\n　　第二段文明。", []string{"文明"}, 0, "第一段。 第二段<mark>文明</mark>。"},
		{"no match: start of body", long, []string{"不在"}, 20, "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸…"},
		{"short body, no match", "短文。", nil, 0, "短文。"},
		{"window around match", long[:150*3] + "国务院" + long[:150*3], []string{"国务院"}, 30,
			"…甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸<mark>国务院</mark>甲乙丙丁戊己庚…"},
		{"most distinct terms win", "文明" + long + "文明城市" + long, []string{"文明", "城市"}, 40,
			"…甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸<mark>文明</mark><mark>城市</mark>甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := index.Snippet(tt.body, tt.terms, tt.width)
			if got != tt.want {
				t.Errorf("\ngot  %s\nwant %s", got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Error("invalid UTF-8")
			}
		})
	}
}

func TestSearchSnippet(t *testing.T) {
	ix := openTemp(t)
	body := `页面里有 <script>alert("x")</script> 这样的文字，文明城市创建"进行时"。` + strings.Repeat("其他内容。", 40)
	err := putWithBodies(ix,
		index.Document{ID: "a", Title: "标题", Body: body},
		index.Document{ID: "b", Title: "文明城市标题", Body: "正文开头不含查询词。" + strings.Repeat("其他内容。", 40)},
	)
	if err != nil {
		t.Fatal(err)
	}
	res := search(t, ix, index.Query{Text: "文明城市 alert"})
	if len(res.Hits) != 1 {
		t.Fatalf("hits %v", ids(res))
	}
	s := res.Hits[0].Snippet
	for _, bad := range []string{"<script", `"`, "</script"} {
		if strings.Contains(s, bad) {
			t.Errorf("snippet not escaped (%s): %s", bad, s)
		}
	}
	for _, want := range []string{"&lt;script&gt;<mark>alert</mark>(&#34;x&#34;)&lt;/script&gt;", "<mark>文明城市</mark>创建&#34;进行时&#34;", "…"} {
		if !strings.Contains(s, want) {
			t.Errorf("snippet lacks %s: %s", want, s)
		}
	}
	// Only the title matched: the snippet is the start of the body.
	res = search(t, ix, index.Query{Text: "标题", Sort: "published"})
	for _, h := range res.Hits {
		if h.ID == "b" && !strings.HasPrefix(h.Snippet, "正文开头不含查询词。") {
			t.Errorf("title-only snippet: %s", h.Snippet)
		}
	}
}
