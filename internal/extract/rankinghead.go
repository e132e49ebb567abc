package extract

import "strings"

// rankingWords name a ranking box's heading (点击排行, 热点排行, 阅读排行榜,
// 排名, 热门文章): the lines under it are other articles, each with its
// count, not the article's tool bar.
var rankingWords = []string{"排行", "排名", "榜", "热门", "热点"}

// maxRankingHeadRunes bounds a ranking box's heading: a few words, not a
// sentence that happens to hold one of rankingWords.
const maxRankingHeadRunes = 10

// headsRanking reports whether line is a ranking box's heading: short,
// holding one of rankingWords and no number.
func headsRanking(line string) bool {
	if !runesAtMost(line, maxRankingHeadRunes) || strings.ContainsAny(line, "0123456789") {
		return false
	}
	for _, w := range rankingWords {
		if strings.Contains(line, w) {
			return true
		}
	}
	return false
}
