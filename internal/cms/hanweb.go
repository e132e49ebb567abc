package cms

import (
	"bytes"
	"net/url"
	"regexp"
	"strconv"
)

// 大汉 Hanweb JCMS and the government site-cluster platforms built as it
// is (政府网站集约化平台): columns at /col/colNNNN/index.html, articles at
// /art/YYYY/M/D/art_COL_ID.html. A column's entries sit in a data island
// (<script type="text/xml"><datastore><recordset><record><![CDATA[…]]>)
// holding the first group of pages; the jpage script pages through it and
// asks the platform's data proxy (dataproxy.jsp) for later groups by
// record range. The article templates differ from site to site: the
// generic rules read them.
var Hanweb = &CMS{
	Name: "hanweb",
	Detect: Detect{
		Literals: []string{"/module/web/jpage/", "ZJEG_RSS.content.begin"},
		URL:      PathForm(`/art/(?:19|20)\d{2}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$`),
	},
	URLDay:      regexp.MustCompile(`/art/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/art_\d+_\d+\.html`),
	PagerScript: ".jpage(",
	ListPages:   hanwebListPages,
}

// The jpage call: $('#unit').jpage({ perPage: 15, totalRecord: 120,
// groupSize: 3, proxyUrl: '…/dataproxy.jsp', ajaxParam: { columnid: 1229,
// unitid: '3234213', … } }).
var (
	jpageNumber = regexp.MustCompile(`\b(perPage|totalRecord|groupSize)\s*:\s*['"]?(\d+)`)
	jpageProxy  = regexp.MustCompile(`\bproxyUrl\s*:\s*['"]([^'"]+)['"]`)
	jpageParams = regexp.MustCompile(`\bajaxParam\s*:\s*\{([^}]*)\}`)
	jsPair      = regexp.MustCompile(`(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([\w.-]+))`)
)

// maxProxyPages bounds the proxy requests generated from a record count.
const maxProxyPages = 2000

// hanwebListPages returns the data proxy's pages that a jpage call stands
// for: one GET per group of records after the first (which the page's
// island holds), the range in startrecord, endrecord and perpage and the
// call's ajaxParam in the query. The script posts the parameters as a
// form; the platform's servlet reads a query the same way.
func hanwebListPages(body []byte, page *url.URL) []string {
	// Every page the crawler reads comes here: look for the call in the
	// bytes, without a copy.
	i := bytes.Index(body, []byte(".jpage("))
	if i < 0 {
		return nil
	}
	call := body[i:min(len(body), i+4000)]
	if end := bytes.Index(call, []byte("</script>")); end >= 0 {
		call = call[:end]
	}
	nums := map[string]int{"groupSize": 3}
	for _, m := range jpageNumber.FindAllSubmatch(call, -1) {
		if n, err := strconv.Atoi(string(m[2])); err == nil {
			nums[string(m[1])] = n
		}
	}
	proxy := jpageProxy.FindSubmatch(call)
	per, total, groups := nums["perPage"], nums["totalRecord"], nums["groupSize"]
	if proxy == nil || per <= 0 || groups <= 0 || total <= per*groups {
		return nil
	}
	base, err := page.Parse(string(proxy[1]))
	if err != nil {
		return nil
	}
	q := url.Values{}
	if m := jpageParams.FindSubmatch(call); m != nil {
		for _, p := range jsPair.FindAllSubmatch(m[1], -1) {
			q.Set(string(p[1]), string(p[2])+string(p[3])+string(p[4]))
		}
	}
	q.Set("perpage", strconv.Itoa(per))
	group := per * groups
	var out []string
	for start := group + 1; start <= total && len(out) < maxProxyPages; start += group {
		q.Set("startrecord", strconv.Itoa(start))
		q.Set("endrecord", strconv.Itoa(start+group-1))
		u := *base
		u.RawQuery = q.Encode()
		out = append(out, u.String())
	}
	return out
}
