package extract

import (
	"net/url"
	"testing"
)

// TestVisitScriptBeforeCount checks the class of a script right after a
// view label that logs the visit while the page prints the count after
// it (PbootCMS's {content:visits}: 浏览：<script src='/?p=/Do/visits/id/12'
// async='async'></script>1017次): it is no counter, and the printed count
// is the views; a script the count is not printed after stays the
// counter.
func TestVisitScriptBeforeCount(t *testing.T) {
	base, _ := url.Parse("http://www.qs.example.cn/gzdt/12.html")
	for _, tc := range []struct{ name, raw, counter string }{
		{"count printed after the script", `<span>浏览：<script src='/?p=/Do/visits/id/12' async='async'></script>1017次</span>`, ""},
		{"count printed after the script, spaced", `浏览： <script src="/?p=/Do/visits/id/12"></script> 1,017 次`, ""},
		{"the script writes the count", `浏览：<script src="/count.php?id=12"></script>次`, "http://www.qs.example.cn/count.php?id=12"},
		{"the script writes the count, a field follows", `浏览：<script src="/count.php?id=12"></script> 发布时间：2023-05-02`, "http://www.qs.example.cn/count.php?id=12"},
	} {
		checkCounterFound(t, tc.name, findCounter(indexRaw(tc.raw), base), tc.counter)
	}
}
