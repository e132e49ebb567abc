// Package crawl walks the 文明网 hierarchy with colly: from the seed
// sites it discovers each level's child sites in their homepages' link
// blocks, follows every column list and page of a site, and hands each
// article page to the extractor and the result to a Sink.
//
// Politeness is built in: robots.txt is obeyed for every URL, including
// counter scripts and redirect targets; each host gets at most PerHost
// requests in flight and a delay between them (a longer Crawl-delay wins);
// only sites of the hierarchy are fetched. The frontier and the seen-set
// live on disk (package frontier), so memory stays flat however large the
// crawl grows, and an interrupted crawl resumes where it stopped.
//
// The package does not print; callers read Stats while it runs and get a
// Summary at the end. It may import colly, the extract and frontier stages
// and the article model, never the store or the index.
package crawl
