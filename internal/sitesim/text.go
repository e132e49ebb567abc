package sitesim

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// para is one paragraph of an article body.
type para struct {
	text    string // visible text, already trimmed; "" for an image-only paragraph
	heading bool   // a numbered section heading ("一、…")
	img     string // image file name for image-only paragraphs
	caption bool   // centred image caption
}

// content is everything about an article that the page shows besides
// title and date.
type content struct {
	paras                  []para
	source, author, editor string
	summary                string
	style                  int // 0 <p>, 1 <br />-separated, 2 <div>
	orig                   int // paragraphs before an edit note; 0 = not edited
	// a repost of a 公众号 article (wechat.go): its form, the account, the
	// article's URL on mp.weixin.qq.com
	repost          int
	account, wechat string
}

// original is the content as first published: page splitting uses it, an
// edit note joins the last page.
func (c content) original() content {
	if c.orig > 0 {
		c.paras = c.paras[:c.orig]
	}
	return c
}

// textLen is the length in bytes of the paragraphs' text.
func (c content) textLen() int {
	n := 0
	for _, p := range c.paras {
		n += len(p.text)
	}
	return n
}

// body is the reader's text: paragraphs joined by "\n".
func (c content) body() string {
	var b strings.Builder
	b.Grow(c.textLen() + len(c.paras))
	for _, p := range c.paras {
		if p.text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// subject is what an article is about; title and body share it.
type subject struct {
	place, unit, act, name string
	variant, count         int
	theme, event, vact     string
	deed, job, campaign    string
	verb, gain             string
	slogan                 [2]string
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

var cnNum = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// fullWidth turns ASCII digits into full-width ones.
func fullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c - '0' + '０')
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func (sim *Sim) subject(a ref) subject {
	r := sim.rng(a.s, a.j, purMeta)
	s, col := a.s, a.s.cols[a.col]
	sub := subject{act: pick(r, activities), name: pick(r, surnames) + pick(r, givenNames),
		variant: r.IntN(9), count: r.IntN(1000), theme: pick(r, eventThemes), event: pick(r, events),
		vact: pick(r, volunteerActs), deed: pick(r, deeds), job: pick(r, jobs), campaign: pick(r, campaigns),
		verb: pick(r, verbs), gain: pick(r, gains), slogan: pick(r, slogans)}
	switch {
	case col.place != "":
		sub.place = col.place
		if r.IntN(2) == 0 {
			sub.unit = pick(r, countyUnits)
		}
	case s.Level == "national" || s.Level == "province":
		sub.place = pick(r, s.places)
		if r.IntN(3) > 0 {
			sub.unit = pick(r, countyUnits)
		}
	default:
		switch x := r.IntN(10); {
		case x < 5:
			sub.place, sub.unit = s.place, pick(r, countyUnits)
		case x < 8:
			sub.place = pick(r, s.places)
			if strings.HasPrefix(sub.place, "市") || strings.HasPrefix(sub.place, "县") {
				sub.place = s.place + sub.place[len("市"):]
			}
		default:
			sub.place = s.place
		}
	}
	return sub
}

// makeTitle writes the title of an article (title keeps the last ones).
func (sim *Sim) makeTitle(a ref) string {
	sub := sim.subject(a)
	pu := sub.place + sub.unit
	year := sim.published(a).Year()
	v := sub.variant
	switch a.s.cols[a.col].kind {
	case kindGoodPeople:
		switch v % 3 {
		case 0:
			return fmt.Sprintf("%s好人%s：%s", a.s.short, sub.name, sub.deed)
		case 1:
			return fmt.Sprintf("%s——记%s%s%s", sub.deed, sub.place, sub.job, sub.name)
		default:
			return fmt.Sprintf("【%s好人】%s：%s", a.s.short, sub.name, sub.deed)
		}
	case kindVolunteer:
		switch v % 3 {
		case 0:
			return fmt.Sprintf("%s%d名志愿者%s", sub.place, volunteers(sub), sub.vact)
		case 1:
			return fmt.Sprintf("“%s”志愿服务活动在%s启动", sub.theme, sub.place)
		default:
			return fmt.Sprintf("%s新时代文明实践志愿服务队%s", sub.place, sub.vact)
		}
	case kindNotice:
		switch v % 3 {
		case 0:
			return fmt.Sprintf("关于%d年%s工作情况的通报", year, sub.act)
		case 1:
			return fmt.Sprintf("%s文明办关于开展%s专项督查的通知", a.s.place, sub.act)
		default:
			return fmt.Sprintf("%d年第%d期精神文明创建工作简报", year, 1+sub.count%24)
		}
	}
	sl := sub.slogan
	switch v {
	case 0:
		return fmt.Sprintf("%s开展“%s”主题活动", pu, sub.act)
	case 1:
		return fmt.Sprintf("【深入开展“%s”活动】%s:%s %s", sub.campaign, pu, sl[0], sl[1])
	case 2:
		return fmt.Sprintf("%s召开%d年精神文明建设工作会议", sub.place, year)
	case 3:
		return fmt.Sprintf("%s举办“%s”%s", pu, sub.theme, sub.event)
	case 4:
		return fmt.Sprintf("%s，%s——%s%s工作综述", sl[0], sl[1], sub.place, sub.act)
	case 5:
		return fmt.Sprintf("%s：%s让%s", sub.place, sub.act, sub.gain)
	case 6:
		return fmt.Sprintf("%s%d个单位获评%d年度文明单位", sub.place, honoured(sub), year-1)
	case 7:
		return fmt.Sprintf("【%s】%s%s", sub.campaign, pu, sub.verb)
	default:
		return fmt.Sprintf("%s：%s %s", pu, sl[0], sl[1])
	}
}

func volunteers(sub subject) int { return 10 * (2 + sub.count%30) }
func honoured(sub subject) int   { return 3 + sub.count%40 }

// intro is the first paragraph of a news-like article; it picks up what
// the title announced.
func intro(a ref, sub subject, when string, year int, f filler) string {
	r := f.r
	if a.s.cols[a.col].kind == kindVolunteer {
		switch sub.variant % 3 {
		case 0:
			return fmt.Sprintf("%s，%s%s名志愿者%s。%s", when, sub.place, f.digits(volunteers(sub)), sub.vact, f.sentences(1))
		case 1:
			return fmt.Sprintf("%s，“%s”志愿服务活动在%s正式启动。%s", when, sub.theme, sub.place, f.sentences(1+r.IntN(2)))
		default:
			return fmt.Sprintf("%s，%s新时代文明实践志愿服务队%s，用实际行动践行“奉献、友爱、互助、进步”的志愿精神。", when, sub.place, sub.vact)
		}
	}
	switch sub.variant {
	case 2:
		return fmt.Sprintf("%s，%s召开%d年精神文明建设工作会议，总结上一年度工作，安排部署%d年重点任务。%s", when, sub.place, year, year, f.sentences(1))
	case 3:
		return fmt.Sprintf("%s，%s%s举办“%s”%s。%s", when, sub.place, sub.unit, sub.theme, sub.event, f.sentences(1+r.IntN(2)))
	case 6:
		return fmt.Sprintf("%s，%s公布%d年度文明单位评选结果，%s个单位获此殊荣。%s", when, sub.place, year-1, f.digits(honoured(sub)), f.sentences(1))
	}
	verb := pick(r, []string{"组织开展", "举办", "启动", "扎实开展"})
	return fmt.Sprintf("%s，%s%s%s了“%s”%s。%s", when, sub.place, sub.unit, verb, sub.act,
		pick(r, []string{"主题活动", "志愿服务活动", "专项行动", "系列活动"}), f.sentences(1+r.IntN(2)))
}

// filler substitutes the slots of the sentence tables.
type filler struct {
	r    *rand.Rand
	deck *[]int // sentence indices still to use in this article
	sub  subject
	fw   bool // full-width digits in this article
	lvl  string
}

func (f filler) num(lo, hi int) string { return f.digits(lo + f.r.IntN(hi-lo+1)) }

func (f filler) digits(n int) string {
	s := strconv.Itoa(n)
	if f.fw {
		return fullWidth(s)
	}
	return s
}

// fill writes sentence template t with its slots filled into b.
func (f filler) fill(b *strings.Builder, t string) {
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 || i+2 >= len(t) || t[i+2] != '}' {
			b.WriteString(t)
			return
		}
		b.WriteString(t[:i])
		switch t[i+1] {
		case 'P':
			b.WriteString(f.sub.place)
		case 'U':
			if f.sub.unit == "" {
				b.WriteString("各单位")
			} else {
				b.WriteString(f.sub.unit)
			}
		case 'A':
			b.WriteString(f.sub.act)
		case 'N':
			b.WriteString(f.num(20, 600))
		case 'M':
			b.WriteString(f.num(1000, 90000))
		case 'K':
			b.WriteString(f.num(5, 60))
		case 'L':
			b.WriteString(f.lvl)
		}
		t = t[i+3:]
	}
}

func (f filler) sentences(k int) string {
	var b strings.Builder
	b.Grow(k * 160)
	for x := 0; x < k; x++ {
		if len(*f.deck) == 0 {
			*f.deck = f.r.Perm(len(sentences))
		}
		d := *f.deck
		f.fill(&b, sentences[d[0]])
		*f.deck = d[1:]
	}
	return b.String()
}

// levelChar is the character of a site's level in the sentence tables'
// {L} slot.
var levelChar = map[string]string{"national": "国", "province": "省", "city": "市", "county": "县"}

// content generates body, source, author and editor of an article.
func (sim *Sim) content(a ref) content {
	r := sim.rng(a.s, a.j, purBody)
	s := a.s
	sub := sim.subject(a)
	t := sim.published(a)
	lvl := levelChar[s.Level]
	w := bodyWriter{r: r, f: filler{r: r, deck: new([]int), sub: sub, fw: r.IntN(7) == 0, lvl: lvl}, sub: sub, t: t,
		c: content{paras: make([]para, 0, 24)}}
	switch x := r.IntN(100); {
	case x < 14:
		w.c.style = 1
	case x < 24 && s.CMS != cmsTRS:
		w.c.style = 2
	}
	d := t.AddDate(0, 0, -r.IntN(4))
	when := ""
	switch r.IntN(5) { // one of five forms, as pick would choose
	case 0:
		when = "近日"
	case 1:
		when = "日前"
	case 2:
		when = fmt.Sprintf("%d月%d日", d.Month(), d.Day())
	case 3:
		when = fmt.Sprintf("%d月%d日上午", d.Month(), d.Day())
	default:
		when = fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
	}
	switch s.cols[a.col].kind {
	case kindGoodPeople:
		w.goodPeople()
	case kindNotice:
		w.notice(s.place, d)
	default:
		w.news(intro(a, sub, when, t.Year(), w.f))
	}
	c := w.c
	sim.meta(a, r, &c)
	sim.rareName(a, &c)
	if first := c.paras[0].text; first != "" {
		c.summary = truncRunes(first, 80)
	}
	sim.wechatRepost(a, &c)
	sim.editNote(a, &c)
	return c
}

// bodyWriter writes the paragraphs of one article's body, drawing from the
// article's own random source in a fixed order (the same seed gives the
// same body).
type bodyWriter struct {
	r   *rand.Rand
	f   filler
	sub subject
	t   time.Time // publication time
	c   content
}

func (w *bodyWriter) add(text string) { w.c.paras = append(w.c.paras, para{text: text}) }

func (w *bodyWriter) heading(text string) {
	w.c.paras = append(w.c.paras, para{text: text, heading: true})
}

func (w *bodyWriter) quote() {
	r := w.r
	w.add(fmt.Sprintf("“%s”%s%s说。", pick(r, quotes), pick(r, []string{"志愿者", "居民", "村民", pick(r, jobs)}), pick(r, surnames)+pick(r, givenNames)))
}

// image adds a picture, with a caption one time in two.
func (w *bodyWriter) image() {
	name := fmt.Sprintf("W0%s%09d.jpg", w.t.Format("20060102"), w.r.IntN(1000000000))
	w.c.paras = append(w.c.paras, para{img: name})
	if w.r.IntN(2) == 0 {
		w.c.paras = append(w.c.paras, para{text: fmt.Sprintf("图为%s%s活动现场。", w.sub.place, w.sub.act), caption: true})
	}
}

// goodPeople writes a 身边好人 profile: who, what they did, their honours.
func (w *bodyWriter) goodPeople() {
	r, sub := w.r, w.sub
	w.add(fmt.Sprintf("%s，%s，今年%s岁，是%s的一名%s。%s的事迹在当地传为佳话。", sub.name, pick(r, []string{"男", "女"}), w.f.num(28, 82), sub.place, sub.job, strings.TrimSuffix(strings.ReplaceAll(sub.deed, " ", "，"), "的“老黄牛”")))
	if r.IntN(2) == 0 {
		w.image()
	}
	for k := 2 + r.IntN(5); k > 0; k-- {
		w.add(fmt.Sprintf("%s%s", pick(r, []string{"多年来，", "在邻居们眼里，", "", "说起" + sub.name + "，", "谈及初心，"}), w.f.sentences(2+r.IntN(2))))
	}
	if r.IntN(2) == 0 {
		w.quote()
	}
	w.add(fmt.Sprintf("%s先后获得“%s”“%s”等荣誉称号。", sub.name, pick(r, honors), pick(r, honors)))
}

// notice writes an office's 通报: addressees, numbered sections, the
// issuing office of place and the date d.
func (w *bodyWriter) notice(place string, d time.Time) {
	r := w.r
	w.add(pick(r, []string{"各县（市、区）文明办，市直各单位：", "各乡镇（街道）、县直各部门："}))
	w.add(fmt.Sprintf("为深入推进%s工作，现将有关情况通报如下。", w.sub.act))
	for k, h := range noticeHeads[:3+r.IntN(3)] {
		w.heading(cnNum[k] + "、" + h)
		w.add(w.f.sentences(2 + r.IntN(3)))
	}
	w.add(place + "精神文明建设委员会办公室")
	w.add(fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day()))
}

