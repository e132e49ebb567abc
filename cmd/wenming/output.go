package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

// reportJSON is the --json form of a crawl report.
type reportJSON struct {
	Data              string         `json:"data"`
	Only              []string       `json:"only,omitempty"` // the sites of a --site crawl
	Resumed           bool           `json:"resumed"`
	Seconds           float64        `json:"seconds"`
	Sites             map[string]int `json:"sites"`
	SitesUnanswered   []string       `json:"sites_unanswered"` // listed by other sites, homepage never read: not in sites
	Requests          int64          `json:"requests"`
	Pages             int64          `json:"pages"`
	OtherPages        int64          `json:"other_pages"`
	Counters          int64          `json:"counters"`
	ArticlesNew       int64          `json:"articles_new"`
	ArticlesUpdated   int64          `json:"articles_updated"`
	ArticlesUnchanged int64          `json:"articles_unchanged"`
	ArticlesAliased   int64          `json:"articles_aliased"`
	RobotsBlocked     int64          `json:"robots_blocked"`
	NotModified       int64          `json:"not_modified"`   // revisits answered 304 Not Modified
	DeadLinks         int64          `json:"dead_links"`     // the errors of kind http_404: links the sites print to pages they do not have
	DeadLinkURLs      []string       `json:"dead_link_urls"` // the first 100 of them
	// RemovedAtSource is what the revisits found gone from their sites:
	// the articles marked removed at the source, the answers held on
	// sites that did not show themselves healthy, and those sites.
	RemovedAtSource  crawl.RemovalSummary   `json:"removed_at_source"`
	Errors           map[string]int64       `json:"errors"`
	ErrorSamples     map[string]string      `json:"error_samples"`
	Pending          int                    `json:"pending"`
	PendingLeftHosts bool                   `json:"pending_left_hosts"` // the pending requests are all of hosts this run left: the next run begins a new pass with them
	Indexed          int                    `json:"indexed"`
	Archived         int                    `json:"archived"`
	Retried          int64                  `json:"retried"`
	RetriedLonger    int64                  `json:"retried_longer"` // of the requests retried, those tried past crawl.retries, waiting out their host's outage
	LinksCapped      int64                  `json:"links_capped"`
	Stopped          []crawl.StoppedPattern `json:"stopped"`
	Inert            []crawl.InertParam     `json:"inert_params"` // query parameters learnt to name no page of their own
	OutOfScope       map[string]int64       `json:"out_of_scope"`
	SkippedHosts     map[string]string      `json:"skipped_hosts"`
	Unverified       map[string]string      `json:"unverified_tls"`   // hosts archived though their HTTPS certificate failed verification, or they spoke only legacy TLS
	Images           *crawl.ImageSummary    `json:"images,omitempty"` // the articles' images, with crawl.capture_images
	// Attachments are the articles' attachments, with
	// crawl.capture_attachments (not_image named not_document).
	Attachments *crawl.AttachmentSummary `json:"attachments,omitempty"`
	Warnings    []string                 `json:"warnings"`
	IndexNotes  []string                 `json:"index_notes,omitempty"`
}

func printReport(g *globals, rep pipeline.Report) error {
	s := rep.Crawl
	if g.json {
		sites := map[string]int{}
		for l, n := range s.Sites {
			sites[string(l)] = n
		}
		errs := s.Errors
		if errs == nil {
			errs = map[string]int64{}
		}
		return json.NewEncoder(g.stdout).Encode(reportJSON{
			Data: rep.Data, Only: rep.Only, Resumed: rep.Resumed, Seconds: s.Duration.Seconds(), Sites: sites, SitesUnanswered: orEmpty(s.Unanswered),
			Requests: s.Requests, Pages: s.Pages, OtherPages: s.OtherPages, Counters: s.Counters,
			ArticlesNew: s.ArticlesNew, ArticlesUpdated: s.ArticlesUpdated, ArticlesUnchanged: s.ArticlesUnchanged, ArticlesAliased: s.ArticlesAliased,
			RobotsBlocked: s.RobotsBlocked, NotModified: s.NotModified, DeadLinks: errs[deadLinkKind], DeadLinkURLs: orEmpty(s.DeadLinks), RemovedAtSource: s.Removed, Errors: errs, ErrorSamples: s.ErrorSamples, Pending: s.Pending, PendingLeftHosts: rep.PendingLeftHosts, Indexed: rep.Indexed, Archived: rep.Total,
			Retried: s.Retried, RetriedLonger: s.RetriedLonger, LinksCapped: s.LinksCapped, Stopped: orEmpty(s.Stopped), Inert: orEmpty(s.Inert), OutOfScope: s.OutOfScope, SkippedHosts: s.SkippedHosts, Unverified: s.Unverified,
			Warnings: orEmpty(rep.Warnings), IndexNotes: rep.IndexNotes, Images: imagesOf(s), Attachments: attachmentsOf(s),
		})
	}
	writeSummary(g.stdout, rep)
	return nil
}

