"""Xapian side of wenming's search bench (bench/search): builds a database
with CJK n-gram terms, or answers queries read as JSON lines on standard
input with one JSON line each, timing the search itself."""
import json
import sys
import time

import xapian


def build(dbdir, docs):
    db = xapian.WritableDatabase(dbdir, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    with open(docs, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(d["title"])
            tg.increase_termpos()
            tg.index_text(d["body"])
            for s in d["lineage"]:
                doc.add_boolean_term("S" + s)
            doc.add_value(0, xapian.sortable_serialise(d["published"]))
            doc.set_data(str(d["id"]))
            db.replace_document(d["id"] + 1, doc)
    db.commit()
    db.close()


def serve(dbdir):
    db = xapian.Database(dbdir)
    qp = xapian.QueryParser()
    qp.set_database(db)
    flags = xapian.QueryParser.FLAG_CJK_NGRAM | xapian.QueryParser.FLAG_PHRASE
    total = db.get_doccount()
    for line in sys.stdin:
        q = json.loads(line)
        t0 = time.perf_counter()
        parts = [qp.parse_query('"%s"' % t, flags) for t in q["terms"]]
        query = parts[0] if len(parts) == 1 else xapian.Query(xapian.Query.OP_AND, parts)
        if q["site"]:
            query = xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query("S" + q["site"]))
        if q["since"] is not None:
            query = xapian.Query(xapian.Query.OP_FILTER, query,
                                 xapian.Query(xapian.Query.OP_VALUE_GE, 0, xapian.sortable_serialise(q["since"])))
        enq = xapian.Enquire(db)
        enq.set_query(query)
        page = q["page"]
        if page > 1:
            enq.set_sort_by_value_then_relevance(0, True)
        mset = enq.get_mset((page - 1) * 10, 10, total)
        ids = [int(m.document.get_data()) for m in mset]
        count = mset.get_matches_estimated()
        ms = (time.perf_counter() - t0) * 1000
        print(json.dumps({"Count": count, "IDs": ids, "MS": ms}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        serve(sys.argv[2])
