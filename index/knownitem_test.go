package index

// The known-item ranking test: how well does relevance ranking put the
// article a reader has in mind first, when the reader types its title, a
// few of its words in another order, or a phrase from it? The corpus comes
// from internal/sitesim (a test-only import; the package itself imports no
// wenming package).
//
// knownitem_gse_test.go (build tag gse) runs the same queries against the
// same ranking plus a dictionary-segmentation signal; see doc.go, Caveats.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

const (
	knownItemArticles = 3000 // corpus size
	knownItemSources  = 300  // articles that queries are formed from
	knownItemDepth    = 100  // ranks looked at; a source ranked lower counts 0 in MRR
)

// Query kinds of the known-item test.
const (
	kiTitle    = "title"    // the whole title as shown
	kiRephrase = "rephrase" // 2–4 title words, reordered or with words dropped
	kiPhrase   = "phrase"   // 2–3 adjacent title words
)

var kiKinds = []string{kiTitle, kiRephrase, kiPhrase}

type kiQuery struct {
	kind, text, id string
}

// knownItemCorpus returns the sitesim articles as Documents and the queries
// formed from the titles of knownItemSources of them. Only articles whose
// title no other article has are sources, so that the wanted hit is
// well defined.
func knownItemCorpus() ([]Document, []kiQuery) {
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: knownItemArticles})
	var docs []Document
	titles := map[string]int{}
	sim.ForEachArticle(func(a sitesim.Truth) bool {
		d := Document{
			ID: a.URL, URL: a.URL, Title: a.Title, Body: a.Body,
			Site: a.Host, SiteName: a.SiteName, Level: a.Level, Column: a.Column,
			Source: a.Source, Author: a.Author,
			Lineage:   append(slices.Clone(a.Lineage), a.LineageHosts...),
			Published: a.Published, Views: a.ViewsBefore,
		}
		docs = append(docs, d)
		titles[strings.Join(Terms(a.Title), " ")]++
		return true
	})
	r := rand.New(rand.NewPCG(11, 13))
	var qs []kiQuery
	seen := map[string]bool{}
	add := func(kind, text, id string) {
		if len(Terms(text)) == 0 || seen[kind+"\x00"+text] {
			return
		}
		seen[kind+"\x00"+text] = true
		qs = append(qs, kiQuery{kind, text, id})
	}
	sources := 0
	for _, i := range r.Perm(len(docs)) {
		if sources == knownItemSources {
			break
		}
		d := docs[i]
		if titles[strings.Join(Terms(d.Title), " ")] != 1 {
			continue
		}
		sources++
		add(kiTitle, d.Title, d.ID)
		segs := kiSegments(d.Title)
		var words []string
		for _, seg := range segs {
			for _, w := range seg {
				if len([]rune(w)) >= 2 && !slices.Contains(words, w) {
					words = append(words, w)
				}
			}
		}
		if len(words) >= 2 {
			k := min(len(words), 2+r.IntN(3))
			if k == len(words) && k > 2 && r.IntN(2) == 0 {
				k-- // drop a word
			}
			var pick []string
			for _, j := range r.Perm(len(words))[:k] {
				pick = append(pick, words[j])
			}
			if slices.Equal(pick, words) { // same order as the title: swap
				pick[0], pick[1] = pick[1], pick[0]
			}
			add(kiRephrase, strings.Join(pick, " "), d.ID)
		}
		// A key phrase: 2–3 adjacent words within one run of the title
		// between punctuation, beginning and ending with a word of two or
		// more characters (not a number), not the whole title.
		var phrases []string
		for _, seg := range segs {
			for n := 2; n <= 3; n++ {
				for s := 0; s+n <= len(seg); s++ {
					p := strings.Join(seg[s:s+n], "")
					if kiWord(seg[s]) && kiWord(seg[s+n-1]) && len([]rune(p)) >= 3 && p != d.Title {
						phrases = append(phrases, p)
					}
				}
			}
		}
		if len(phrases) > 0 {
			add(kiPhrase, phrases[r.IntN(len(phrases))], d.ID)
		}
	}
	return docs, qs
}