func writeSummary(w io.Writer, rep pipeline.Report) {
	s := rep.Crawl
	fmt.Fprintf(w, "%s in %s → %s\n", summaryVerb(rep), humanDuration(s.Duration), rep.Data)
	if len(rep.Only) > 0 {
		fmt.Fprintf(w, "  only      %s and the sites below\n", strings.Join(rep.Only, ", "))
	}
	var sites []string
	for _, l := range article.Levels {
		sites = append(sites, fmt.Sprintf("%s %d", l, s.Sites[l]))
	}
	fmt.Fprintf(w, "  sites     %s\n", strings.Join(sites, " · "))
	if n := len(s.Unanswered); n > 0 {
		// Listed by other sites, never read: a dead host, or one not
		// reached yet.
		shown := s.Unanswered[:min(n, 5)]
		more := ""
		if n > len(shown) {
			more = fmt.Sprintf(" … and %d more (--json lists them all)", n-len(shown))
		}
		fmt.Fprintf(w, "            %d more listed by other sites, whose homepage never answered: %s%s\n", n, strings.Join(shown, ", "), more)
	}
	rate := 0.0
	if s.Duration > 0 {
		rate = float64(s.Pages) / s.Duration.Seconds()
	}
	fmt.Fprintf(w, "  pages     %d fetched (%.1f/s) · %d not articles · %d revisits not modified (304) · %d requests in all · %d view counters\n",
		s.Pages, rate, s.OtherPages, s.NotModified, s.Requests, s.Counters)
	fmt.Fprintf(w, "  articles  %d new · %d updated · %d unchanged · %d found again under another URL (kept as aliases) · %d in the archive\n",
		s.ArticlesNew, s.ArticlesUpdated, s.ArticlesUnchanged, s.ArticlesAliased, rep.Total)
	writeRemoved(w, s)
	writeSkipped(w, s)
	writeStopped(w, s)
	writeImages(w, s)
	writeAttachments(w, s)
	writeHosts(w, s)
	writeErrors(w, s)
	fmt.Fprintf(w, "  index     %d articles indexed\n", rep.Indexed)
	for _, n := range rep.IndexNotes {
		fmt.Fprintf(w, "            %s\n", n)
	}
	if s.Pending > 0 {
		if rep.PendingLeftHosts {
			fmt.Fprintf(w, "  pending   %d requests of the hosts left for this run; the next run begins a new pass with them queued\n", s.Pending)
		} else {
			fmt.Fprintf(w, "  pending   %d requests left; run the same command again to continue\n", s.Pending)
		}
	}
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "  warning   %s\n", warn)
	}
}

// writeRemoved writes the summary's lines of the removal sweep, when it
// queued any, and of the archived articles the revisits and the sweep
// found gone from their sites, when there were any.
func writeRemoved(w io.Writer, s crawl.Summary) {
	r := s.Removed
	if r.Sweep.Queued > 0 || r.Sweep.Checked > 0 {
		fmt.Fprintf(w, "  sweep     %d archived articles asked again (of %d queued), %d of them found removed at the source\n", r.Sweep.Checked, r.Sweep.Queued, r.Sweep.Removed)
	}
	if r.Recorded == 0 && r.StillGone == 0 && r.Held == 0 && r.Failed == 0 {
		return
	}
	fmt.Fprintf(w, "  removed   %d articles removed at the source", r.Recorded)
	if r.StillGone > 0 {
		fmt.Fprintf(w, " · %d removed before, still gone", r.StillGone)
	}
	if r.Held > 0 {
		fmt.Fprintf(w, " · %d answers saying so not recorded: their site's homepage did not answer, or none of its revisits found its article (%s)", r.Held, strings.Join(r.HeldHosts[:min(len(r.HeldHosts), 5)], ", "))
	}
	if r.Failed > 0 {
		fmt.Fprintf(w, " · %d could not be recorded (see the log)", r.Failed)
	}
	fmt.Fprintln(w)
}

