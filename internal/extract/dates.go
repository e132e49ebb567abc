package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/cms"
)

// dateRe matches a full date with a four-digit year, optionally followed by
// a time of day and a zone. It runs on folded text (see fold).
//
//	2023-03-22 20:29   2023-3-22 20:29   2023/03/22   2023.03.22
//	2023年3月22日       2023年03月22日 20:29   2023-03-22T20:29:00+08:00
//	2017-03-01 14:27:02 +0800 (a zone after a space: four digits only)
//	2023年3月22日 星期三 20:29 (the weekday between date and time, 週三 in
//	traditional characters, or in brackets: 2024/03/05(二) 14:20)
//	2024年5月12日 下午3:30 (a 12-hour time: WordPress's Chinese default)
var dateRe = regexp.MustCompile(
	`((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?:\s*日)?(?:\s*(?:(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]|\((?:星期|周|週)?[一二三四五六日天]\)))?` +
		`(?:\s*T?\s*(?:上午|下午|中午|晚上|凌晨|早上|傍晚|晚|早)?\s*(\d{1,2})\s*(?::|时|点|時|點)\s*(\d{1,2})(?:\s*分)?(?:\s*:\s*(\d{1,2})(?:\.\d+)?(?:\s*秒)?)?` +
		`(Z|[+-]\d{2}:?\d{2}|\s[+-]\d{4}\b)?)?`)

// notPublished lists labels whose date is not the publish time: when one of
// them stands right before a date, that date is skipped.
var notPublished = []string{
	"成文", "印发", "实施", "施行", "生效", "截止", "有效期", "开始", "结束", "出生", "举办", "活动",
	"报名", "会议", "考试", "失效", "废止", "修订", "修改", "通过",
	"本页更新", "本站更新", "页面更新", "网页更新", "网站更新", "最后更新",
}

// ParseDate finds the first publish date in s — a date string with or
// without a label, in any format the 文明网 sites use — and returns it in
// China time with its precision: day when s gives a date only, minute when
// it also gives hours and minutes (seconds are dropped). Full-width digits
// and colons are accepted. It refuses two-digit years, relative times
// ("3小时前"), places ("发布于：北京市") and dates labelled as something other
// than publication ("成文日期").
func ParseDate(s string) (time.Time, article.Precision, bool) {
	if !hasDigitForm(s) && !numeralMonth(s) {
		return time.Time{}, "", false // most lines asked: no date to fold for
	}
	t, p, _, ok := findDate(fold(s))
	return t, p, ok
}

// findDate is ParseDate on folded text; it also returns the byte offset of
// the match in f. Of an ISO/Chinese date and a US one ("7/5/2005 9:23:57
// PM"), the earlier in f wins; a date with an English month name before
// both wins over them.
func findDate(f string) (time.Time, article.Precision, int, bool) {
	f = numeralDates(f)
	return earlierDate(f, findNumericDate, mayHoldMonthDate, findMonthDate)
}

// findNumericDate is findDate for dates in digits only (ISO, Chinese,
// US): what tells a post's date line from a date named in its text
// ("on May 3, 2024, the council…"), which a repeated unit of an article
// may hold too.
func findNumericDate(f string) (time.Time, article.Precision, int, bool) {
	return earlierDate(f, findYearFirstDate, mayHoldUSDate, findUSDate)
}

// findYearFirstDate finds a date that opens with its year: an ISO or
// Chinese one, or, before it, one whose year a template sets apart.
func findYearFirstDate(f string) (time.Time, article.Precision, int, bool) {
	return earlierDate(f, findISODate, mayHoldSplitDate, findSplitDate)
}

// dateFinder finds the first date of one kind in folded text: the time,
// its precision and the byte offset of the match.
type dateFinder func(f string) (time.Time, article.Precision, int, bool)

// earlierDate is first's date in f unless the text before it (all of f
// when first finds none) holds a date second finds, which then wins; may
// is a quick test that the text could hold one of second's dates.
func earlierDate(f string, first dateFinder, may func(string) bool, second dateFinder) (time.Time, article.Precision, int, bool) {
	t, p, at, ok := first(f)
	scope := f
	if ok {
		scope = f[:at]
	}
	if may(scope) {
		if t2, p2, at2, ok2 := second(scope); ok2 {
			return t2, p2, at2, true
		}
	}
	return t, p, at, ok
}

