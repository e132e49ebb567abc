package extract

import (
	"strings"
	"unicode/utf8"
)

// Hours in words. A notice or a county story may write the hour of its
// publish time as officials write it, after a date in digits: in
// numerals (下午三时三十分, 上午九时), or a digit with no minutes after a
// word for the part of the day (晚8点, 上午10时). dateRe reads "15:30" and
// "3时30分"; wordClock reads these.

// dayParts are the words before an hour that say which half of the day
// it is in (see hourOfDay), longest first.
var dayParts = []string{"上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚", "晚", "早"}

// wordClock reads the time of day that opens s, the text right after a
// date: white space, a part of the day, an hour in digits or numerals
// and 时 or 点, then minutes in the same way and 分, or 半, or nothing (the
// full hour). It returns the hour on a 24-hour clock and the minutes.
// Clicks are no hours (2024-05-10 12点击).
func wordClock(s string) (h, mi int, ok bool) {
	s = strings.TrimLeft(s, " ")
	part := ""
	for _, w := range dayParts {
		if rest, found := strings.CutPrefix(s, w); found {
			part, s = w, strings.TrimLeft(rest, " ")
			break
		}
	}
	h, s = leadingNumber(s)
	if h < 0 {
		return 0, 0, false
	}
	s = strings.TrimLeft(s, " ")
	r, size := utf8.DecodeRuneInString(s)
	if r != '时' && r != '点' && r != '時' && r != '點' {
		return 0, 0, false
	}
	s = s[size:]
	if next, _ := utf8.DecodeRuneInString(s); r == '点' || r == '點' {
		if strings.ContainsRune("击擊赞讚评評", next) {
			return 0, 0, false
		}
	}
	switch m, rest := leadingNumber(strings.TrimLeft(s, " ")); {
	case strings.HasPrefix(s, "半"):
		mi = 30
	case m >= 0 && strings.HasPrefix(strings.TrimLeft(rest, " "), "分"):
		mi = m
	}
	h = hourOfDay(part, h)
	if h > 23 || mi > 59 {
		return 0, 0, false
	}
	return h, mi, true
}

// leadingNumber reads the number below 60 that opens s, in one or two
// digits or in Chinese numerals (九, 十二, 三十, 零五), and returns it with
// the rest of s; -1 when s opens with none.
func leadingNumber(s string) (int, string) {
	if n := len(s) - len(strings.TrimLeft(s, "0123456789")); n > 0 {
		if n > 2 {
			return -1, s
		}
		v := int(s[0] - '0')
		if n == 2 {
			v = v*10 + int(s[1]-'0')
		}
		return v, s[n:]
	}
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if numeralValue(r) < 0 || end >= 9 {
			break
		}
		end += size
	}
	if end == 0 {
		return -1, s
	}
	n := s[:end]
	if r, size := utf8.DecodeRuneInString(n); numeralValue(r) == 0 && size < len(n) {
		n = n[size:] // 零五分: five minutes
	}
	v := numeralNumber(n)
	if v < 0 || v > 59 {
		return -1, s
	}
	return v, s[end:]
}
