// Package htmltree is a fast, lenient HTML tree builder for text
// extraction — not a conforming HTML5 parser. Parse turns a UTF-8 page into
// the tree golang.org/x/net/html builds (*html.Node with Type, DataAtom,
// Data, Namespace, Attr and the five links), so goquery and code written
// for html.Parse work on it unchanged, at three to seven times the speed of
// html.Parse.
//
// It follows the HTML5 tree-construction rules where they shape text and
// blocks, as golang.org/x/net/html (v0.62) applies them: the outline
// (doctype, head elements before the first body content go in <head>,
// the rest in <body>); void elements; implied end tags (<p> closed by
// block starts and, outside quirks mode, by <table>; <li>, <dd>/<dt>,
// <td>/<th>, <tr>, table sections, <option>, headings); end tags closing
// up to their element within its scope and ignored past a block or a
// table boundary; </p> without a <p> making an empty one and </br> a
// <br>; implied <tbody>, <tr> and <colgroup>; text and elements misplaced
// in tables moved before the table; the list of active formatting
// elements (an <a> or <font> left open is reopened after a block closes
// it) and the adoption agency algorithm for misnested ones; <form> ends
// that leave their blocks open; raw text in script, style, textarea,
// title, xmp, iframe, noembed, noframes, noscript (scripting on, as
// html.Parse) and plaintext, with the <!-- <script> escapes of script;
// SVG and MathML namespaces, integration points and camel-case names;
// character references, decoded in text and attribute values as the HTML
// tokenizer does; "\r\n" and "\r" read as "\n"; NUL bytes dropped from
// text and replaced elsewhere. On the 215 pages of the extraction corpora
// the trees are identical to html.Parse's.
//
// It differs from golang.org/x/net/html, and from HTML5, in that:
//
//   - It never fails and never nests deeper than MaxDepth (512): an
//     element opened deeper is added where the deepest open element is,
//     and what follows it becomes its sibling. html.Parse refuses pages
//     with more than 512 open elements (old pages leaving thousands of
//     <font> open).
//   - Comments keep their text as written (html.Parse decodes character
//     references in them); "</>" makes nothing (html.Parse: an empty
//     comment).
//   - A frameset page keeps its <body>, which holds the <frameset> and its
//     <frame>s; html.Parse builds no body. A <frameset> after content is
//     ignored by both.
//   - <template> is an ordinary element: its content is its children, as
//     in html.Parse, but a template before <body> starts the body.
//   - A <th> closes an open <caption>, as HTML5 says (html.Parse ignores
//     it); </form> closes only HTML elements (html.Parse also closes SVG
//     and MathML elements named like dd, li, option or p).
//   - Attributes stay in page order (html.Parse sorts those of formatting
//     elements: a, b, font …).
//   - For linear time on any input, the list of active formatting
//     elements keeps its last 64 entries and repeated <html> and <body>
//     tags add at most 64 attributes (the stack, which scope searches
//     walk, holds at most MaxDepth elements).
//   - The input must already be UTF-8 (extract.Decode): there is no
//     encoding sniffing, and invalid bytes pass through as they are.
//   - A few corners differ: SVG and MathML inside tables, a NUL byte as
//     the first text of the page.
//
// Speed comes from a hand-written lexer over one string copy of the page
// (names, texts and values are substrings of it unless they had to change:
// upper case, references, NULs), nodes and attribute lists taken from
// slabs sized from the page, atoms for tag and attribute names, and
// merged text gathered in a buffer. ParseTree also numbers the nodes by
// their place in the slabs, so that a caller keeps its per-node tables in
// slices rather than maps.
//
// The package imports only golang.org/x/net/html; it must not import
// internal/extract.
package htmltree
