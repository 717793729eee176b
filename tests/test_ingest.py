"""Every reader, and every kind of bad input: each input ends as a Document or a Reject."""

import json

from sitrep.ingest import read_inputs
from sitrep.model import Document, Reject


def read(*paths, **options):
    return list(read_inputs([str(p) for p in paths], **options))


def test_text_file_is_one_document_named_after_the_file(tmp_path):
    (tmp_path / "basra.txt").write_text("Iraqi troops clashed with militiamen in Basra.")
    [doc] = read(tmp_path / "basra.txt")
    assert isinstance(doc, Document)
    assert (doc.id, doc.text) == ("basra.txt", "Iraqi troops clashed with militiamen in Basra.")


def test_folder_reads_every_file_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second report.")
    (tmp_path / "a.txt").write_text("First report.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps({"id": "c1", "text": "Third report."}) + "\n")
    assert [d.id for d in read(tmp_path)] == ["a.txt", "b.txt", "c1"]


def test_jsonl_fields_and_content_hash_id(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "r1", "text": "Talks were held.", "date": "2008-03-25", "source": "Tigris Wire",
                    "url": "http://example.org/1", "title": "Talks"}) + "\n"
        + json.dumps({"text": "No id here."}) + "\n")
    first, second = read(path)
    assert (first.id, first.date, first.source, first.url, first.title) == (
        "r1", "2008-03-25", "Tigris Wire", "http://example.org/1", "Talks")
    assert second.id.startswith("sha1-") and second.id == read(path)[1].id  # stable