// news writes a news story: the intro, a short, medium or long (numbered
// sections) body, and a closing line.
func (w *bodyWriter) news(intro string) {
	r := w.r
	w.add(intro)
	if r.IntN(5) < 2 {
		w.image()
	}
	switch size := r.IntN(100); {
	case size < 30: // short
		w.add(w.f.sentences(2 + r.IntN(2)))
		if r.IntN(3) == 0 {
			w.quote()
		}
	case size < 75: // medium
		for k := 3 + r.IntN(4); k > 0; k-- {
			w.add(w.f.sentences(2 + r.IntN(3)))
		}
		if r.IntN(2) == 0 {
			w.quote()
		}
	default: // long, numbered sections
		hs := r.Perm(len(headings))[:3+r.IntN(3)]
		for k, h := range hs {
			w.heading(cnNum[k] + "、" + headings[h])
			w.add(w.f.sentences(1 + r.IntN(2)))
			if r.IntN(2) == 0 {
				ec := r.Perm(len(enumClauses))
				for e := 0; e < 2+r.IntN(3); e++ {
					w.add(cnNum[e] + "是" + enumClauses[ec[e]] + "。" + w.f.sentences(1+r.IntN(2)))
				}
			} else {
				w.add(w.f.sentences(2 + r.IntN(3)))
			}
		}
		if r.IntN(2) == 0 {
			w.quote()
		}
	}
	w.add(fmt.Sprintf("下一步，%s将继续%s，推动精神文明建设再上新台阶。", w.sub.place, pick(r, verbs)))
}

