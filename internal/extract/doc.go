// Package extract turns one fetched HTML page of a 文明网 site into article
// fields: title, publish time and its precision, view count (or the script
// URL that serves it), body text, column, source, author and editor.
//
// Decode first converts the raw bytes to UTF-8 (BOM, Content-Type header,
// <meta> prescan; GBK and GB2312 are decoded as GB18030). Extract then picks a
// profile from DOM signatures, generator meta tags and URL shapes:
//
//   - "trs": the TRS WCM platform of the national, province and city sites;
//   - "discuz": Discuz! X portal articles (county sites such as 南宫文明网);
//   - "empirecms", "dedecms", "phpcms": county CMSs recognised by their view
//     counter scripts and path conventions;
//   - "generic": Chinese-aware scoring for everything else.
//
// A profile fills the fields it knows from fixed selectors; the generic rules
// fill whatever is left. Dates are parsed in China time (article.China) and
// keep the precision the page gave (day or minute). A view count that the
// page loads by script is returned as a Counter for the crawler to fetch and
// pass to ParseCounter; a count the page does not show is nil, never 0.
//
// The package imports goquery, golang.org/x/net/html, golang.org/x/text and
// internal/article only. It never fetches anything.
package extract
