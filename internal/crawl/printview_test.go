package crawl

import "testing"

func TestPrintView(t *testing.T) {
	for text, want := range map[string]bool{
		"打印本页": true, "【打印此文】": true, "[打印]": true, " 打印 ": true, "（打印本文）": true,
		"打印版下载": false, "打印机采购公告": false, "关闭窗口": false, "": false,
	} {
		if got := printView(text); got != want {
			t.Errorf("printView(%q) = %v, want %v", text, got, want)
		}
	}
}
