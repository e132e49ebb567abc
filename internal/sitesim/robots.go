package sitesim

import (
	"strings"
)

// discuzRobots is the robots.txt that Discuz! X3 ships [seen].
const discuzRobots = `#
# robots.txt for Discuz! X3
#

User-agent: *
Disallow: /api/
Disallow: /data/
Disallow: /source/
Disallow: /install/
Disallow: /template/
Disallow: /config/
Disallow: /uc_client/
Disallow: /uc_server/
Disallow: /static/
Disallow: /admin.php
Disallow: /search.php
Disallow: /member.php
Disallow: /api.php
Disallow: /misc.php
Disallow: /connect.php
Disallow: /forum.php?mod=redirect*
Disallow: /forum.php?mod=post*
Disallow: /home.php?mod=spacecp*
Disallow: /userapp.php?mod=app&*
Disallow: /*?mod=misc*
Disallow: /*?mod=attachment*
Disallow: /*mobile=yes*
`

// dedeRobots is the robots.txt that DedeCMS V5.7 ships [seen in many
// captures]: it disallows /plus/count.php, the view counter script.
const dedeRobots = "User-agent: * \r\nDisallow: /plus/ad_js.php\r\nDisallow: /plus/advancedsearch.php\r\nDisallow: /plus/car.php\r\nDisallow: /plus/carbuyaction.php\r\nDisallow: /plus/shops_buyaction.php\r\nDisallow: /plus/erraddsave.php\r\nDisallow: /plus/posttocar.php\r\nDisallow: /plus/disdls.php\r\nDisallow: /plus/feedback_js.php\r\nDisallow: /plus/mytag_js.php\r\nDisallow: /plus/rss.php\r\nDisallow: /plus/search.php\r\nDisallow: /plus/recommend.php\r\nDisallow: /plus/stow.php\r\nDisallow: /plus/count.php\r\nDisallow: /include\r\nDisallow: /templets"

// phpcmsRobots is the robots.txt that PHPCMS v9 ships [seen]. Under
// prefix matching (RFC 9309) "Disallow: /api" also covers /api.php, the
// view counter.
const phpcmsRobots = "#\n# robots.txt for PHPCMS v9\n#\n\nUser-agent: * \nDisallow: /caches\nDisallow: /phpcms\nDisallow: /install\nDisallow: /phpsso_server\nDisallow: /api\nDisallow: /admin.php\n"

// robotsFor renders a site's robots.txt. Discuz, DedeCMS and PHPCMS ship
// their stock files; TRS and EmpireCMS files are modelled, each listing
// the site's disallowed columns; a VSB site has none.
func robotsFor(s *site) string {
	var b strings.Builder
	switch s.CMS {
	case cmsDiscuz:
		return discuzRobots
	case cmsDede:
		return dedeRobots
	case cmsPHPCMS:
		return phpcmsRobots
	case cmsVSB:
		return "" // none: /robots.txt answers 404
	case cmsEmpire:
		b.WriteString("User-agent: *\nDisallow: /e/admin/\nDisallow: /e/class/\nDisallow: /e/data/\nDisallow: /e/enews/\nDisallow: /e/install/\nDisallow: /e/update/\nDisallow: /e/tool/\nDisallow: /d/\n")
	default:
		b.WriteString("# robots.txt\nUser-agent: *\nDisallow: /wcm/\nDisallow: /search/\nDisallow: /pub/\n")
	}
	for _, c := range s.cols {
		if c.disallowed {
			b.WriteString("Disallow: " + c.path + "\n")
			if s.mobile {
				b.WriteString("Disallow: /m" + c.path + "\n")
			}
		}
	}
	if s.CMS == cmsTRS {
		b.WriteString("\nUser-agent: Baiduspider\nAllow: /\n")
	}
	if s.has(featSitemapIndex) {
		b.WriteString("\nSitemap: http://" + s.Host + "/sitemap_index.xml\n")
	}
	return b.String()
}

// robotsRule is one Allow/Disallow line of the User-agent * group.
type robotsRule struct {
	allow   bool
	pattern string
}

// parseRobots keeps the rules of the "User-agent: *" group.
func parseRobots(text string) []robotsRule {
	var rules []robotsRule
	inStar, lastAgent := false, false
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		switch k {
		case "user-agent":
			if !lastAgent {
				inStar = false
			}
			if v == "*" {
				inStar = true
			}
			lastAgent = true
			continue
		case "allow", "disallow":
			if inStar && v != "" {
				rules = append(rules, robotsRule{allow: k == "allow", pattern: v})
			}
		}
		lastAgent = false
	}
	return rules
}

// disallows applies the longest-match rule (RFC 9309) to a path with query.
func (s *site) disallows(pathQuery string) bool {
	best, allow := -1, true
	for _, r := range s.rules {
		if robotsMatch(r.pattern, pathQuery) {
			n := len(r.pattern)
			if n > best || (n == best && r.allow) {
				best, allow = n, r.allow
			}
		}
	}
	return !allow
}

// robotsMatch matches a robots pattern with * and a trailing $.
func robotsMatch(pattern, s string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	pos := len(parts[0])
	for i, p := range parts[1:] {
		if i == len(parts)-2 && anchored {
			return len(s)-pos >= len(p) && strings.HasSuffix(s, p)
		}
		k := strings.Index(s[pos:], p)
		if k < 0 {
			return false
		}
		pos += k + len(p)
	}
	return !anchored || pos == len(s)
}
