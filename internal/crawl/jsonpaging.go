package crawl

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// Where a JSON list ends. Back ends wrap a page's records with what they
// know of the list ({code: 0, data: {list: […], total: 57}},
// {"rows": […], "total": 57}, {"result": {"records": […], "pages": 6}}),
// and a JSONP answer wraps it all in a call (callback({…});). A page
// whose wrapping says it is the last (its page number reaches the page
// count, or its records reach the total) leads to no next page; an empty
// page lists none; and a page listing the same records as the page
// before (an endpoint that ignores the page number past the end) is no
// page at all (jsonLists' prints).

// jsonTotalKeys and jsonPagesKeys name a list answer's count of records
// and of pages (matched in any case).
var (
	jsonTotalKeys = []string{"total", "totalCount", "total_count", "totalRecord", "totalRecords", "recordCount", "totalElements", "totalNum", "totalRows", "totalSize", "count", "recordsTotal"}
	jsonPagesKeys = []string{"totalPage", "totalPages", "total_page", "total_pages", "pageCount", "page_count", "pages", "pageTotal", "lastPage", "last_page", "totalPageNum", "pageSum"}
)

// jsonSizeParams are the query parameters that give a list's page size.
var jsonSizeParams = []string{"pageSize", "pagesize", "page_size", "size", "limit", "rows", "ps", "perPage", "per_page", "pageCount"}

// listCounts is what an answer's wrapping says of its list: its records'
// and pages' counts, 0 when it does not say.
type listCounts struct{ total, pages int }

// read takes the counts a map of the answer (not a record) holds, the
// first found of each.
func (c *listCounts) read(m map[string]any) {
	if c.total == 0 {
		c.total = countField(m, jsonTotalKeys)
	}
	if c.pages == 0 {
		c.pages = countField(m, jsonPagesKeys)
	}
}

// last reports whether the answer at u, listing n records, is its list's
// last page by the counts: its page number reaches the page count, or the records up
// to it, at the page size u asks (else n a page), reach the total. A
// total no more than the page's own records on page one says nothing: a
// count of the page's rows reads the same.
func (c listCounts) last(u *url.URL, n int) bool {
	// A list numbered from 0 is read as from 1 past its page 0: one
	// page more asked, never one less.
	k, ok := jsonPageNumber(u)
	if !ok {
		return false
	}
	k = max(k, 1)
	if c.pages > 0 && k >= c.pages {
		return true
	}
	size := n
	q := u.Query()
	for _, p := range jsonSizeParams {
		if s, err := strconv.Atoi(q.Get(p)); err == nil && s > 0 {
			size = s
			break
		}
	}
	if c.total > 0 && !(k == 1 && c.total <= n) && k*size >= c.total {
		return true
	}
	return false
}

// jsonPageNumber returns the page number u asks (its first parameter of
// jsonPageParams that holds a number), page 1 when it asks none.
func jsonPageNumber(u *url.URL) (int, bool) {
	if u == nil {
		return 0, false
	}
	q := u.Query()
	for _, p := range jsonPageParams {
		if v := q.Get(p); v != "" {
			k, err := strconv.Atoi(v)
			return k, err == nil && k >= 0
		}
	}
	return 1, true
}

// countField returns the first positive count of keys that m holds, as a
// number or a string of digits (keys matched in any case).
func countField(m map[string]any, keys []string) int {
	for _, k := range keys {
		for mk, mv := range m {
			if !strings.EqualFold(mk, k) {
				continue
			}
			var s string
			switch v := mv.(type) {
			case json.Number:
				s = v.String()
			case string:
				s = v
			}
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}

// unwrapJSONP returns the argument of a JSONP answer (callback({…});,
// /**/cb({…}), jQuery1234_5678([…])), or body when it is none.
func unwrapJSONP(body []byte) []byte {
	b := body
	if len(b) > 4 && string(b[:4]) == "/**/" {
		b = b[4:]
	}
	i := 0
	for i < len(b) && (isIdentByte(b[i]) || b[i] == '.') {
		i++
	}
	if i == 0 || i == len(b) || b[0] >= '0' && b[0] <= '9' {
		return body
	}
	rest := strings.TrimLeft(string(b[i:]), " \t")
	if !strings.HasPrefix(rest, "(") {
		return body
	}
	rest = strings.TrimRight(rest, " \t\r\n;")
	if !strings.HasSuffix(rest, ")") {
		return body
	}
	return []byte(strings.TrimSpace(rest[1 : len(rest)-1]))
}

// pagePrint checks a JSON list page's print against the page before's
// (see jsonListPage) and keeps it: it reports whether the answer at u
// repeats that page.
func (l *jsonLists) pagePrint(u *url.URL, print uint64) (repeats bool) {
	k, ok := jsonPageNumber(u)
	if !ok {
		return false
	}
	key := endpointKey(u.String())
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.prints == nil {
		l.prints = map[string]uint64{}
	}
	if prev, ok := l.prints[key+"#"+strconv.Itoa(k-1)]; ok && prev == print {
		return true
	}
	if len(l.prints) < maxJSONLists {
		l.prints[key+"#"+strconv.Itoa(k)] = print
	}
	return false
}