// findISODate finds an ISO or Chinese date ("2023-03-22", "2023年3月22日").
func findISODate(f string) (time.Time, article.Precision, int, bool) {
	return findDateRe(f, dateReAt, yearAt, dateFromMatch)
}

// splitDateRe matches a date whose year the page's template sets in an
// element of its own, apart from the month and day (<span
// class="year"><em> 2023</em></span><span class="day"><em> 11</em>/<em>
// 17</em></span><span class="time"> 20:52:15</span>, read as "2023 11/ 17
// 20:52:15"): the year, white space, month/day and an optional time, in
// dateRe's first six groups.
var splitDateRe = regexp.MustCompile(`((?:19|20)\d{2})\s+(\d{1,2})\s*/\s*(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?`)

// mayHoldSplitDate reports whether s may hold a match of splitDateRe: a
// '/' right after a digit, or after a digit and one white-space byte.
func mayHoldSplitDate(s string) bool {
	return anySlash(s, func(i int) bool {
		return i >= 2 && (isDigitByte(s[i-1]) || isASCIISpace(s[i-1]) && isDigitByte(s[i-2]))
	})
}

// anySlash reports whether at holds for the index of some '/' in s: the
// prefilters of the slashed date forms look only around their slashes.
func anySlash(s string, at func(i int) bool) bool {
	for i := 0; ; i++ {
		k := strings.IndexByte(s[i:], '/')
		if k < 0 {
			return false
		}
		i += k
		if at(i) {
			return true
		}
	}
}

// findSplitDate finds a date matching splitDateRe.
func findSplitDate(f string) (time.Time, article.Precision, int, bool) {
	return findDateRe(f, splitDateRe, nil, func(f string, m []int) (time.Time, article.Precision, bool) {
		// dateFromMatch reads a zone in group 7, which this form lacks.
		return dateFromMatch(f, append(m[:14:14], -1, -1))
	})
}

// findUSDate finds a US date ("7/5/2005 9:23:57 PM").
func findUSDate(f string) (time.Time, article.Precision, int, bool) {
	return findDateRe(f, usDateRe, nil, usDateFromMatch)
}

// findMonthDate finds a date written with an English month name.
func findMonthDate(f string) (time.Time, article.Precision, int, bool) {
	return findDateRe(f, monthDateRe, nil, monthDateFromMatch)
}

// monthNames are the English month names and their abbreviations as
// datelines write them, capitalised ("may" is a word of the text).
const monthNames = `January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec`