def test_malformed_jsonl_line_does_not_stop_the_file(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": \n{"id": "c", "text": "Three."}\n')
    a, bad, c = read(path)
    assert (a.id, c.id) == ("a", "c")
    assert isinstance(bad, Reject) and bad.code == "E205" and bad.origin.endswith("in.jsonl:2")


def test_jsonl_record_without_text_or_with_wrong_types_is_rejected(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a"}\n{"id": "b", "text": 42}\n[1, 2]\n')
    assert [(r.id, r.code) for r in read(path)] == [("a", "E206"), ("b", "E206"), (f"{path}:3", "E206")]


def test_csv_with_mapped_columns(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('story_id,body,date\ns1,"Rebels attacked, then withdrew.",2008-04-01\n')
    [doc] = read(path, columns={"id": "story_id", "text": "body"})
    assert (doc.id, doc.text, doc.date) == ("s1", "Rebels attacked, then withdrew.", "2008-04-01")


def test_csv_without_the_text_column_is_rejected_with_the_header(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,body\n1,hello\n")
    [reject] = read(path)
    assert reject.code == "E211" and "'text'" in reject.reason


def test_csv_row_with_too_many_cells_is_rejected_and_the_file_goes_on(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,text\n1,fine\n2,too,many\n3,also fine\n")
    assert [(r.id, type(r).__name__) for r in read(path)] == [
        ("1", "Document"), (f"{path}:3", "Reject"), ("3", "Document")]


def test_html_page_main_text_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Clash in Basra</title>"
        '<meta property="article:published_time" content="2008-03-25"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Clash in Basra</h1>"
        "<p>Iraqi troops clashed with Mahdi Army fighters in Basra on Tuesday, officials said. "
        "The fighting lasted for hours and spread to several districts of the city.</p>"
        "<p>At least twelve people were killed, according to police.</p></article>"
        "<footer>Copyright notice</footer></body></html>")
    [doc] = read(path)
    assert "clashed with Mahdi Army fighters" in doc.text
    assert "Copyright" not in doc.text
    assert (doc.title, doc.date) == ("Clash in Basra", "2008-03-25")


def test_html_page_without_text_is_rejected(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var x = 1;</script></body></html>")
    [reject] = read(path)
    assert reject.code in ("E209", "E201")


def test_rss_feed_one_document_per_item(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gulf Desk</title>'
        "<item><title>Truce</title><link>http://example.org/t</link><guid>t1</guid>"
        "<pubDate>Sun, 30 Mar 2008 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Sadr ordered his fighters off the streets.&lt;/p&gt;</description></item>"
        "<item><title>Talks</title><guid>t2</guid><description>Talks were held in Qom.</description></item>"
        "</channel></rss>")
    first, second = read(path)
    assert (first.id, first.date, first.source, first.title) == ("t1", "2008-03-30", "Gulf Desk", "Truce")
    assert first.text == "Sadr ordered his fighters off the streets."
    assert second.id == "t2" and second.date is None


def test_atom_feed(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Levant Monitor</title><entry><id>urn:a1</id><title>Ceasefire</title>"
        "<updated>2008-03-31T08:00:00Z</updated><content type=\"html\">Calm returned to Basra.</content>"
        "</entry></feed>")
    [doc] = read(path)
    assert (doc.id, doc.date, doc.text) == ("urn:a1", "2008-03-31", "Calm returned to Basra.")


def test_stdin_plain_text_and_jsonl():
    [doc] = list(read_inputs(["-"], stdin=["Rebels shelled the town.\n"]))
    assert doc.text.startswith("Rebels") and doc.origin == "<stdin>"
    records = list(read_inputs(["-"], stdin=['{"id": "x", "text": "One."}\n', "not json\n"]))
    assert [type(r).__name__ for r in records] == ["Document", "Reject"]


def test_empty_document_is_rejected(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\t")
    [reject] = read(tmp_path / "empty.txt")
    assert (reject.id, reject.code) == ("empty.txt", "E201")


def test_binary_file_is_rejected(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [reject] = read(tmp_path / "photo.txt")
    assert reject.code == "E202" and "binary" in reject.reason


def test_undecodable_file_is_rejected(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Les forces irakiennes ont attaqu\xe9".encode("latin-1"))
    [reject] = read(tmp_path / "latin.txt")
    assert reject.code == "E203" and "UTF-8" in reject.reason


def test_oversized_document_is_rejected_with_the_limit(tmp_path):
    (tmp_path / "long.txt").write_text("word " * 100)
    [reject] = read(tmp_path / "long.txt", max_chars=50)
    assert reject.code == "E204" and "--max-chars" in reject.reason
    [doc] = read(tmp_path / "long.txt", max_chars=1000)
    assert isinstance(doc, Document)


def test_bad_date_is_rejected(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Fine.", "date": "25/03/2008"}\n')
    [reject] = read(path)
    assert reject.code == "E206" and "YYYY-MM-DD" in reject.reason


def test_duplicate_id_is_rejected_the_first_is_kept(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "First."}\n{"id": "a", "text": "Second."}\n')
    first, second = read(path)
    assert isinstance(first, Document) and (second.id, second.code) == ("a", "E207")


def test_missing_input_is_a_reject_not_a_crash(tmp_path):
    [reject] = read(tmp_path / "nope.jsonl")
    assert reject.code == "E212"


def test_html_page_in_its_declared_legacy_encoding(tmp_path):
    path = tmp_path / "page.html"
    page = ('<html><head><meta charset="windows-1252"><title>Caf\xe9 attack</title></head><body><article>'
            "<p>Gunmen attacked a caf\xe9 in the capital on Monday, killing two people, police said. "
            "The attackers fled on motorcycles before security forces arrived at the scene.</p>"
            "</article></body></html>")
    path.write_bytes(page.encode("cp1252"))
    [doc] = read(path)
    assert "attacked a café" in doc.text


def test_feed_in_its_declared_legacy_encoding(tmp_path):
    path = tmp_path / "feed.xml"
    feed = ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>D\xe9p\xeaches</title>'
            "<item><guid>x1</guid><description>Rebels shelled the caf\xe9.</description></item></channel></rss>")
    path.write_bytes(feed.encode("latin-1"))
    [doc] = read(path)
    assert doc.text == "Rebels shelled the café." and doc.source == "Dépêches"
