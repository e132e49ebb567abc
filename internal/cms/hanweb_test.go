package cms

import (
	"net/url"
	"slices"
	"testing"
)

// TestHanwebListPages reads the jpage call of a column page: one proxy
// request per group of records after the first (which the page's island
// holds), with the call's parameters in the query.
func TestHanwebListPages(t *testing.T) {
	page, _ := url.Parse("http://www.xx.gov.cn/col/col1229/index.html")
	call := func(total string) []byte {
		return []byte(`<div id="3234213"><script type="text/xml"><datastore></datastore></script></div>
<script>$(document).ready(function() { $('#3234213').jpage({ dataStore: dataStore, dataBefore: '<ul>', dataAfter: '</ul>',
perPage: 15, totalRecord: ` + total + `, groupSize: 3, proxyUrl: '/module/web/jpage/dataproxy.jsp', barPosition: 'bottom',
ajaxParam: { col: 1, appid: 1, webid: 1, path: '/', columnid: 1229, unitid: '3234213', webname: "县文明网", permissiontype: 0 } }); });</script>`)
	}
	tests := []struct {
		total string
		want  []string
	}{
		{"45", nil}, // one group: the island holds it all
		{"100", []string{
			"http://www.xx.gov.cn/module/web/jpage/dataproxy.jsp?appid=1&col=1&columnid=1229&endrecord=90&path=%2F&permissiontype=0&perpage=15&startrecord=46&unitid=3234213&webid=1&webname=%E5%8E%BF%E6%96%87%E6%98%8E%E7%BD%91",
			"http://www.xx.gov.cn/module/web/jpage/dataproxy.jsp?appid=1&col=1&columnid=1229&endrecord=135&path=%2F&permissiontype=0&perpage=15&startrecord=91&unitid=3234213&webid=1&webname=%E5%8E%BF%E6%96%87%E6%98%8E%E7%BD%91",
		}},
	}
	for _, tt := range tests {
		if got := ListPages(call(tt.total), page); !slices.Equal(got, tt.want) {
			t.Errorf("totalRecord %s: %v,\nwant %v", tt.total, got, tt.want)
		}
	}
	if got := ListPages([]byte(`<script>$('#x').jpage({ perPage: 15, totalRecord: 100 });</script>`), page); got != nil {
		t.Errorf("no proxy named: %v", got)
	}
}
