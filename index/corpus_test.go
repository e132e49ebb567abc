package index_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/index"
)

// Phrase tables for synthetic articles. Words share characters so that
// substrings recur across word and punctuation boundaries (国务院, 国务，院).
var (
	cjkWords = strings.Fields(`国务院 国务 务院 院办 办公厅 公厅 文明 文明城市 城市 市民 民生 生活 活动
		动员 志愿者 志愿服务 服务 务实 实践 践行 新时代 时代 代表 表彰 彰显 精神 神州 州市 河北
		北京 京津冀 冀州 社会主义 核心价值观 价值 值班 乡村振兴 振兴 兴业 业务 增值税 税收 收入
		入党 党建 建设 设立 立德树人 人民 民族 族群 群众 众志成城 城乡 乡风 风尚 尚德 德育 育人
		人才 才能 能力 力量 化解 解放 会议 议题 材料 理论 论坛 县委 委员 员工 工作 作风 风气
		气象 象征 征文 文化 化工 工程 程序 序言 言行 行动 动态 态度 度过 过年 年度 度假 文明实践站
		宣传部 部署 署名 名单 单位 位置 置业 业绩 绩效 效果 果断 断然 然后 后来 来源 源头 头条`)
	numbers = []string{"2022年", "２０２２年", "2023年", "２０２３年", "12月", "１２月", "3日", "３日",
		"第5届", "第５届", "100%", "１００％", "①", "②", "30余人", "３０余人", "1000名", "１０００名"}
	latin = []string{"GDP", "gdp", "App", "ＡＰＰ", "WiFi", "ｗｉｆｉ", "5G", "５Ｇ", "IT", "Ｉｔ", "CPC"}
	// punctuation, full-width and ASCII; no ASCII double quote (it delimits
	// phrases in queries).
	puncts = []string{"，", "。", "、", "；", "：", "！", "？", "（", "）", "《", "》", "“", "”", "——", "…", ",", ".", "·", "－"}
	sites  = []struct{ host, name, level string }{
		{"www.wenming.cn", "中国文明网", "national"},
		{"hb.wenming.cn", "河北文明网", "province"},
		{"sjz.wenming.cn", "石家庄文明网", "city"},
		{"zd.wenming.cn", "正定县文明网", "county"},
		{"bj.wenming.cn", "北京文明网", "province"},
	}
	columns = []string{"要闻", "文明实践", "志愿服务", "道德模范"}
)

// lineageOf returns the lineage of site i: national → province → city → county.
func lineageOf(i int) []string {
	chain := map[int][]int{0: {0}, 1: {0, 1}, 2: {0, 1, 2}, 3: {0, 1, 2, 3}, 4: {0, 4}}[i]
	var rv []string
	for _, j := range chain {
		rv = append(rv, sites[j].name, sites[j].host)
	}
	return rv
}

// genSentence returns a run of words, numbers, Latin words and punctuation.
// Numbers and Latin words are always followed by a Chinese word, so that
// word boundaries are where a reader expects them.
func genSentence(r *rand.Rand) string {
	var b strings.Builder
	n := 2 + r.IntN(8)
	for i := 0; i < n; i++ {
		switch x := r.IntN(100); {
		case x < 8:
			b.WriteString(numbers[r.IntN(len(numbers))])
			b.WriteString(cjkWords[r.IntN(len(cjkWords))])
		case x < 14:
			sp := r.IntN(3) == 0
			if sp {
				b.WriteString(" ")
			}
			b.WriteString(latin[r.IntN(len(latin))])
			if sp {
				b.WriteString(" ")
			}
			b.WriteString(cjkWords[r.IntN(len(cjkWords))])
		default:
			b.WriteString(cjkWords[r.IntN(len(cjkWords))])
		}
		if i < n-1 && r.IntN(3) == 0 {
			b.WriteString(puncts[r.IntN(len(puncts))])
		}
	}
	b.WriteString([]string{"。", "！", "？", "；"}[r.IntN(4)])
	return b.String()
}

func genDoc(r *rand.Rand, i int) index.Document {
	var body strings.Builder
	paras := 1 + r.IntN(4)
	for p := 0; p < paras; p++ {
		if p > 0 {
			body.WriteString([]string{"\n", "\n　　", "\n\n"}[r.IntN(3)])
		}
		for s := 0; s < 1+r.IntN(5); s++ {
			body.WriteString(genSentence(r))
		}
	}
	var title strings.Builder
	for w := 0; w < 2+r.IntN(3); w++ {
		title.WriteString(cjkWords[r.IntN(len(cjkWords))])
	}
	si := r.IntN(len(sites))
	id := fmt.Sprintf("https://%s/a/%05d.html", sites[si].host, i)
	d := index.Document{
		ID: id, URL: id,
		Title: title.String(), Body: body.String(),
		Site: sites[si].host, SiteName: sites[si].name, Level: sites[si].level,
		Column:  columns[r.IntN(len(columns))],
		Lineage: lineageOf(si),
	}
	// The sites of each level in the lineage (hosts are every other entry).
	for _, j := range map[int][]int{0: {0}, 1: {0, 1}, 2: {0, 1, 2}, 3: {0, 1, 2, 3}, 4: {0, 4}}[si] {
		switch sites[j].level {
		case "province":
			d.Province = sites[j].name
		case "city":
			d.City = sites[j].name
		case "county":
			d.County = sites[j].name
		}
	}
	if r.IntN(10) > 0 {
		d.Published = time.Date(2019+r.IntN(6), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), 0, 0, 0, cst)
	}
	if r.IntN(10) > 0 {
		v := int64(r.IntN(100000))
		d.Views = &v
	}
	return d
}

var cst = time.FixedZone("CST", 8*3600)

func genCorpus(seed uint64, n int) []index.Document {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	docs := make([]index.Document, n)
	for i := range docs {
		docs[i] = genDoc(r, i)
	}
	return docs
}