// summaryVerb says how the crawl ended, for the summary's first line.
func summaryVerb(rep pipeline.Report) string {
	s := rep.Crawl
	verb := "crawl finished"
	switch {
	case s.Errors[crawl.KindDiskFull] > 0 || s.Errors[crawl.KindUnwritable] > 0:
		verb = "crawl stopped: the archive cannot be written"
	case s.Pages == 0 && len(s.Errors) > 0:
		verb = "crawl failed"
	case s.Pending > 0:
		verb = "crawl stopped"
	}
	if rep.Resumed {
		verb += " (resumed)"
	}
	return verb
}

// writeSkipped writes the summary's line of what the crawl left out and
// why.
func writeSkipped(w io.Writer, s crawl.Summary) {
	fmt.Fprintf(w, "  skipped   %d disallowed by robots.txt", s.RobotsBlocked)
	if s.Capped > 0 {
		fmt.Fprintf(w, " · %d over max_pages_per_site", s.Capped)
	}
	for _, rule := range sortedKeys(s.OutOfScope) {
		fmt.Fprintf(w, " · %d %s", s.OutOfScope[rule], strings.ReplaceAll(rule, "_", " "))
	}
	if s.LinksCapped > 0 {
		fmt.Fprintf(w, " · %d links past the per-page cap", s.LinksCapped)
	}
	if s.Retried > 0 {
		fmt.Fprintf(w, " · %d retried later", s.Retried)
	}
	if s.RetriedLonger > 0 {
		fmt.Fprintf(w, " (%d requests past crawl.retries, waiting out their host's outage)", s.RetriedLonger)
	}
	fmt.Fprintln(w)
}

// writeStopped writes the URL patterns the crawl stopped and the query
// parameters it learnt inert, each list cut as writeList cuts it.
func writeStopped(w io.Writer, s crawl.Summary) {
	if len(s.Stopped) > 0 {
		fmt.Fprintf(w, "  stopped   %d URL patterns revealed nothing new (traps, archive views, pagers past their end), costliest first:\n", len(s.Stopped))
		stopped := costliestFirst(s.Stopped, func(p crawl.StoppedPattern) int { return p.Requests })
		writeList(w, "            ", len(stopped), func(i int) {
			p := stopped[i]
			fmt.Fprintf(w, "            %s — %d requests, %d queued URLs dropped (%s)\n", p.Pattern, p.Requests, p.Dropped, p.Reason)
		})
	}
	if len(s.Inert) > 0 {
		fmt.Fprintf(w, "  inert     %d query parameters name no page of their own (each page under them is archived as the page without them), left out of links:\n", len(s.Inert))
		writeList(w, "            ", len(s.Inert), func(i int) {
			p := s.Inert[i]
			fmt.Fprintf(w, "            %s on %s — %d links and queued URLs followed without it\n", p.Param, p.Pattern, p.Skipped)
		})
	}
}