// monthDateRe matches a date written with an English month name, month
// first ("March 5, 2024", "Mar. 5 2024") or day first ("5 March 2024"),
// with an optional time ("at 2:52 pm", "14:52 UTC"). A publish label
// before it is part of the match, glued or not ("PublishedMay 21, 2024",
// the text of <span>Published</span><time>May 21, 2024</time>), so that
// the match of a dateline starts the line. Only a publish label may be
// glued: "UpdatedMay" or any other word run into a month is no dateline.
var monthDateRe = regexp.MustCompile(`(?:\b|` + monthDateLabels + `)(?:(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthNames + `)\.?,?)\s+((?:19|20)\d{2})\b(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([AaPp])\.?[Mm]\.?)?(?:\s+(UTC|GMT|Z)\b|\s+([A-Z]{2,4})\b)?)?`)

// monthDateLabels are the publish labels a month-name date may follow
// with or without a space or colon between.
const monthDateLabels = `\b(?:Published|Posted|Date)(?::\s*|\s+)?`

// mayHoldMonthDate reports whether s may hold a match of monthDateRe: a
// year's digits and the first three letters of a month's name, which
// every name of monthNames opens with (a capital letter alone let the
// expression run on every line naming CCTV or ICP beside a year).
func mayHoldMonthDate(s string) bool {
	if !hasYearDigits(s) {
		return false
	}
	for i := 0; i+3 <= len(s); i++ {
		switch s[i] {
		case 'J', 'F', 'M', 'A', 'S', 'O', 'N', 'D':
			switch s[i : i+3] {
			case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
				return true
			}
		}
	}
	return false
}

// monthIndex returns the month a name or abbreviation of monthNames
// stands for.
func monthIndex(name string) time.Month {
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(m.String(), name[:3]) {
			return m
		}
	}
	return 0
}

// monthDateFromMatch turns a monthDateRe match into a time: China time
// when no zone is given (the package's reading of every zone-less time),
// UTC for UTC/GMT, and only the day under another zone's abbreviation.
func monthDateFromMatch(f string, m []int) (time.Time, article.Precision, bool) {
	sm := submatch{f, m}
	g := sm.group
	name, day := g(1), 2
	if name == "" {
		day, name = 3, g(4)
	}
	mo, d, y := monthIndex(name), sm.num(day), sm.num(5)
	if mo == 0 || !validDate(y, int(mo), d) {
		return time.Time{}, "", false
	}
	date := time.Date(y, mo, d, 0, 0, 0, 0, article.China)
	if g(6) == "" || g(10) != "" {
		return date, article.PrecisionDay, true
	}
	h, mi := hour24(sm.num(6), g(8)), sm.num(7)
	if h > 23 || mi > 59 {
		return date, article.PrecisionDay, true
	}
	loc := article.China
	if g(9) != "" {
		loc = time.UTC
	}
	return time.Date(y, mo, d, h, mi, 0, 0, loc).In(article.China), article.PrecisionMinute, true
}

// findDateRe returns the first match of re in f that conv accepts. With
// next, re is anchored (^…) and tried only where next says a match can
// start, the first such offset at or after its argument (-1: none).
func findDateRe(f string, re *regexp.Regexp, next func(string, int) int, conv func(string, []int) (time.Time, article.Precision, bool)) (time.Time, article.Precision, int, bool) {
	// Match by match, not FindAll: the first valid date ends the search.
	for off := 0; off < len(f); {
		var m []int
		if next == nil {
			m = re.FindStringSubmatchIndex(f[off:])
		} else {
			for at := next(f, off); at >= 0 && m == nil; at = next(f, at+1) {
				if m = re.FindStringSubmatchIndex(f[at:]); m != nil {
					off = at
				}
			}
		}
		if m == nil {
			break
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += off
			}
		}
		start, end := m[0], m[1]
		off = max(end, start+1)
		if start > 0 && isDigitByte(f[start-1]) {
			continue
		}
		if end < len(f) && isDigitByte(f[end]) && !timeRunOn(f, end) {
			continue
		}
		if trapBefore(f[:start]) {
			continue
		}
		t, p, ok := conv(f, m)
		if ok {
			return t, p, start, true
		}
	}
	return time.Time{}, "", -1, false
}

// timeRunOn reports whether the match of a date ending at end in f ends
// with a time's two digits after a colon (19:45:02): a digit right after
// it is the next element's number glued on where a template sets its
// fields in spans with no space between (…19:45:02</span><span>1楼), not
// more of the time.
func timeRunOn(f string, end int) bool {
	return end >= 3 && f[end-3] == ':' && isDigitByte(f[end-2]) && isDigitByte(f[end-1])
}

// dateReAt is dateRe anchored, tried where yearAt finds a year.
var dateReAt = regexp.MustCompile(`^(?:` + dateRe.String() + `)`)

// yearAt returns the first offset at or after from where f holds 19dd or
// 20dd: where a match of dateRe, which starts with its year, can start.
func yearAt(f string, from int) int {
	for i := from; i+3 < len(f); i++ {
		switch {
		case f[i] == '1' && f[i+1] == '9', f[i] == '2' && f[i+1] == '0':
			if isDigitByte(f[i+2]) && isDigitByte(f[i+3]) {
				return i
			}
		}
	}
	return -1
}

// mayHoldUSDate reports whether s may hold a match of usDateRe: a '/'
// between one or two digits and another '/'.
func mayHoldUSDate(s string) bool {
	return anySlash(s, func(i int) bool {
		return i+3 < len(s) && isDigitByte(s[i+1]) && (s[i+2] == '/' || isDigitByte(s[i+2]) && s[i+3] == '/')
	})
}

// usDateRe matches the US form of ASP-era pages: month/day/year with an
// optional 12-hour time, "9/17/2004 5:54:13 AM".
var usDateRe = regexp.MustCompile(`(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([AaPp][Mm]))?)?`)

// submatch is a regexp match m (FindStringSubmatchIndex) of f, read a
// group at a time.
type submatch struct {
	f string
	m []int
}

// group is the text of group i, "" when it did not match.
func (s submatch) group(i int) string {
	if s.m[2*i] < 0 {
		return ""
	}
	return s.f[s.m[2*i]:s.m[2*i+1]]
}

// num is the number group i holds, 0 when it did not match.
func (s submatch) num(i int) int {
	n, _ := strconv.Atoi(s.group(i))
	return n
}

func usDateFromMatch(f string, m []int) (time.Time, article.Precision, bool) {
	sm := submatch{f, m}
	g := sm.group
	mo, d, y := sm.num(1), sm.num(2), sm.num(3)
	if mo > 12 && d <= 12 {
		mo, d = d, mo // day/month/year
	}
	if !validDate(y, mo, d) {
		return time.Time{}, "", false
	}
	if g(4) == "" {
		return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, article.China), article.PrecisionDay, true
	}
	h, mi := hour24(sm.num(4), g(6)), sm.num(5)
	if h > 23 || mi > 59 {
		return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, article.China), article.PrecisionDay, true
	}
	return time.Date(y, time.Month(mo), d, h, mi, 0, 0, article.China), article.PrecisionMinute, true
}

// hour24 is the hour h of a 12-hour clock on a 24-hour one, as its
// marker says ("a", "AM", "p", "pm" …); h as it is without one.
func hour24(h int, marker string) int {
	if marker == "" {
		return h
	}
	switch marker[0] | 0x20 {
	case 'p':
		if h < 12 {
			h += 12
		}
	case 'a':
		if h == 12 {
			h = 0
		}
	}
	return h
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// trapBefore reports whether the text right before a date labels it as
// something other than a publish time.
// The label must stand on the date's own line, or end the line before it
// with a colon ("成文日期：\n2022-01-27" in a two-cell table): a title that
// ends in 活动 or 会议 on the line above an info line labels nothing.
func trapBefore(before string) bool {
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		if strings.TrimSpace(before[i+1:]) != "" {
			before = before[i+1:]
		} else if prev := strings.TrimRight(before[:i], " \t\n"); !strings.HasSuffix(prev, ":") {
			return false
		}
	}
	tail := []rune(strings.TrimRight(before, " :\t\n"))
	if len(tail) > 8 {
		tail = tail[len(tail)-8:]
	}
	return containsAnyOf(string(tail), notPublished)
}

func dateFromMatch(f string, m []int) (time.Time, article.Precision, bool) {
	sm := submatch{f, m}
	group := sm.group
	y, mo, d := sm.num(1), sm.num(2), sm.num(3)
	if !validDate(y, mo, d) {
		return time.Time{}, "", false
	}
	if group(4) == "" {
		if h, mi, ok := wordClock(f[m[1]:min(len(f), m[1]+40)]); ok {
			// 2024年5月10日 下午三时三十分, 2024年6月8日 晚8点
			return time.Date(y, time.Month(mo), d, h, mi, 0, 0, article.China), article.PrecisionMinute, true
		}
		return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, article.China), article.PrecisionDay, true
	}
	h, mi, sec := sm.num(4), sm.num(5), sm.num(6)
	h = hourOfDay(f[m[7]:m[8]], h)
	if h > 23 || mi > 59 || sec > 59 {
		// The numbers after the date are not a time; keep the date.
		return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, article.China), article.PrecisionDay, true
	}
	loc := article.China
	if z := group(7); z != "" {
		loc = zoneOf(z)
	}
	t := time.Date(y, time.Month(mo), d, h, mi, 0, 0, loc).In(article.China)
	return t, article.PrecisionMinute, true
}

// hourOfDay turns the hour h of a 12-hour time into the hour of the day,
// by the word before it (between the date and the hour): 下午3:30 is
// 15:30, 晚上8点 and 晚8点 20:00, 中午1点 13:00, 上午12:05 and 凌晨12:05 00:05. An hour
// with no such word is a 24-hour one.
func hourOfDay(between string, h int) int {
	switch {
	case h > 12:
		return h
	case strings.Contains(between, "下午") || strings.Contains(between, "晚"):
		if h < 12 {
			return h + 12
		}
	case strings.Contains(between, "中午"):
		if h < 11 {
			return h + 12
		}
	case strings.Contains(between, "上午") || strings.Contains(between, "凌晨") || strings.Contains(between, "早"):
		if h == 12 {
			return 0
		}
	}
	return h
}

// zoneOf turns "Z", "+08:00" or "+0800" into a fixed zone.
func zoneOf(z string) *time.Location {
	z = strings.TrimSpace(z)
	if z == "Z" {
		return time.UTC
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	z = strings.ReplaceAll(z[1:], ":", "")
	h, _ := strconv.Atoi(z[:2])
	mi, _ := strconv.Atoi(z[2:])
	return time.FixedZone(z, sign*(h*3600+mi*60))
}

func validDate(y, m, d int) bool {
	if y < 1970 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// urlDateRes find a date in an article URL: a CMS's own form first (TRS
// "t20230322_", cms.CMS.URLDay), then paths like "/2023-03-22/",
// "/20230322/", "/2023/03/22/", the year's folder over a folder of the
// month and day, or the month's over the day's ("/2023/0322/", a
// DedeCMS or portal path; "/202303/22/"). A month's folder alone
// ("/202303/") dates no page here: it gives a year-less date its year
// (see yearlessDateOf).
var (
	urlDayRe     = regexp.MustCompile(`(?:^|[/_t-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[_/.-]|$)`)
	urlDashRe    = regexp.MustCompile(`/((?:19|20)\d{2})[-/](0?[1-9]|1[0-2])[-/](0?[1-9]|[12]\d|3[01])/`)
	urlFoldersRe = regexp.MustCompile(`/((?:19|20)\d{2})/?(0[1-9]|1[0-2])/?(0[1-9]|[12]\d|3[01])/`)
	urlDateRes   = func() []*regexp.Regexp {
		var out []*regexp.Regexp
		for _, c := range cms.All {
			if c.URLDay != nil {
				out = append(out, c.URLDay)
			}
		}
		return append(out, urlDashRe, urlDayRe, urlFoldersRe)
	}()
)

// urlDate returns the publish day encoded in an article URL, if any.
func urlDate(u *url.URL) (time.Time, bool) {
	if u == nil {
		return time.Time{}, false
	}
	p := u.EscapedPath()
	for _, re := range urlDateRes {
		m := re.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if validDate(y, mo, d) {
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, article.China), true
		}
	}
	return time.Time{}, false
}

// postedRe ends a sentence that dates a post; postedWords are its words.
var (
	postedRe    = regexp.MustCompile(`发表|发布|发帖|贴出`)
	postedWords = []string{"发表", "发布", "发帖", "贴出"}
)

// containsAnyOf reports whether s contains one of words.
func containsAnyOf(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// labeledDate finds the first date that follows a publish-time label in the
// folded text f. A bare 时间/日期 label needs a colon and must not be part of
// a longer word such as 成文日期 or 活动时间.
func labeledDate(f string) (time.Time, article.Precision, bool) {
	t, p, _, ok := labeledDateLabel(f)
	return t, p, ok
}

// labeledDateLabel is labeledDate that also returns the label.
func labeledDateLabel(f string) (time.Time, article.Precision, string, bool) {
	f = numeralDates(f) // a year in numerals is looked for as one in digits
	if !hasYearDigits(f) {
		return time.Time{}, "", "", false // every date form below starts with a year
	}
	// Every date form starts with a year, so a labelled date is a label
	// right before a year: look back from each year rather than run
	// a regular expression of the labels over the text (a TRS box holds a
	// whole article).
	// A date labelled as the last update (更新时间), or as the day a
	// record was made (生成日期), gives way to one labelled as the
	// publishing after it on the same line (更新时间：… 发布时间：…).
	var upd struct {
		t     time.Time
		p     article.Precision
		label string
	}
	for from := 0; ; {
		y := nextYear(f, from)
		if y < 0 {
			break
		}
		from = y + 4
		label := publishLabelBefore(f, y)
		if label == "" {
			continue
		}
		rest := f[y:]
		if len(rest) > 80 {
			rest = rest[:80]
		}
		t, p, at, ok := findDate(rest)
		if d, compact := compactDate(rest); compact && !(ok && at == 0) {
			t, p, at, ok = findDate(d)
		}
		switch {
		case !ok || at != 0:
		case updateLabels[label]:
			if upd.label == "" {
				upd.t, upd.p, upd.label = t, p, label
			}
		default:
			return t, p, label, true
		}
	}
	if upd.label != "" {
		return upd.t, upd.p, upd.label, true
	}
	// "于2005年8月12日16:12:21在〖论坛〗发表": a date the sentence says was
	// the posting time. Text without one of postedRe's words has none:
	// the regular expressions below are spared most lines.
	if !containsAnyOf(f, postedWords) {
		return time.Time{}, "", "", false
	}
	for _, m := range dateRe.FindAllStringIndex(f, -1) {
		after := f[m[1]:min(len(f), m[1]+60)]
		if i := postedRe.FindStringIndex(after); i != nil && !strings.ContainsAny(after[:i[0]], "。！？\n") {
			if t, p, at, ok := findDate(f[m[0]:m[1]]); ok && at == 0 && !trapBefore(f[:m[0]]) {
				return t, p, "…发表", true
			}
		}
	}
	return time.Time{}, "", "", false
}

// publishLabelBefore returns the publish-time label (dateLabels) that
// ends f[:at], where a date starts, or "" when none does: the bare 时间,
// 日期 and 发布 need a colon and must not end a longer word (成文日期,
// 活动时间), and a page's upkeep stamp (本页更新时间) labels no publish
// time.
func publishLabelBefore(f string, at int) string {
	label, start, colon := labelBefore(f[:at])
	if label == "" {
		return ""
	}
	if pageStampRe.MatchString(f[max(0, start-24):start]) {
		return "" // "本页更新时间：…" dates the page's upkeep
	}
	if label == "时间" || label == "日期" || label == "发布" || label == "時間" || label == "發布" || label == "發佈" {
		if !colon {
			return ""
		}
		before := []rune(f[max(0, start-8):start])
		if n := len(before); n > 0 && isHan(before[n-1]) {
			return ""
		}
	}
	return label
}

// dateLabels are the publish-time labels; one followed by white space, an
// optional colon and a date labels it (the colon is required after the
// bare 时间, 日期 and 发布).
var dateLabels = []string{
	"发布时间", "发布日期", "发表时间", "发表日期", "发稿时间", "发文日期", "发文时间", "上传时间", "录入时间",
	"更新时间", "更新日期", "刊发时间", "出版时间", "发帖时间", "发贴时间", "发布于", "发表于", "发布", "时间", "日期", "Date", "Published", "Posted",
	// A government information page's date of disclosure (信息公开:
	// 公开日期 beside 成文日期, where others write 发布日期, or the
	// date the record was made: 生成日期), and the other names CMS
	// templates give the time an article went in (发稿日期, 录入日期,
	// 添加时间, 上线时间).
	"公开日期", "公开时间", "生成日期", "发稿日期", "录入日期", "添加时间", "上线时间",
	// The same in traditional characters.
	"發布時間", "發佈時間", "發布日期", "發佈日期", "發表時間", "發表日期", "發稿時間", "上傳時間", "更新時間",
	"發布於", "發佈於", "發表於", "發布", "發佈", "時間", "發帖時間", "發貼時間", "公開日期", "公開時間",
}

// updateLabels are the dateLabels of a page's last update, not its
// publishing, and of the day a government information record was made
// (生成日期: 信息公开 pages set it beside their 发布日期, a day or more
// before): a publish label's date beats theirs.
var updateLabels = map[string]bool{"更新时间": true, "更新日期": true, "更新時間": true, "生成日期": true}

// labelBefore returns the date label that ends text (label, then white
// space, an optional colon, white space), its byte offset and whether a
// colon follows it; "" when none does.
func labelBefore(text string) (label string, start int, colon bool) {
	j := len(text)
	for j > 0 && isASCIISpace(text[j-1]) {
		j--
	}
	if j > 0 && text[j-1] == ':' {
		colon = true
		j--
		for j > 0 && isASCIISpace(text[j-1]) {
			j--
		}
	}
	if last, _ := utf8.DecodeLastRuneInString(text[:j]); !dateLabelEnds[last] {
		return "", j, colon // most text before a year ends as no label does
	}
	for _, l := range dateLabels {
		if strings.HasSuffix(text[:j], l) && len(l) > len(label) {
			label = l
		}
	}
	return label, j - len(label), colon
}

// dateLabelEnds are the last runes of the dateLabels.
var dateLabelEnds = func() map[rune]bool {
	m := map[rune]bool{}
	for _, l := range dateLabels {
		r, _ := utf8.DecodeLastRuneInString(l)
		m[r] = true
	}
	return m
}()

func isASCIISpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

// nextYear returns the offset of the next "19dd" or "20dd" at or after
// from that no digit precedes, or -1.
func nextYear(f string, from int) int {
	for i := from; i+4 <= len(f); i++ {
		if (f[i] == '1' && f[i+1] == '9' || f[i] == '2' && f[i+1] == '0') && isDigit(f[i+2]) && isDigit(f[i+3]) &&
			(i == 0 || !isDigit(f[i-1])) {
			return i
		}
	}
	return -1
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// hasDigitForm reports whether s holds a digit, ASCII or full-width
// (what fold narrows): a text without one holds no date findDate reads
// (FuzzParseDate checks it).
func hasDigitForm(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) || s[i] == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
			return true
		}
	}
	return false
}

// hasYearDigits reports whether folded text has four ASCII digits in a
// row: the year every date form here needs. It spares the regular
// expressions the many lines of a page that hold no date.
func hasYearDigits(f string) bool {
	run := 0
	for i := 0; i < len(f); i++ {
		if f[i] >= '0' && f[i] <= '9' {
			run++
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// Year-less datelines: "Mar. 5", "5 March", "3月5日", and month and day
// parted by a hyphen or a slash before a time of day ("03-05 10:20", as
// portals and self-media print a story of this year: without the time,
// "3-5" may be a score or a range) or after a label (发布时间：03-05).
var (
	yearlessMonthDayRe = regexp.MustCompile(`\b(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`)
	yearlessDayMonthRe = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthNames + `)\b`)
	yearlessHanRe      = regexp.MustCompile(`(?:^|[^年\d])(\d{1,2})月(\d{1,2})日`)
	yearlessDashRe     = regexp.MustCompile(`(?:^|[^\d./:-])(\d{1,2})[-/](\d{1,2})\s+\d{1,2}:\d{2}`)
	// yearlessLabelDashRe is the hyphen form right after a label's colon
	// (发布时间：03-05), where no time needs to say it is a date; not a
	// range of months or days (时间：3-5月).
	yearlessLabelDashRe = regexp.MustCompile(`:\s*(\d{1,2})-(\d{1,2})(?:[^\d:/.\-月日号天个]|$)`)
	// yearlessClockRe is the time of day right after a year-less date.
	yearlessClockRe = regexp.MustCompile(`^\s*(\d{1,2}):(\d{2})`)
	// urlMonthRe finds a URL's year and month folder: "/2024/03/",
	// "/2024-03/", "/202403/", and a folder of the month and day under
	// the year's ("/2024/0305/").
	urlMonthRe = regexp.MustCompile(`/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])(?:/|$|(?:0[1-9]|[12]\d|3[01])/)`)
)

// yearlessDate reads a dateline that gives a month and a day but no year
// ("Mar. 5", "3月5日", "03-05 10:20") in the folded text f, and takes the
// year from the URL's year and month folder when that folder's month is
// the dateline's. Without such a folder the date stays unknown: a year
// is never guessed. A time of day right after the day is read with it
// (precision minute).
func yearlessDate(f string, u *url.URL) (time.Time, article.Precision, bool) {
	return yearlessDateOf(f, u, false)
}

// yearlessDateOf is yearlessDate; with clockOnly, it reads only the
// Chinese forms a time of day follows ("3月5日 10:20", "03-05 10:20").
func yearlessDateOf(f string, u *url.URL, clockOnly bool) (time.Time, article.Precision, bool) {
	if u == nil {
		return time.Time{}, "", false
	}
	m := urlMonthRe.FindStringSubmatch(u.EscapedPath())
	if m == nil {
		return time.Time{}, "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	md, ok := monthDayOf(f, clockOnly)
	if !ok || int(md.Month) != mo || !validDate(y, mo, md.Day) {
		return time.Time{}, "", false
	}
	if md.Clock {
		return time.Date(y, time.Month(mo), md.Day, md.Hour, md.Minute, 0, 0, article.China), article.PrecisionMinute, true
	}
	return time.Date(y, time.Month(mo), md.Day, 0, 0, 0, 0, article.China), article.PrecisionDay, true
}

// MonthDay is a dateline's day without its year ("05-10 09:12", "5月10日"),
// with the time of day when it shows one (Clock).
type MonthDay struct {
	Month        time.Month
	Day          int
	Hour, Minute int
	Clock        bool
}

// String writes d as the page might: "05-10 09:12", "05-10".
func (d MonthDay) String() string {
	s := fmt.Sprintf("%02d-%02d", int(d.Month), d.Day)
	if d.Clock {
		s += fmt.Sprintf(" %02d:%02d", d.Hour, d.Minute)
	}
	return s
}

// monthDayOf reads the first year-less date in the folded text f
// (yearlessMonthDay; with clockOnly, the Chinese forms a time of day
// follows) with the time of day right after its day.
func monthDayOf(f string, clockOnly bool) (MonthDay, bool) {
	mo, d, end, ok := yearlessMonthDay(f, clockOnly)
	if !ok || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return MonthDay{}, false
	}
	md := MonthDay{Month: time.Month(mo), Day: d}
	if c := yearlessClockRe.FindStringSubmatch(f[end:]); c != nil {
		h, _ := strconv.Atoi(c[1])
		mi, _ := strconv.Atoi(c[2])
		if h < 24 && mi < 60 {
			md.Hour, md.Minute, md.Clock = h, mi, true
		}
	}
	return md, true
}

// findIf is re.FindStringSubmatchIndex(f) where may says f may hold a
// match, else nil.
func findIf(may bool, re *regexp.Regexp, f string) []int {
	if !may {
		return nil
	}
	return re.FindStringSubmatchIndex(f)
}

// yearlessMonthDay returns the month and day of the first year-less
// date in f, and where it ends; with clockOnly, of the Chinese forms only.
func yearlessMonthDay(f string, clockOnly bool) (month, day, end int, ok bool) {
	at := len(f)
	clock := strings.IndexByte(f, ':') >= 0 // a time of day may follow
	if clockOnly && !clock {
		return 0, 0, 0, false
	}
	if m := findIf(strings.Contains(f, "月"), yearlessHanRe, f); m != nil && m[0] < at {
		at, end = m[0], m[1]
		month, _ = strconv.Atoi(f[m[2]:m[3]])
		day, _ = strconv.Atoi(f[m[4]:m[5]])
	}
	if m := findIf(clock, yearlessDashRe, f); m != nil && m[0] < at {
		at, end = m[0], m[5]
		month, _ = strconv.Atoi(f[m[2]:m[3]])
		day, _ = strconv.Atoi(f[m[4]:m[5]])
	}
	if m := findIf(clock, yearlessLabelDashRe, f); m != nil && m[0] < at {
		at, end = m[0], m[5]
		month, _ = strconv.Atoi(f[m[2]:m[3]])
		day, _ = strconv.Atoi(f[m[4]:m[5]])
	}
	if clockOnly {
		return month, day, end, at < len(f)
	}
	if m := yearlessMonthDayRe.FindStringSubmatchIndex(f); m != nil && m[0] < at {
		at, end = m[0], m[1]
		month = int(monthIndex(f[m[2]:m[3]]))
		day, _ = strconv.Atoi(f[m[4]:m[5]])
	}
	if m := yearlessDayMonthRe.FindStringSubmatchIndex(f); m != nil && m[0] < at {
		at, end = m[0], m[1]
		day, _ = strconv.Atoi(f[m[2]:m[3]])
		month = int(monthIndex(f[m[4]:m[5]]))
	}
	return month, day, end, at < len(f)
}
