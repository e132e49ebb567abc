package index_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
)

func TestParseQuery(t *testing.T) {
	text := func(v string) index.Term { return index.Term{Field: index.FieldText, Value: v} }
	field := func(f, v string) index.Term { return index.Term{Field: f, Value: v} }
	one := func(ts ...index.Term) [][]index.Term {
		var rv [][]index.Term
		for _, t := range ts {
			rv = append(rv, []index.Term{t})
		}
		return rv
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, index.ChinaTime) }
	tests := []struct {
		in      string
		clauses [][]index.Term
		exclude []index.Term
		since   time.Time
		until   time.Time
	}{
		{in: ""},
		{in: "  志愿服务  文明 ", clauses: one(text("志愿服务"), text("文明"))},
		{in: `"新时代  文明实践" 河北`, clauses: one(text("新时代 文明实践"), text("河北"))},
		{in: `＂Xi Jinping＂`, clauses: one(text("Xi Jinping"))},
		{in: `abc"def"`, clauses: one(text("abc"), text("def"))},
		{in: `文明 -通知 -"工作 动态"`, clauses: one(text("文明")), exclude: []index.Term{text("通知"), text("工作 动态")}},
		{in: `-通知`, exclude: []index.Term{text("通知")}},
		{in: `河北 OR 北京 OR 天津 志愿`, clauses: [][]index.Term{{text("河北"), text("北京"), text("天津")}, {text("志愿")}}},
		{in: `or 和 Or`, clauses: one(text("or"), text("和"), text("Or"))},
		{in: `title:表彰 TITLE:"先进 个人"`, clauses: one(field("title", "表彰"), field("title", "先进 个人"))},
		{in: `site:河北文明网 site:HB.wenming.cn`, clauses: one(field("site", "河北文明网"), field("site", "hb.wenming.cn"))},
		{in: `site：河北文明网`, clauses: one(field("site", "河北文明网"))}, // full-width colon
		{in: `column:志愿服务 OR column:"要 闻"`, clauses: [][]index.Term{{field("column", "志愿服务"), field("column", "要 闻")}}},
		{in: `level:County year:2023`, clauses: one(field("level", "county"), field("year", "2023"))},
		{in: `-site:bj.wenming.cn -title:通知`, exclude: []index.Term{field("site", "bj.wenming.cn"), field("title", "通知")}},
		{in: `http://x.cn/a 要求：深化`, clauses: one(text("http://x.cn/a"), text("要求:深化"))},
		{in: `2023-03-22`, clauses: one(text("2023-03-22"))},
		{in: `since:2023-03-22`, since: day(2023, 3, 22)},
		{in: `since:2023-03 until:2023-03`, since: day(2023, 3, 1), until: day(2023, 4, 1)},
		{in: `until:2023`, until: day(2024, 1, 1)},
		{in: `since:2022 until:2023-2-28`, since: day(2022, 1, 1), until: day(2023, 3, 1)},
		{in: `since:2020 since:2021 until:2024 until:2023`, since: day(2021, 1, 1), until: day(2024, 1, 1)},
		{in: `since:2024-02-29`, since: day(2024, 2, 29)},
	}
	for _, tt := range tests {
		q, err := index.ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(q.Clauses, tt.clauses) || !reflect.DeepEqual(q.Exclude, tt.exclude) ||
			!q.Since.Equal(tt.since) || !q.Until.Equal(tt.until) {
			t.Errorf("ParseQuery(%q) = clauses %q exclude %q since %v until %v\nwant clauses %q exclude %q since %v until %v",
				tt.in, q.Clauses, q.Exclude, q.Since, q.Until, tt.clauses, tt.exclude, tt.since, tt.until)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in   string
		pos  int // character, from 1
		want string
	}{
		{`文明 "志愿`, 4, "unclosed quote"},
		{`title:"先进`, 7, "unclosed quote"},
		{`OR 文明`, 1, "OR needs a term before it"},
		{`文明 OR`, 4, "OR needs a term after it"},
		{`文明 OR OR 志愿`, 7, "OR twice in a row"},
		{`-文明 OR 志愿`, 5, "OR needs a term before it"},
		{`文明 OR -志愿`, 7, "excluded term cannot be part of OR"},
		{`文明 - 志愿`, 4, "- must be followed"},
		{`title: 表彰`, 1, "title: needs a value"},
		{`site:`, 1, "site: needs a value"},
		{`since:2023-13`, 7, "month 13 is not 1–12"},
		{`文明 until:2023-02-30`, 10, "has no day 30"},
		{`since:昨天`, 7, "want a date like"},
		{`since:23-01-01`, 7, "want a date like"},
		{`since:2023-01-01-01`, 7, "want a date like"},
		{`since:2023-05 until:2023-04`, 1, "is not before until"},
		{`文明 OR since:2023`, 7, "cannot be excluded or combined with OR"},
		{`-until:2023`, 1, "cannot be excluded"},
		{`level:town`, 7, "want national, province, city or county"},
		{`year:23`, 6, "four-digit year"},
		{strings.Repeat("字 ", 33), 65, "too many terms"},
	}
	for _, tt := range tests {
		_, err := index.ParseQuery(tt.in)
		var qe *index.QueryError
		if !errors.As(err, &qe) {
			t.Errorf("ParseQuery(%q) = %v, want a *QueryError", tt.in, err)
			continue
		}
		if !strings.Contains(qe.Msg, tt.want) || qe.Pos+1 != tt.pos {
			t.Errorf("ParseQuery(%q): %v; want %q at character %d", tt.in, err, tt.want, tt.pos)
		}
		if !strings.Contains(err.Error(), "at character") {
			t.Errorf("error does not say where: %v", err)
		}
	}
}

func TestFieldTerm(t *testing.T) {
	for _, tt := range []struct{ field, value, want string }{
		{"site", "河北文明网", "site:河北文明网"},
		{"column", "要 闻", `column:"要 闻"`},
		{"column", `say "hi"`, `column:"say hi"`},
		{"", "文明", "文明"},
		{"", "-x", `"-x"`},
		{"", "OR", `"OR"`},
		{"", "a:b", `"a:b"`},
	} {
		got := index.FieldTerm(tt.field, tt.value)
		if got != tt.want {
			t.Errorf("FieldTerm(%q, %q) = %s, want %s", tt.field, tt.value, got, tt.want)
		}
		// What FieldTerm writes parses back to the same term.
		q, err := index.ParseQuery(got)
		if err != nil || len(q.Clauses) != 1 || q.Clauses[0][0].Field != tt.field {
			t.Errorf("ParseQuery(%s) = %+v, %v", got, q, err)
		}
	}
}
