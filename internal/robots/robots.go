// Package robots reads a robots.txt file and answers whether a crawler may
// fetch a URL, as RFC 9309 (the Robots Exclusion Protocol) says, with
// the readings Google publishes where the RFC leaves room:
//
//   - a group is one or more User-agent lines and the rules after them;
//     the groups naming the crawler's product token (in any case, the
//     line's token before a version: "wenming/2.0" names wenming) are
//     merged, and without one the "*" groups are; a token that only
//     begins like the crawler's ("wen") names another crawler;
//   - Allow and Disallow paths match from the start of the URL's path
//     and query, "*" standing for any run of characters and a final "$"
//     for the end (a "$" elsewhere is a literal); the rule matching most
//     octets wins, an Allow where an Allow and a Disallow match as many;
//     /robots.txt itself is always allowed;
//   - paths and rules are compared with their percent-encoding made
//     alike: octets outside ASCII (a UTF-8 rule "/新闻/") encoded, escapes
//     of unreserved characters ("%62") decoded, the rest in upper case
//     ("%e6" is "%E6"), and a URL's literal "*" or "$" encoded, so that a
//     rule writes them "%2A" and "%24";
//   - every line that parses is used: a rule before any User-agent line
//     belongs to no group and is left out, a Crawl-delay that is no
//     number is left out, lines may end in LF, CR LF or CR, a byte order
//     mark is skipped, "#" starts a comment, keys are read in any case
//     (and the misspellings Google reads), and a line without a colon
//     is read when its key and value are two words ("Disallow /x");
//   - Crawl-delay (seconds) and Sitemap lines are read too: the delay of
//     the groups that apply (the longest, where they give several), the
//     sitemaps of the whole file.
//
// Fetching the file, its status codes and the size to read are the
// caller's (RFC 9309 2.3 and 2.5).
package robots

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"
)

// File is a parsed robots.txt.
type File struct {
	groups []group
	// Sitemaps are the file's Sitemap URLs, in its order.
	Sitemaps []string
}

// group is one group of the file: its agents' product tokens in lower
// case ("*" for every crawler) and its rules.
type group struct {
	agents []string
	rules  []rule
	delay  time.Duration
}

// Parse reads a robots.txt body. It never fails: what does not parse is
// left out (RFC 9309 2.2: crawlers use the parseable rules).
func Parse(body []byte) *File {
	f := &File{}
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	var cur *group   // the group being read, nil before the first User-agent
	members := false // cur has a line other than User-agent: a User-agent line starts a new group
	for len(body) > 0 {
		var line []byte
		if i := bytes.IndexAny(body, "\r\n"); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			line, body = body, nil
		}
		key, value, ok := keyValue(line)
		if !ok {
			continue
		}
		switch key {
		case "user-agent", "useragent", "user agent":
			if cur == nil || members {
				f.groups = append(f.groups, group{})
				cur, members = &f.groups[len(f.groups)-1], false
			}
			if token := productToken(value); token != "" {
				cur.agents = append(cur.agents, token)
			}
		case "allow", "disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw":
			if cur == nil {
				continue
			}
			members = true
			if value != "" {
				cur.rules = append(cur.rules, newRule(value, key == "allow"))
			}
		case "crawl-delay", "crawldelay":
			if cur == nil {
				continue
			}
			members = true
			if s, err := strconv.ParseFloat(value, 64); err == nil && s >= 0 && !math.IsInf(s, 0) {
				cur.delay = max(cur.delay, time.Duration(s*float64(time.Second)))
			}
		case "sitemap", "site-map":
			if value != "" {
				f.Sitemaps = append(f.Sitemaps, value)
			}
		}
	}
	return f
}

// keyValue splits a line into its key, in lower case, and its value,
// without the comment and the spaces around them. A line without a
// colon is read as key and value when they are two words.
func keyValue(line []byte) (key, value string, ok bool) {
	if i := bytes.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	k, v, colon := bytes.Cut(line, []byte(":"))
	if !colon {
		fields := bytes.Fields(line)
		if len(fields) != 2 {
			return "", "", false
		}
		k, v = fields[0], fields[1]
	}
	key = strings.ToLower(string(bytes.TrimSpace(k)))
	return key, string(bytes.TrimSpace(v)), key != ""
}

// productToken is the crawler name a User-agent value gives: "*", or its
// letters, digits, "-" and "_" up to the first other character ("/2.0",
// a space), in lower case.
func productToken(value string) string {
	if strings.HasPrefix(value, "*") {
		return "*"
	}
	end := strings.IndexFunc(value, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	})
	if end < 0 {
		end = len(value)
	}
	return strings.ToLower(value[:end])
}

// For returns the rules the file sets for the crawler whose product
// token is agent (read as a User-agent line is: "wenming/0.1" is
// wenming): those of the groups naming it, else those of the "*"
// groups, else none.
func (f *File) For(agent string) *Rules {
	agent = productToken(agent)
	r := &Rules{}
	if !r.merge(f.groups, agent) {
		r.merge(f.groups, "*")
	}
	r.sort()
	return r
}

// merge adds the rules and delays of the groups naming agent, and
// reports whether there were any.
func (r *Rules) merge(groups []group, agent string) bool {
	found := false
	for _, g := range groups {
		for _, a := range g.agents {
			if a == agent {
				found = true
				r.rules = append(r.rules, g.rules...)
				r.CrawlDelay = max(r.CrawlDelay, g.delay)
				break
			}
		}
	}
	return found
}
