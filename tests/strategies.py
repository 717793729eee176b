"""Hypothesis strategies for hostile input: the bad-input suite and the reader fuzz targets share them."""

from __future__ import annotations

import json

from hypothesis import strategies as st

SENTENCES = ["Iraqi police arrested twelve suspected militants in Basra.",
             "Rebels shelled the town on Monday, officials said.",
             "Iran denied arming the militias.", "The weather was mild.", ""]

# Any code point, lone surrogates and controls included: what a JSON escape can smuggle in.
any_char = st.characters(codec=None, categories=None)
hostile_text = st.one_of(
    st.sampled_from(SENTENCES),
    st.text(any_char, max_size=60),
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(SENTENCES), st.text(any_char, max_size=5),
              st.sampled_from(SENTENCES)),
)
dates = st.one_of(st.none(), st.sampled_from(["2008-03-25", "20080325", "2008-W13-2", "2008-02-30", "",
                                              "2008-03-25T10:00:00Z", "2008-03-25garbage", "0000-00-00"]),
                  st.text(any_char, max_size=12), st.integers(), st.floats(allow_nan=True))
ids = st.one_of(st.none(), st.text(any_char, max_size=12), st.integers(), st.sampled_from(["a", "a", "b", ""]),
                st.lists(st.integers(), max_size=2), st.booleans())
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(any_char, max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                        max_size=3), max_leaves=8)


@st.composite
def jsonl_line(draw) -> str:
    kind = draw(st.sampled_from(["record", "record", "record", "value", "garbage", "blank"]))
    if kind == "record":
        record = {"id": draw(ids), "text": draw(st.one_of(hostile_text, json_values)), "date": draw(dates)}
        for field in draw(st.lists(st.sampled_from(["source", "url", "title", "extra"]), max_size=3)):
            record[field] = draw(st.one_of(hostile_text, json_values))
        for field in draw(st.lists(st.sampled_from(["id", "date", "text"]), max_size=1)):
            del record[field]
        return json.dumps(record, ensure_ascii=draw(st.booleans()))
    if kind == "value":
        return json.dumps(draw(json_values))
    if kind == "garbage":
        return draw(st.text(any_char, max_size=40)).replace("\n", " ")
    return ""


def encode(text: str, encoding: str) -> bytes:
    """Text in one of the encodings readers must handle (or fail on with a coded reject)."""
    if encoding == "utf-8":  # lone surrogates become the invalid bytes they would be on disk
        return text.encode("utf-8", "surrogatepass")
    return text.encode(encoding, "replace")


encodings = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252"])


@st.composite
def jsonl_file(draw) -> bytes:
    lines = draw(st.lists(jsonl_line(), min_size=0, max_size=6))
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))
    return encode(text, draw(encodings))


@st.composite
def csv_file(draw) -> bytes:
    header = draw(st.sampled_from(["id,text,date", "text", "id,body", "id,text,date,extra", ""]))
    cells = st.one_of(st.sampled_from(SENTENCES), st.text(any_char.filter(lambda c: c != "\x00"), max_size=20),
                      st.sampled_from(['"', '""', '"quoted, with comma"', '"never closed', "a,b", "\r", "\n"]))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=4).map(",".join), max_size=6))
    return encode("\n".join([header, *rows]) + "\n", draw(encodings))


@st.composite
def markup_file(draw) -> bytes:
    body = draw(hostile_text)
    shape = draw(st.sampled_from([
        "<html><body><article><p>{}</p></article></body></html>",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><guid>g</guid>'
        "<description>{}</description><pubDate>{}</pubDate></item></channel></rss>",
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id><content>{}</content>'
        "<updated>{}</updated></entry></feed>",
        "<rss><channel><item>{}", "{}"]))
    return encode(shape.format(body, draw(st.text(max_size=12))), draw(encodings))


any_bytes = st.binary(max_size=300)