// kiLexicon is a hand-made word list for the register of 文明网 titles, used
// only to cut titles into the words a reader would type. It is independent
// of any segmenter under test.
var kiLexicon = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		开展 深入开展 扎实开展 组织开展 主题活动 活动 召开 举办 启动 工作 工作会议 工作综述 工作简报 工作情况
		精神文明 精神文明建设 精神文明创建 单位 获评 年度 文明单位 志愿者 志愿服务 志愿服务队 志愿服务活动
		新时代 文明实践 新时代文明实践 关于 通报 通知 文明办 专项督查 好人 中国好人 身边好人
		学雷锋 文明交通 移风易俗 文明家庭 评选 我们的节日 春节 端午 中秋 全民阅读 垃圾分类 进社区 光盘行动
		文明餐桌 诚信建设 爱国卫生运动 文明祭扫 道德讲堂 网络文明 未成年人 思想道德建设 文明旅游 邻里守望
		关爱 留守儿童 敬老爱老 清洁家园 创建 文明校园 双争 三创四建 文明城市 我为群众办实事 喜迎二十大
		在身边 文明新风 进万家 弘扬 时代新风 学习贯彻 党的二十大精神 争做 文明市民 树立 行业 新形象 彰显
		新风尚 凝聚 向上向善 力量 共建共享 暖人心 润万家 小切口 推动 大变化 见实效 为抓手 各项工作 提质增效
		用心用情 服务群众 擦亮 底色 党建引领 聚合力 谱新篇 成为 习惯 城市 更有温度 传承 优良家风 涵养
		文明乡风 守护 绿水青山 共建 美丽家园 聚焦 群众所需 打通 最后一公里 乡村振兴 文艺汇演 知识竞赛 演讲比赛
		座谈会 表彰大会 启动仪式 主题宣讲 培训班 观摩推进会 经验交流会 文明 身边 好家风 礼让 斑马线 书香满城
		颂歌 献给党 最美志愿者 劳动最光荣 文明礼仪 伴我行 青春 心向党 就在身边 吹进 千家万户 乡村面貌
		焕然一新 更有温度 群众 获得感 幸福感 持续提升 文明之花 处处绽放 蔚然成风 崇德向善 风尚 扎实推进
		全国文明城市 文明实践活动 持续巩固 创建成果 全面提升 市民 文明素质 常态化 打造 品牌 环境卫生
		集中整治 部署 下阶段 走进社区 义务清扫 老年人 免费义诊 助力 周末 一小时 环卫工人 送清凉 陪伴 过节
		防诈骗 宣传 清理 小广告 卫生死角 慰问 困难群众 义务植树 考生 爱心送考 服务 参与 劝导
		三十年如一日 照顾 瘫痪 邻居 义务 理发 二十余年 跳入 冰河 勇救 落水儿童 拾金不昧 归还 失主
		八万元 现金 坚守 乡村讲台 三十八年 带领 乡亲 种植 大棚蔬菜 脱贫致富 患病 丈夫 年迈 公婆 不离不弃
		义务献血 四十余次 坚持 孤寡老人 送餐 十二年 火场 救出 被困 老人 扎根基层 默默奉献 老黄牛 一双巧手
		撑起 一个家 退休不退志 义务宣讲 党史 办起 免费 四点半课堂 退休教师 乡村医生 出租车司机 社区网格员
		村党支部书记 快递小哥 民警 个体商户 返乡创业青年 教育局 团委 团市委 妇联 市妇联 卫健局 城管局
		交通运输局 税务局 公安局 交警大队 文化广电和旅游局 民政局 总工会 住建局 市场监管局 实践中心
		实验小学 第一实验小学 人民医院 供电公司 融媒体中心 图书馆`) {
		m[w] = true
	}
	return m
}()

// kiWord reports whether w is a word of two or more characters, not digits.
func kiWord(w string) bool {
	return len([]rune(w)) >= 2 && strings.IndexFunc(w, unicode.IsDigit) < 0
}

// kiLexicon3 reports whether a lexicon word of 3 or more characters starts rs.
func kiLexicon3(rs []rune) bool {
	for k := 3; k <= min(len(rs), 10); k++ {
		if kiLexicon[string(rs[:k])] {
			return true
		}
	}
	return false
}

// kiSegments cuts a title into its runs between punctuation and spaces, and
// each run into words: the longest lexicon word at each point, or one of a
// few one-character words (在, 让, 年 …); characters the lexicon does not
// know form one word, which ends after a place suffix (省市县区镇乡) unless a
// lexicon word of three or more characters starts there, so that
// 石家庄市民政局 is 石家庄市 民政局 and 促乡村振兴 is 促 乡村振兴; digits
// form a word.
func kiSegments(title string) [][]string {
	var segs [][]string
	for _, run := range strings.FieldsFunc(title, func(c rune) bool {
		return unicode.IsSpace(c) || unicode.IsPunct(c) || unicode.IsSymbol(c)
	}) {
		rs := []rune(run)
		var seg []string
		unknown := ""
		flush := func() {
			if unknown != "" {
				seg = append(seg, unknown)
				unknown = ""
			}
		}
		for i := 0; i < len(rs); {
			if unicode.IsDigit(rs[i]) || unicode.Is(unicode.Latin, rs[i]) {
				flush()
				j := i
				for j < len(rs) && (unicode.IsDigit(rs[j]) || unicode.Is(unicode.Latin, rs[j])) {
					j++
				}
				seg = append(seg, string(rs[i:j]))
				i = j
				continue
			}
			if strings.ContainsRune("在让促树以记为个名期第年", rs[i]) {
				flush()
				seg = append(seg, string(rs[i]))
				i++
				continue
			}
			if unknown != "" && strings.ContainsRune("省市县区镇乡", rs[i]) && !kiLexicon3(rs[i:]) {
				unknown += string(rs[i])
				flush()
				i++
				continue
			}
			n := 0
			for k := min(len(rs), i+10); k > i+1; k-- {
				if kiLexicon[string(rs[i:k])] {
					n = k - i
					break
				}
			}
			if n == 0 {
				unknown += string(rs[i])
				i++
				continue
			}
			flush()
			seg = append(seg, string(rs[i:i+n]))
			i += n
		}
		flush()
		if len(seg) > 0 {
			segs = append(segs, seg)
		}
	}
	return segs
}

// kiScores are the known-item figures of one kind of query.
type kiScores struct {
	n, at1, at10 int
	rr           float64
}

func (s kiScores) String() string {
	if s.n == 0 {
		return "no queries"
	}
	return fmt.Sprintf("MRR %.3f  S@1 %.3f  S@10 %.3f  (%d queries)", s.rr/float64(s.n),
		float64(s.at1)/float64(s.n), float64(s.at10)/float64(s.n), s.n)
}

func (s kiScores) mrr() float64 { return s.rr / float64(max(s.n, 1)) }

func (s *kiScores) add(rank int) {
	s.n++
	if rank == 1 {
		s.at1++
	}
	if rank >= 1 && rank <= 10 {
		s.at10++
	}
	if rank >= 1 {
		s.rr += 1 / float64(rank)
	}
}

// kiRank returns the 1-based rank of id among the hits of bq in the order
// Search ranks by relevance (score, then ID), or 0 below knownItemDepth.
// It fails t if id does not match at all: every query is text of the
// source article, and matching is exact.
func kiRank(t testing.TB, b bleve.Index, bq query.Query, id string) int {
	order, err := sortOrder("", true)
	if err != nil {
		t.Fatal(err)
	}
	req := bleve.NewSearchRequestOptions(bq, knownItemDepth, 0, false)
	req.SortByCustom(order)
	sr, err := b.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range sr.Hits {
		if h.ID == id {
			return i + 1
		}
	}
	only := bleve.NewConjunctionQuery(bq, bleve.NewDocIDQuery([]string{id}))
	sr, err = b.Search(bleve.NewSearchRequestOptions(only, 1, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	if sr.Total != 1 {
		t.Errorf("source %s does not match its own query", id)
	}
	return 0
}

// kiMeasure ranks every query with the bleve query that mk builds from it.
func kiMeasure(t testing.TB, b bleve.Index, qs []kiQuery, mk func(kiQuery) query.Query) map[string]kiScores {
	rv := map[string]kiScores{}
	for _, q := range qs {
		s, all := rv[q.kind], rv["all"]
		rank := kiRank(t, b, mk(q), q.id)
		s.add(rank)
		all.add(rank)
		rv[q.kind], rv["all"] = s, all
	}
	return rv
}

func kiReport(t testing.TB, name string, m map[string]kiScores) {
	for _, k := range append(slices.Clone(kiKinds), "all") {
		t.Logf("%-22s %-8s %v", name, k, m[k])
	}
}

// kiCeiling logs the expected figures of a ranking that puts the articles
// whose title contains every query term first, in random order: the best a
// signal can do that looks only at which query words a title has (a
// dictionary segmentation of titles, say). Among n such articles the
// source's expected reciprocal rank is H(n)/n, its chance to be first 1/n.
func kiCeiling(t testing.TB, docs []Document, qs []kiQuery) {
	titles := make([]string, len(docs))
	for i, d := range docs {
		titles[i] = strings.ToLower(string(foldCharFilter{}.Filter([]byte(d.Title))))
	}
	type sums struct{ n, rr, at1 float64 }
	rv := map[string]sums{}
	for _, q := range qs {
		terms := Terms(strings.ToLower(q.text))
		n := 0
		for _, title := range titles {
			if !slices.ContainsFunc(terms, func(term string) bool { return !strings.Contains(title, term) }) {
				n++
			}
		}
		n = max(n, 1)
		h := 0.0
		for i := 1; i <= n; i++ {
			h += 1 / float64(i)
		}
		for _, k := range []string{q.kind, "all"} {
			s := rv[k]
			s.n++
			s.rr += h / float64(n)
			s.at1 += 1 / float64(n)
			rv[k] = s
		}
	}
	for _, k := range append(slices.Clone(kiKinds), "all") {
		s := rv[k]
		t.Logf("%-22s %-8s MRR %.3f  S@1 %.3f  (expected)", "title-tie ceiling", k, s.rr/s.n, s.at1/s.n)
	}
}

// TestKnownItemRanking measures how well today's ranking finds the article
// a query was formed from (MRR, success at 1 and 10), and guards against a
// ranking that gets clearly worse. Figures (3,000 sitesim articles, 300
// sources): see doc.go, Caveats.
func TestKnownItemRanking(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 3,000 articles")
	}
	docs, qs := knownItemCorpus()
	ix := openWithDocs(t, docs)
	base := func(q kiQuery) query.Query { return plan(Query{Text: q.text}, ix.queryAnalyzer).query }
	m := kiMeasure(t, ix.b, qs, base)
	kiReport(t, "exact (today)", m)
	kiCeiling(t, docs, qs)

	// kiRank must rank as Search does.
	for _, q := range qs[:30] {
		res, err := ix.Search(context.Background(), Query{Text: q.text})
		if err != nil {
			t.Fatal(err)
		}
		rank := kiRank(t, ix.b, base(q), q.id)
		got := slices.IndexFunc(res.Hits, func(h Hit) bool { return h.ID == q.id }) + 1
		if rank <= len(res.Hits) && got != rank || rank > len(res.Hits) && got != 0 {
			t.Errorf("%q: Search ranks the source %d, kiRank %d", q.text, got, rank)
		}
	}

	// Floors well below the measured figures (see doc.go): a clear loss of
	// ranking quality fails, noise does not.
	for kind, floor := range map[string]float64{kiTitle: 0.85, kiRephrase: 0.25, kiPhrase: 0.30} {
		if got := m[kind].mrr(); got < floor {
			t.Errorf("%s queries: MRR %.3f, want at least %.2f", kind, got, floor)
		}
	}
}
