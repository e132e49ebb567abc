package main

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
)

// nameAttrRe finds a class or id attribute and its value, quoted or not.
var nameAttrRe = regexp.MustCompile(`(?is)(\s(?:class|id)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)`)

// scrambleNames replaces every word of every class and id attribute with
// a token that means nothing (the same word gives the same token, so the
// template's structure stays): the page as a CMS whose names nobody has
// seen would make it. Selectors in <style> and scripts keep the old names.
func scrambleNames(src []byte) []byte {
	return nameAttrRe.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := nameAttrRe.FindSubmatch(m)
		val := string(sub[2])
		quote := ""
		if len(val) > 0 && (val[0] == '"' || val[0] == '\'') {
			quote, val = val[:1], val[1:len(val)-1]
		}
		words := strings.Fields(val)
		for i, w := range words {
			h := fnv.New32a()
			h.Write([]byte(w))
			words[i] = fmt.Sprintf("n%06x", h.Sum32()&0xffffff)
		}
		return []byte(string(sub[1]) + quote + strings.Join(words, " ") + quote)
	})
}
