package extract

import "testing"

// TestTopicLinksAfterLead runs a page of our own making whose lead
// sentence stands in a block of its own under the title, and whose
// text opens, inside its container, under a box of the topics it
// touches (本文涉及： and their links), all under class names that mean
// nothing: the box stopped the climb from the text to the container
// that the lead stands right before, and the lead was lost (only a
// class, lead, had kept it).
func TestTopicLinksAfterLead(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "topic_links_after_lead.html", url: "http://www.jiangcheng.example.cn/xzdt/2024/0218/15.html",
		title: "青石镇“村晚”唱出乡村新气象", published: "2024-02-18 20:15", source: "青石镇",
		want: []string{"正月初八晚，青石镇文化礼堂座无虚席", "今年的“村晚”共有十六个节目", "讲述自己的家风故事。"},
		not:  []string{"本文涉及", "乡村春晚", "版权所有"},
	}})
}
