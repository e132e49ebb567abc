package server

import (
	"fmt"
	"regexp"

	"github.com/wenming-archive/wenming/index"
)

// queryMessages translate the messages of index.QueryError into Chinese:
// each pattern matches one message of the query parser, and its text is
// an fmt format taking the pattern's groups.
var queryMessages = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^OR needs a term after it$`), "OR 后面缺少检索词"},
	{regexp.MustCompile(`^OR needs a term before it$`), "OR 前面缺少检索词"},
	{regexp.MustCompile(`^OR twice in a row$`), "连续写了两个 OR"},
	{regexp.MustCompile(`^since: (\S+) is not before until: (\S+)$`), "起始日期 %s 不早于截止日期 %s"},
	{regexp.MustCompile(`^- must be followed by the word to exclude, without a space$`), "减号后面要紧跟要排除的词，中间不能有空格"},
	{regexp.MustCompile(`^(\w+): needs a value, e\.g\. (.*)$`), "%s: 后面缺少值，例如 %s"},
	{regexp.MustCompile(`^(\w+): cannot be excluded or combined with OR$`), "%s: 不能排除，也不能与 OR 连用"},
	{regexp.MustCompile(`^((?:since|until):.*?): .*$`), "%s 不是有效的日期：可写 2023、2023-03 或 2023-03-22"},
	{regexp.MustCompile(`^(level:.*?): want national, province, city or county$`), "%s 无效：应为 national（全国）、province（省级）、city（市级）或 county（县级）"},
	{regexp.MustCompile(`^(year:.*?): want a four-digit year such as 2023$`), "%s 无效：应为四位数的年份，如 2023"},
	{regexp.MustCompile(`^too many terms \(at most (\d+)\)$`), "检索词太多（最多 %s 个）"},
	{regexp.MustCompile(`^an excluded term cannot be part of OR$`), "排除的词不能用在 OR 中"},
	{regexp.MustCompile(`^unclosed quote$`), "引号没有闭合"},
}

// queryErrorText says a query error in Chinese, with the place of the
// offending character. A message the table does not know (a parser newer
// than it) is still introduced in Chinese, its detail as the parser wrote it.
func queryErrorText(e *index.QueryError) string {
	for _, m := range queryMessages {
		if g := m.re.FindStringSubmatch(e.Msg); g != nil {
			args := make([]any, len(g)-1)
			for i, s := range g[1:] {
				args[i] = s
			}
			return fmt.Sprintf(m.zh+"（第 %d 个字符处）", append(args, e.Pos+1)...)
		}
	}
	return fmt.Sprintf("查询的第 %d 个字符处有误（%s）", e.Pos+1, e.Msg)
}