// meta fills source, author and editor as the site's template shows them.
func (sim *Sim) meta(a ref, r *rand.Rand, c *content) {
	s := a.s
	name := func() string { return pick(r, surnames) + pick(r, givenNames) }
	switch s.CMS {
	case cmsTRS:
		if s.Level == "national" {
			c.source = pick(r, nationalSources)
			c.editor = pick(r, nationalEditors)
			return
		}
		c.source = pick(r, []string{s.Name, s.Name, s.place + "文明办", s.short + "日报", s.place + "融媒体中心"})
		if s.Level == "province" && strings.HasSuffix(c.source, "融媒体中心") {
			c.source = s.short + "新闻网"
		}
		if s.showAuth && r.IntN(2) == 0 {
			c.author = pick(r, []string{"记者 ", "通讯员 ", ""}) + name()
		}
		c.editor = name()
	case cmsDiscuz:
		if s.nangong {
			return // 南宫's customised line shows neither
		}
		if r.IntN(2) == 0 {
			c.author = name()
		}
		if r.IntN(3) == 0 {
			c.source = pick(r, []string{s.place + "融媒体中心", "榆林日报", s.place + "文明办"})
		}
	case cmsDede:
		// DedeCMS prints its defaults when the editor left the fields empty
		c.source = pick(r, []string{"未知", "本站", s.place + "文明办", s.place + "融媒体中心"})
		c.author = pick(r, []string{"admin", "admin", name(), "通讯员 " + name()})
	case cmsPHPCMS:
		c.source = pick(r, []string{"本站原创", s.place + "文明办", s.place + "融媒体中心", "邢台日报"})
	case cmsVSB:
		c.source = pick(r, []string{s.place + "文明办", s.place + "融媒体中心", "西安日报", "本站"})
		if r.IntN(2) == 0 {
			c.author = name()
		}
		if r.IntN(3) > 0 {
			c.editor = name()
		}
	case cmsEmpire:
		c.source = pick(r, []string{"本站", s.place + "文明办", s.place + "融媒体中心", "邢台日报"})
		if r.IntN(3) > 0 {
			c.author = name()
		}
		if r.IntN(2) == 0 {
			c.editor = name()
		}
	}
}

// truncRunes cuts s after n runes and marks the cut with "...".
func truncRunes(s string, n int) string {
	end := 0
	for k := 0; k < n; k++ {
		if end == len(s) {
			return s
		}
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	if end == len(s) {
		return s
	}
	return s[:end] + "..."
}
