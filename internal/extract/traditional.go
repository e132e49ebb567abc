package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Pages from Hong Kong, Macao and Taiwan, and the 繁體 editions of
// mainland sites, write the labels and headings the rules read in
// traditional characters (相關新聞, 推薦閱讀, 欄目). Rather than list each
// phrase twice, a rule may read a short text through simplified: the
// characters of those words that differ, mapped to their simplified
// forms. golang.org/x/text has no converter, and the rules need only
// their own words.

// simplifiedRunes maps the traditional characters of the labels and
// headings the rules read to their simplified forms. Both sides of each
// pair are three-byte runes (CJK Unified Ideographs), so a simplified
// text keeps the byte offsets of the original.
var simplifiedRunes = map[rune]rune{
	'關': '关', '薦': '荐', '熱': '热', '點': '点', '門': '门', '聞': '闻', '專': '专', '題': '题',
	'標': '标', '籤': '签', '鍵': '键', '來': '来', '閱': '阅', '讀': '读', '覽': '览', '瀏': '浏',
	'擊': '击', '編': '编', '輯': '辑', '責': '责', '發': '发', '佈': '布', '時': '时', '間': '间',
	'記': '记', '論': '论', '評': '评', '欄': '栏', '類': '类', '頻': '频', '屬': '属', '鏈': '链',
	'圖': '图', '網': '网', '條': '条', '報': '报', '導': '导', '訊': '讯', '員': '员', '處': '处',
	'轉': '转', '載': '载', '審': '审', '週': '周', '禮': '礼', '單': '单', '視': '视', '頁': '页',
	'頂': '顶', '則': '则', '級': '级', '閉': '闭', '號': '号', '體': '体', '錯': '错', '掃': '扫',
	'當': '当',
}

// simplified returns s with the characters of simplifiedRunes in their
// simplified forms, byte for byte aligned with s (s itself when it holds
// none of them).
func simplified(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if to, ok := simplifiedRunes[r]; ok {
			if b == nil {
				b = []byte(s)
			}
			utf8.EncodeRune(b[i:], to)
		}
		i += size
	}
	if b == nil {
		return s
	}
	return string(b)
}

// relatedHeading reports whether the line l is the heading of a list of
// related stories (relatedHead), in simplified or traditional
// characters (相关新闻, 相關新聞：).
func relatedHeading(l string) bool {
	// The heading is a word and at most ten runes more, in brackets:
	// a longer line is none, and is not read for one, nor one whose
	// first rune (past a bracket) opens none of relatedHead's words.
	if !runesAtMost(l, 16) {
		return false
	}
	r, size := utf8.DecodeRuneInString(l)
	if r == '【' || r == '[' {
		r, _ = utf8.DecodeRuneInString(l[size:])
	}
	if strings.ContainsRune(relatedHeadStarts, r) && relatedHead.MatchString(simplified(l)) {
		return true
	}
	return (strings.Contains(l, "推荐") || strings.Contains(l, "推薦")) && picksHead.MatchString(simplified(l))
}

// picksHead matches the heading of a box of stories someone picked,
// a word or two before 推荐 (重点推荐, 编辑推荐, 今日推荐, 为你推荐):
// relatedHead's words open the heading, these close it.
var picksHead = regexp.MustCompile(`^[【\[]?[^\s\p{P}]{1,3}推荐[】\]]?[:：]?$`)

// relatedHeadStarts are the first runes of relatedHead's words, in
// simplified and traditional characters.
const relatedHeadStarts = "相延推更热熱猜往新专專精"
