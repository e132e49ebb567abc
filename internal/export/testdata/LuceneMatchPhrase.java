// LuceneMatchPhrase runs match_phrase queries with Apache Lucene itself,
// for opensearch_lucene_test.go: it builds the analysis chain the test
// reads from the exported template, indexes each text in a MemoryIndex
// (the field, and with index_phrases its pairs in FIELD._index_phrase, as
// OpenSearch's text field does), builds each query with Lucene's
// QueryBuilder the way OpenSearch's match query does (one token: a term
// query; more: a phrase, of shingles on the phrase field when
// index_phrases is on and the tokens have no gaps) and prints, per query,
// one 0 or 1 per text.
//
// Input on standard input, tab-separated, texts in hex of their UTF-8:
//   charfilter mapping RULE RULE …
//   charfilter pattern_replace PATTERN REPLACEMENT
//   tokenizer pattern PATTERN GROUP
//   filter lowercase
//   phrases true|false
//   doc HEX
//   query HEX
//
// Run: java -cp lucene-core.jar:lucene-analyzers-common.jar:lucene-memory.jar LuceneMatchPhrase.java
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.shingle.FixedShingleFilter;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

public class LuceneMatchPhrase {
    static final String FIELD = "body";

    static final List<Function<Reader, Reader>> charFilters = new ArrayList<>();
    static Pattern tokenPattern;
    static int tokenGroup;
    static final List<Function<TokenStream, TokenStream>> filters = new ArrayList<>();

    static class Chain extends Analyzer {
        final boolean shingles;

        Chain(boolean shingles) {
            this.shingles = shingles;
        }

        @Override
        protected Reader initReader(String field, Reader r) {
            for (Function<Reader, Reader> f : charFilters) {
                r = f.apply(r);
            }
            return r;
        }

        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = new PatternTokenizer(tokenPattern, tokenGroup);
            TokenStream ts = t;
            for (Function<TokenStream, TokenStream> f : filters) {
                ts = f.apply(ts);
            }
            if (shingles) {
                ts = new FixedShingleFilter(ts, 2);
            }
            return new TokenStreamComponents(t, ts);
        }
    }

    // The mapping filter's rules as OpenSearch reads them: KEY => VALUE,
    // both sides trimmed, then \\ \n \t \r \b \f \\uXXXX unescaped.
    static final Pattern RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            c = s.charAt(++i);
            switch (c) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u':
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    static String hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    static boolean hasGaps(TokenStream s) throws IOException {
        PositionIncrementAttribute inc = s.getAttribute(PositionIncrementAttribute.class);
        s.reset();
        while (s.incrementToken()) {
            if (inc.getPositionIncrement() > 1) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean phrases = false;
        List<String> docs = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.split("\t", -1);
            switch (f[0] + " " + (f.length > 1 ? f[1] : "")) {
                case "charfilter mapping": {
                    NormalizeCharMap.Builder m = new NormalizeCharMap.Builder();
                    for (int i = 2; i < f.length; i++) {
                        Matcher r = RULE.matcher(f[i]);
                        if (!r.find()) {
                            throw new IllegalArgumentException("rule " + f[i]);
                        }
                        m.add(unescape(r.group(1).trim()), unescape(r.group(2).trim()));
                    }
                    NormalizeCharMap map = m.build();
                    charFilters.add(r -> new MappingCharFilter(map, r));
                    break;
                }
                case "charfilter pattern_replace": {
                    Pattern p = Pattern.compile(f[2]);
                    String repl = f[3];
                    charFilters.add(r -> new PatternReplaceCharFilter(p, repl, r));
                    break;
                }
                case "tokenizer pattern":
                    tokenPattern = Pattern.compile(f[2]);
                    tokenGroup = Integer.parseInt(f[3]);
                    break;
                case "filter lowercase":
                    filters.add(LowerCaseFilter::new);
                    break;
                default:
                    if (f[0].equals("phrases")) {
                        phrases = Boolean.parseBoolean(f[1]);
                    } else if (f[0].equals("doc")) {
                        docs.add(hex(f[1]));
                    } else if (f[0].equals("query")) {
                        queries.add(hex(f[1]));
                    } else {
                        throw new IllegalArgumentException("line " + line);
                    }
            }
        }
        Analyzer chain = new Chain(false);
        Analyzer pairs = new Chain(true);
        final boolean indexPhrases = phrases;
        // OpenSearch's match query: Lucene's QueryBuilder, with the phrase
        // built by the text field (TextFieldMapper.phraseQuery).
        QueryBuilder qb = new QueryBuilder(chain) {
            @Override
            protected Query analyzePhrase(String field, TokenStream stream, int slop) throws IOException {
                if (indexPhrases && slop == 0 && !hasGaps(stream)) {
                    stream = new FixedShingleFilter(stream, 2);
                    field = field + "._index_phrase";
                }
                PhraseQuery.Builder b = new PhraseQuery.Builder();
                b.setSlop(slop);
                TermToBytesRefAttribute term = stream.getAttribute(TermToBytesRefAttribute.class);
                PositionIncrementAttribute inc = stream.getAttribute(PositionIncrementAttribute.class);
                int pos = -1;
                stream.reset();
                while (stream.incrementToken()) {
                    pos += inc.getPositionIncrement();
                    b.add(new Term(field, term.getBytesRef()), pos);
                }
                return b.build();
            }
        };
        List<MemoryIndex> indexes = new ArrayList<>();
        for (String d : docs) {
            MemoryIndex mi = new MemoryIndex();
            mi.addField(FIELD, d, chain);
            if (phrases) {
                mi.addField(FIELD + "._index_phrase", d, pairs);
            }
            indexes.add(mi);
        }
        StringBuilder out = new StringBuilder();
        for (String q : queries) {
            Query query = qb.createPhraseQuery(FIELD, q, 0);
            for (MemoryIndex mi : indexes) {
                out.append(query != null && mi.search(query) > 0 ? '1' : '0');
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
