package extract

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestBodyHTMLHoldsWhatTextHolds: the lines the cleaning drops from the
// body text (a prompt, the info line, credits, a footer, the title) are
// not in the body HTML either — it rendered the chosen container whole —
// while their images stay, a paragraph the cleaning cut a prompt from
// keeps its place, and no element is left empty by what was left out.
func TestBodyHTMLHoldsWhatTextHolds(t *testing.T) {
	r := extractClassPage(t, "dropped_lines_markup.html", "http://www.example.gov.cn/zyfw/2024/0412/88.html")
	for _, gone := range []string{"点击上方蓝字", "发布时间", "查看更多", "长按二维码", "编辑：李丽", "版权所有"} {
		if strings.Contains(r.Body, gone) {
			t.Errorf("body text holds %q", gone)
		}
		if strings.Contains(r.BodyHTML, gone) {
			t.Errorf("body HTML holds %q, which the text dropped:\n%s", gone, r.BodyHTML)
		}
	}
	for _, kept := range []string{"4月11日，县文明办", "发放文明出行宣传资料", "下一步，县文明办将常态化", `/uploads/2024/04/jiaotong.jpg`, `/uploads/qr.png`} {
		if !strings.Contains(r.BodyHTML, kept) {
			t.Errorf("body HTML lost %q:\n%s", kept, r.BodyHTML)
		}
	}
	if len(r.Images) != 2 {
		t.Errorf("images %q, want the photo and the QR code", r.Images)
	}
	for _, empty := range []string{"<p></p>", "<td></td>", "<tr></tr>", "<table></table>"} {
		if strings.Contains(r.BodyHTML, empty) {
			t.Errorf("body HTML holds %s:\n%s", empty, r.BodyHTML)
		}
	}

	// Every class page: each block of the HTML that holds only inline
	// content holds text the body text holds, whole or (where a prompt
	// was cut from it) at its start or end.
	entries, err := os.ReadDir("testdata/classes")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".html") {
			continue
		}
		r := extractClassPage(t, e.Name(), "http://localhost/a/1.html")
		for _, block := range leafBlockTexts(t, r.BodyHTML) {
			if !bodyHolds(r.Body, block) {
				t.Errorf("%s: body HTML has a block the text has not: %q", e.Name(), block)
			}
		}
	}
}

// leafBlockTexts returns the texts, without white space, of the elements
// of body HTML s that hold only inline content.
func leafBlockTexts(t *testing.T, s string) []string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom != atom.Br && isBlockTag(n.DataAtom) && onlyInline(n) {
			if key := strings.Join(strings.Fields(textOfN(n, 1<<20)), ""); key != "" {
				out = append(out, key)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

// bodyHolds reports whether body text holds block (without white
// space) whole, or its first or last eight characters.
func bodyHolds(body, block string) bool {
	b := strings.Join(strings.Fields(body), "")
	if strings.Contains(b, block) {
		return true
	}
	r := []rune(block)
	return len(r) > 16 && (strings.Contains(b, string(r[:8])) || strings.Contains(b, string(r[len(r)-8:])))
}

// FuzzIndexText checks indexText against strings.Index.
func FuzzIndexText(f *testing.F) {
	for _, c := range [][2]string{{"中文的文本", "文本"}, {"中文", "中文的"}, {"a中b", "中"}, {"\xe4\xb8\xad", "\xb8\xad"}, {"x文本文本", "本文"}, {"", ""}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, s, sub string) {
		if got, want := indexText(s, sub), strings.Index(s, sub); got != want {
			t.Errorf("indexText(%q, %q) = %v, want %v", s, sub, got, want)
		}
	})
}

// TestDroppedBlocks: a block goes when the text holds none of its lines,
// whole or by their ends; one line held keeps it (a <br>-parted block
// whose credits line alone was dropped).
func TestDroppedBlocks(t *testing.T) {
	p1, p2, p3 := &html.Node{Data: "p1"}, &html.Node{Data: "p2"}, &html.Node{Data: "p3"}
	lines := []blockLine{
		{text: "点击上方蓝字关注我们", block: p1},
		{text: "4月11日，县文明办联合县公安局交警大队开展文明交通志愿服务活动。", block: p2},
		{text: "下一步将常态化开展文明交通志愿服务。返回首页，查看更多", block: p2},
		{text: "编辑：李丽", block: p3},
		{text: "审核：王强", block: p3},
	}
	body := "4月11日，县文明办联合县公安局交警大队开展文明交通志愿服务活动。\n下一步将常态化开展文明交通志愿服务。"
	got := droppedBlocks(lines, body)
	if !got[p1] || got[p2] || !got[p3] || len(got) != 2 {
		t.Errorf("dropped %v, want p1 and p3", got)
	}
	if got := droppedBlocks(lines, strings.Join([]string{lines[0].text, body}, "\n")); got[p1] {
		t.Errorf("p1 dropped though the text holds its line")
	}
}