// writeErrors writes the dead links and the errors by kind, each kind's
// first example under them. A link the site itself prints to a page it
// does not have is the site's dead link, not a failure of the crawl:
// told apart.
func writeErrors(w io.Writer, s crawl.Summary) {
	if n := s.Errors[deadLinkKind]; n > 0 {
		fmt.Fprintf(w, "  dead links %d (linked pages the sites answer 404 Not Found; first: %s)\n", n, strings.TrimSuffix(s.ErrorSamples[deadLinkKind], ": Not Found"))
	}
	if len(s.Errors) == 0 || len(s.Errors) == 1 && s.Errors[deadLinkKind] > 0 {
		fmt.Fprintln(w, "  errors    none")
		return
	}
	kinds := make([]string, 0, len(s.Errors))
	for k := range s.Errors {
		if k != deadLinkKind {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d", k, s.Errors[k]))
	}
	fmt.Fprintf(w, "  errors    %s\n", strings.Join(parts, " · "))
	for _, k := range kinds {
		if ex := s.ErrorSamples[k]; ex != "" {
			fmt.Fprintf(w, "            first %s: %s\n", k, ex)
		}
	}
}

// listCap is how many lines a list of a summary for people shows (the
// URL patterns stopped, the inert parameters, the hosts left or archived
// though their HTTPS certificate failed verification): a crawl of
// the whole network, 3,000 sites, stops a calendar, a search or a pager on
// hundreds of them, and a summary of a thousand lines tells nothing.
// --json gives every one.
const listCap = 10

// writeList writes the first listCap of n lines (line writes the i-th),
// then how many more there are, indented by indent.
func writeList(w io.Writer, indent string, n int, line func(i int)) {
	for i := range min(n, listCap) {
		line(i)
	}
	if n > listCap {
		fmt.Fprintf(w, "%s… and %d more (--json lists them all)\n", indent, n-listCap)
	}
}

// costliestFirst is a copy of list, the items of the highest cost first,
// in list's order among equals: the stopped URL patterns a summary shows
// first are those that cost the most requests (a crawl of the whole
// network stops thousands, most after a few requests).
func costliestFirst[T any](list []T, cost func(T) int) []T {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(cost(b), cost(a)) })
	return out
}

// sortedKeys returns a map's keys in order.
// deadLinkKind is the error kind of a 404 answer: a site's dead link.
const deadLinkKind = crawl.KindDeadLink

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeHosts writes the summary's lines about hosts: those left for the
// run, and those archived though their certificate failed verification or
// they spoke only legacy TLS.
func writeHosts(w io.Writer, s crawl.Summary) {
	left := sortedKeys(s.SkippedHosts)
	writeList(w, "  ", len(left), func(i int) {
		fmt.Fprintf(w, "  host left %s: %s\n", left[i], s.SkippedHosts[left[i]])
	})
	unverified := sortedKeys(s.Unverified)
	writeList(w, "  ", len(unverified), func(i int) {
		fmt.Fprintf(w, "  unverified HTTPS %s: archived though %s; crawl.strict_tls refuses such hosts\n", unverified[i], s.Unverified[unverified[i]])
	})
}

// imagesOf is the images' part of the --json report: nil (left out) when
// the crawl captured no images.
func imagesOf(s crawl.Summary) *crawl.ImageSummary {
	if s.Images == (crawl.ImageSummary{}) {
		return nil
	}
	return &s.Images
}

// attachmentsOf is the attachments' part of the --json report: nil (left
// out) when the crawl captured none.
func attachmentsOf(s crawl.Summary) *crawl.AttachmentSummary {
	if s.Attachments == (crawl.AttachmentSummary{}) {
		return nil
	}
	return &s.Attachments
}

// writeImages says what became of the articles' images, when the crawl
// captured them (crawl.capture_images).
func writeImages(w io.Writer, s crawl.Summary) {
	writeCaptures(w, "images    ", "not images", s.Images, crawl.MaxImagesPerArticle)
}

// writeAttachments says what became of the articles' attachments, when
// the crawl captured them (crawl.capture_attachments).
func writeAttachments(w io.Writer, s crawl.Summary) {
	writeCaptures(w, "attachments ", "not documents", crawl.ImageSummary(s.Attachments), crawl.MaxAttachmentsPerArticle)
}

// writeCaptures writes the line of a kind of capture unless it counted
// none: label is its name and the spaces that align it, wrong what its
// answers of the wrong type are called.
func writeCaptures(w io.Writer, label, wrong string, c crawl.ImageSummary, perArticle int) {
	if c == (crawl.ImageSummary{}) {
		return
	}
	fmt.Fprintf(w, "  %s%d captured · %d %s · %d failed (%d too large, %d dead links) · skipped %d robots.txt, %d off the hierarchy, %d past %d per article, %d captured before",
		label, c.Captured, c.NotImage, wrong, c.TooLarge+c.Dead+c.Failed, c.TooLarge, c.Dead, c.Robots, c.OffScope, c.Capped, perArticle, c.Earlier)
	if c.DownloadPages > 0 {
		fmt.Fprintf(w, " · %d download pages followed to their document", c.DownloadPages)
	}
	fmt.Fprintln(w)
}
