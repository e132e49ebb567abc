package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Dates in Chinese numerals. A government document dates its writing and
// its publication, and signs off, in numerals — 二〇二四年三月十八日 (the
// circle written 〇, ○ or 零), or the month and day alone in numerals
// after a year in digits (2024年三月十八日). They are read where a date in
// digits is read (labelled, on the info line, on a signature line), by
// writing them in digits first; the text keeps them as written.

// numeralDateRe is a date whose month and day are Chinese numerals, its
// year in numerals or in digits.
var numeralDateRe = regexp.MustCompile(`([一二][〇○零一二三四五六七八九]{3}|\d{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)

// numeralMonth reports whether s holds a month in Chinese numerals: a
// numeral right before 月. Text without one holds no date numeralDates
// rewrites. It looks for 月's last two bytes: its first, E6, leads a
// sixteenth of Chinese characters, and strings.Index stops at each
// (a search for 月 itself cost some forty times as much on a line of
// Chinese text).
func numeralMonth(s string) bool {
	const tail = "\x9c\x88" // 月 is E6 9C 88
	for i := 0; ; {
		j := strings.Index(s[i:], tail)
		if j < 0 {
			return false
		}
		at := i + j - 1 // where 月 would start
		if at >= 0 && s[at] == 0xe6 {
			if r, _ := utf8.DecodeLastRuneInString(s[:at]); numeralValue(r) >= 0 {
				return true
			}
		}
		i += j + len(tail)
	}
}

// numeralDates returns s with its dates in Chinese numerals written in
// digits (二〇二四年三月十八日 → 2024年3月18日), or s itself when it has
// none. The digits take fewer bytes; spaces after them keep every other
// byte of s where it was, so an offset into the result is one into s.
func numeralDates(s string) string {
	if !numeralMonth(s) {
		return s
	}
	return numeralDateRe.ReplaceAllStringFunc(s, func(m string) string {
		g := numeralDateRe.FindStringSubmatch(m)
		y, mo, d := numeralYear(g[1]), numeralNumber(g[2]), numeralNumber(g[3])
		if y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 {
			return m
		}
		digits := strconv.Itoa(y) + "年" + strconv.Itoa(mo) + "月" + strconv.Itoa(d) + "日"
		return digits + strings.Repeat(" ", len(m)-len(digits))
	})
}

// numeralValue is the value of one Chinese numeral (〇 … 九, 十), or -1.
func numeralValue(r rune) int {
	switch r {
	case '〇', '○', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	}
	return -1
}

// numeralYear reads a year written digit by digit (二〇二四) or in
// digits; -1 when it is neither.
func numeralYear(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	y := 0
	for _, r := range s {
		v := numeralValue(r)
		if v < 0 || v > 9 {
			return -1
		}
		y = y*10 + v
	}
	return y
}

// numeralNumber reads a number below 40 in Chinese numerals (三, 十,
// 十八, 二十, 三十一); -1 when s is none.
func numeralNumber(s string) int {
	tens, ones, seenTen := 0, 0, false
	for _, r := range s {
		v := numeralValue(r)
		switch {
		case v == 10 && !seenTen:
			seenTen, tens = true, max(ones, 1)
			ones = 0
		case v >= 1 && v <= 9 && (seenTen || ones == 0):
			ones = v
		default:
			return -1
		}
	}
	if seenTen {
		return tens*10 + ones
	}
	return ones
}
