"""Nothing lost: hostile but ordinary input, each case checked for the same invariants
(see accounting.py): exit 0, 1 or 2 as documented, no traceback, every input coded or
rejected in the per-document output and the store, no earlier document lost."""

import codecs
import json
import os

import pytest
from click.testing import CliRunner

from accounting import run_case, sentinel_store
from sitrep.cli import main

GOOD = "Iraqi police arrested twelve suspected militants in Basra."


def line(**fields) -> str:
    return json.dumps({"text": GOOD, **fields}) + "\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return sentinel_store(tmp_path_factory.mktemp("template"))


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    return path


# -- the store never loses a coded document ---------------------------------------------

def test_the_same_file_given_twice_is_read_once_and_every_document_is_stored(tmp_path, template):
    path = write(tmp_path / "a.jsonl", "".join(line(id=f"d{i}") for i in range(300)))
    outcome = run_case(tmp_path, template, [str(path), str(path)])
    assert len(outcome.coded) == 300 and outcome.codes == ["E214"]


def test_a_duplicate_id_far_down_the_file_keeps_the_first_document(tmp_path, template):
    rows = [line(id=f"d{i}") for i in range(400)] + [line(id="d0", text="A different text.")]
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", "".join(rows))), "--batch", "64"])
    assert outcome.codes == ["E207"] and len(outcome.coded) == 400


def test_a_malformed_record_carrying_a_coded_id_in_a_later_batch_keeps_the_document(tmp_path, template):
    rows = [line(id=f"d{i}") for i in range(20)] + ['{"id": "d3", "text": 5}\n', '{"id": "d4", "text": \n']
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", "".join(rows))), "--batch", "8"])
    assert outcome.codes == ["E206", "E205"] and len(outcome.coded) == 20


def test_a_rerun_skips_what_is_stored_and_force_codes_it_again(tmp_path, template):
    path = write(tmp_path / "a.jsonl", "".join(line(id=f"d{i}") for i in range(10)))
    first = run_case(tmp_path, template, [str(path)])
    again = run_case(tmp_path, template, [str(path)], db=first.db)
    assert again.lines == first.lines  # the stored events, as they were coded
    assert "10 already coded" in CliRunner().invoke(main, ["code", str(path), "--db", str(first.db)]).output
    forced = CliRunner().invoke(main, ["code", str(path), "--db", str(first.db), "--force"])
    assert "coded 10 documents," in forced.output


def test_a_changed_document_is_coded_again_on_a_rerun(tmp_path, template):
    path = write(tmp_path / "a.jsonl", line(id="d1", text="The weather was mild."))
    first = run_case(tmp_path, template, [str(path)])
    write(path, line(id="d1"))
    again = run_case(tmp_path, template, [str(path)], db=first.db)
    assert first.lines[0]["events"] == [] and again.lines[0]["events"][0]["source"]["code"] == "IRQCOP"


# -- one bad record never stops the run ------------------------------------------------

BAD_DATES = ["20080325", "2008-W13-2", "2008-03-25garbage", "2008-13-01", "2008-02-30", "0000-01-01",
             "25/03/2008", "March 25, 2008", "2008-3-5", " ", "2008-03-25T25:00", "yesterday", "+2008-03-25",
             "2008-03", "2008", "२००८-०३-२५", "2008-03-25\n", "-0001-01-01"]
GOOD_DATES = ["2008-03-25", "2008-03-25T14:00:00Z", "2008-03-25T14:00:00+03:00", "2008-03-25 14:00",
              "0001-01-01", "9999-12-31", "2008-02-29", None, ""]


@pytest.mark.parametrize("date", BAD_DATES)
def test_a_date_that_is_not_iso_is_that_record_s_reject(tmp_path, template, date):
    rows = line(id="before") + line(id="bad", date=date) + line(id="after")
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", rows))])
    assert outcome.codes == ["E206"] and outcome.coded == ["before", "after"]


@pytest.mark.parametrize("date", GOOD_DATES)
def test_an_iso_date_or_date_time_is_kept_as_its_day(tmp_path, template, date):
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", line(id="a", date=date)))])
    assert outcome.codes == [] and outcome.lines[0]["date"] == (date[:10] if date else None)


@pytest.mark.parametrize("field", ["text", "id", "title", "source", "url"])
@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udfff", "\\udc80"])
def test_a_lone_surrogate_in_any_field_is_that_record_s_reject(tmp_path, template, field, surrogate):
    bad = f'{{"id": "bad", "text": "{GOOD}", "{field}": "x{surrogate}y"}}\n'
    if field == "text":
        bad = f'{{"id": "bad", "text": "Rebels{surrogate} shelled the town."}}\n'
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", line(id="ok") + bad))])
    assert outcome.codes == ["E219"] and outcome.coded == ["ok"]


@pytest.mark.parametrize("depth", [1_000, 10_000, 100_000])
def test_json_nested_too_deeply_is_that_line_s_reject(tmp_path, template, depth):
    rows = line(id="ok") + "[" * depth + "]" * depth + "\n" + '{"a": ' * depth + "1" + "}" * depth + "\n"
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", rows))])
    assert outcome.coded == ["ok"] and set(outcome.codes) <= {"E205", "E206"} and len(outcome.codes) == 2


def test_a_csv_field_over_the_csv_module_s_default_limit_is_read(tmp_path, template):
    text = ("Iraqi police arrested twelve suspected militants. " * 2700)[:135_000]
    path = write(tmp_path / "a.csv", f'id,text\nlong,"{text}"\nshort,{GOOD}\n')
    outcome = run_case(tmp_path, template, [str(path)])
    assert outcome.codes == [] and outcome.coded == ["long", "short"]


def test_a_csv_field_over_max_chars_is_that_row_s_reject(tmp_path, template):
    path = write(tmp_path / "a.csv", f'id,text\nlong,"{"x" * 5000}"\nshort,{GOOD}\n')
    outcome = run_case(tmp_path, template, [str(path), "--max-chars", "1000"])
    assert outcome.codes == ["E204"] and outcome.coded == ["short"]


def test_a_file_over_max_chars_is_rejected_without_being_read(tmp_path, template):
    path = write(tmp_path / "long.txt", "word " * 20_000)
    outcome = run_case(tmp_path, template, [str(path), "--max-chars", "1000"])
    assert outcome.codes == ["E224"]


def test_a_jsonl_line_over_max_chars_is_that_line_s_reject(tmp_path, template):
    rows = line(id="a") + json.dumps({"id": "big", "text": "x " * 50_000}) + "\n" + line(id="b")
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", rows)), "--max-chars", "1000"])
    assert outcome.codes == ["E223"] and outcome.coded == ["a", "b"]


def test_the_default_size_limit_rejects_a_document_that_would_take_gigabytes_to_parse(tmp_path, template):
    rows = line(id="a") + json.dumps({"id": "huge", "text": "Rebels shelled the town. " * 38_000}) + "\n"
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", rows))])
    assert outcome.codes == ["E204"] and outcome.coded == ["a"] and "500,000" in outcome.lines[1]["error"]


def test_non_utf8_on_stdin_is_a_reject_naming_the_byte(tmp_path, template):
    outcome = run_case(tmp_path, template, ["-"], stdin="Les forces ont attaqu\xe9 la ville.".encode("latin-1"))
    assert outcome.codes == ["E203"] and "byte 21" in outcome.lines[0]["error"]


def test_a_document_that_runs_past_the_time_limit_is_its_reject(tmp_path, template, monkeypatch):
    from sitrep.pipeline import Coder

    original = Coder.events

    def slow(self, parsed, document, view=None):
        if document.id == "slow":
            while True:
                pass
        return original(self, parsed, document, view)

    monkeypatch.setattr(Coder, "events", slow)
    rows = line(id="a") + line(id="slow") + line(id="b")
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", rows)), "--timeout", "0.5"])
    assert outcome.codes == ["E218"] and outcome.coded == ["a", "b"]


def test_a_crash_of_sitrep_itself_is_exit_2_with_a_code(tmp_path, template, monkeypatch):
    from sitrep import run as run_module

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(run_module, "read_inputs", broken)
    result = CliRunner().invoke(main, ["code", str(write(tmp_path / "a.jsonl", line(id="a"))),
                                       "--db", str(tmp_path / "t.duckdb")])
    assert result.exit_code == 2 and "[E003]" in result.output and "simulated bug" in result.output


# -- output paths never destroy input --------------------------------------------------

def test_out_naming_the_input_is_refused_and_the_input_kept(tmp_path):
    path = write(tmp_path / "a.jsonl", line(id="a"))
    result = CliRunner().invoke(main, ["code", str(path), "--out", str(path), "--db", str(tmp_path / "t.duckdb")])
    assert result.exit_code == 2 and "[E303]" in result.output and path.read_text() == line(id="a")


@pytest.mark.parametrize("name", ["a.jsonl", "a.csv", "notes.txt"])
def test_db_naming_an_existing_file_that_is_not_duckdb_is_refused(tmp_path, name):
    path = write(tmp_path / "in.jsonl", line(id="a"))
    other = write(tmp_path / name, "id,text\n1,hello\n")
    result = CliRunner().invoke(main, ["code", str(path), "--db", str(other)])
    assert result.exit_code == 2 and "[E304]" in result.output and other.read_text() == "id,text\n1,hello\n"
    for command in (["events"], ["summary"], ["rejects"]):
        assert "[E304]" in CliRunner().invoke(main, [*command, "--db", str(other)]).output


@pytest.mark.parametrize("option, target, code", [
    ("--out", "missing/out.jsonl", "E305"), ("--db", "missing/t.duckdb", "E305"),
    ("--out", ".", "E306"), ("--db", ".", "E306"), ("--out", "in/out.jsonl", "E303"),
    ("--db", "in/t.duckdb", "E303"), ("--out", "in", "E306"), ("--db", "in/a.jsonl", "E303")])
def test_unusable_output_paths_are_refused_before_anything_is_written(tmp_path, option, target, code):
    folder = tmp_path / "in"
    write(folder / "a.jsonl", line(id="a"))
    args = ["code", str(folder), option, str(tmp_path / target)]
    if option == "--out":
        args += ["--db", str(tmp_path / "t.duckdb")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and f"[{code}]" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["a.jsonl"]


def test_out_is_written_whole_or_not_at_all(tmp_path, template, monkeypatch):
    out = write(tmp_path / "out.jsonl", "earlier results\n")
    from sitrep import run as run_module

    monkeypatch.setattr(run_module, "_close_run", lambda *a: (_ for _ in ()).throw(RuntimeError("late crash")))
    result = CliRunner().invoke(main, ["code", str(write(tmp_path / "a.jsonl", line(id="a"))), "--out", str(out),
                                       "--db", str(tmp_path / "t.duckdb")])
    assert result.exit_code == 2 and out.read_text() == "earlier results\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


# -- every input is accounted for ------------------------------------------------------

def test_a_fifo_is_refused_at_once(tmp_path, template):
    os.mkfifo(tmp_path / "pipe.jsonl")
    os.mkfifo(write(tmp_path / "in" / "a.jsonl", line(id="a")).parent / "pipe.txt")
    outcome = run_case(tmp_path, template, [str(tmp_path / "pipe.jsonl"), str(tmp_path / "in")])
    assert outcome.codes == ["E215", "E215"] and outcome.coded == ["a"]


def test_links_that_loop_or_dangle_are_rejects(tmp_path, template):
    folder = tmp_path / "in"
    write(folder / "a.jsonl", line(id="a"))
    os.symlink(folder / "loop1", folder / "loop2")
    os.symlink(folder / "loop2", folder / "loop1")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink(folder, folder / "self")
    outcome = run_case(tmp_path, template, [str(folder), str(folder / "loop1")])
    assert outcome.coded == ["a"]
    assert sorted(outcome.codes) == ["E208", "E208", "E208", "E208", "E225"]
    assert "broken symbolic link" in " ".join(line["error"] for line in outcome.lines if line["error"])


def test_a_file_name_that_is_not_utf8_still_names_its_document(tmp_path, template):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(GOOD.encode())
    outcome = run_case(tmp_path, template, [str(folder)])
    assert outcome.codes == [] and outcome.coded == ["caf\\udce9.txt"]


def test_hidden_files_and_folders_are_skipped_and_reported(tmp_path, template):
    folder = tmp_path / "in"
    write(folder / "a.txt", GOOD)
    write(folder / ".DS_Store", b"\x00\x01binary")
    write(folder / ".git" / "config", "[core]\n")
    outcome = run_case(tmp_path, template, [str(folder)])
    assert outcome.exit_code == 0 and outcome.codes == ["E216", "E216"] and outcome.coded == ["a.txt"]
    result = CliRunner().invoke(main, ["code", str(folder), "--db", str(tmp_path / "t2.duckdb")])
    assert "2 hidden files skipped" in result.output


@pytest.mark.parametrize("name, content", [
    ("empty.jsonl", ""), ("blank.jsonl", "\n\n  \n"), ("header.csv", "id,text\n"),
    ("empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'),
    ("empty-folder", None)])
def test_an_input_with_no_documents_is_reported(tmp_path, template, name, content):
    path = tmp_path / name
    path.mkdir() if content is None else write(path, content)
    outcome = run_case(tmp_path, template, [str(path)])
    assert outcome.codes == ["E217"] and outcome.exit_code == 1


def test_an_unterminated_csv_quote_rejects_its_row_and_the_rows_after_it_are_coded(tmp_path, template):
    path = write(tmp_path / "a.csv", f'id,text\n1,{GOOD}\n2,"never closed\n3,{GOOD}\n4,{GOOD}\n')
    outcome = run_case(tmp_path, template, [str(path)])
    assert outcome.codes == ["E221"] and outcome.coded == ["1", "3", "4"]


def test_a_csv_row_with_bad_bytes_is_its_reject(tmp_path, template):
    path = write(tmp_path / "a.csv", f"id,text\n1,{GOOD}\n".encode() + b"2,caf\xe9\n" + f"3,{GOOD}\n".encode())
    outcome = run_case(tmp_path, template, [str(path)])
    assert outcome.codes == ["E203"] and outcome.coded == ["1", "3"]


@pytest.mark.parametrize("payload", [
    codecs.BOM_UTF8 + line(id="a").encode(), (line(id="a") + line(id="b")).encode("utf-8-sig")])
def test_stdin_jsonl_with_a_byte_order_mark_is_jsonl(tmp_path, template, payload):
    outcome = run_case(tmp_path, template, ["-"], stdin=payload)
    assert outcome.coded[0] == "a" and outcome.codes == []


@pytest.mark.parametrize("where", ["stdin", "file"])
def test_a_line_separator_inside_a_json_string_does_not_split_the_record(tmp_path, template, where):
    text = json.dumps({"id": "a", "text": f"Rebels shelled the town.\u2028{GOOD}"}, ensure_ascii=False) + "\n"
    if where == "stdin":
        outcome = run_case(tmp_path, template, ["-"], stdin=text.encode())
    else:
        outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", text))])
    assert outcome.coded == ["a"] and outcome.codes == []


@pytest.mark.parametrize("text", ["{Reuters} Iraqi police arrested twelve suspected militants.",
                                  "{ not json } Rebels shelled the town.", '{"a": 1} is how JSON looks.'])
def test_stdin_text_that_starts_with_a_brace_is_text(tmp_path, template, text):
    outcome = run_case(tmp_path, template, ["-"], stdin=text.encode())
    assert len(outcome.coded) == 1 and outcome.codes == [] and outcome.coded[0].startswith("sha1-")


# -- encodings and invisible characters -------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
                                      "utf-8-sig"])
@pytest.mark.parametrize("kind", ["txt", "jsonl", "csv"])
def test_unicode_with_a_byte_order_mark_is_decoded(tmp_path, template, encoding, kind):
    content = {"txt": GOOD, "jsonl": line(id="a"), "csv": f"id,text\na,{GOOD}\n"}[kind]
    raw = content.encode(encoding)
    if encoding.endswith(("-le", "-be")):  # these codecs write no mark: add it
        raw = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
               "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding] + raw
    outcome = run_case(tmp_path, template, [str(write(tmp_path / f"in.{kind}", raw))])
    assert outcome.codes == [] and outcome.lines[0]["events"][0]["source"]["code"] == "IRQCOP"


def test_utf16_without_a_byte_order_mark_is_named_as_such(tmp_path, template):
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.txt", GOOD.encode("utf-16-le")))])
    assert outcome.codes == ["E202"] and "UTF-16" in outcome.lines[0]["error"]


@pytest.mark.parametrize("where", [0, 100, 9000, 50_000])
def test_a_nul_byte_anywhere_is_treated_the_same(tmp_path, template, where):
    text = (GOOD + " ") * 1200
    raw = text[:where].encode() + b"\x00" + text[where:].encode()
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.txt", raw))])
    assert outcome.codes == ["E202"] and f"byte {where:,}" in outcome.lines[0]["error"]


def test_a_nul_escaped_in_json_is_treated_like_a_nul_byte(tmp_path, template):
    rows = line(id="a", text=GOOD + "\x00") + line(id="b")
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", rows))])
    assert outcome.codes == ["E202"] and outcome.coded == ["b"]


def test_mostly_control_characters_is_binary(tmp_path, template):
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.txt", "ab\x01\x02\x03\x04" * 100))])
    assert outcome.codes == ["E202"]


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2066", "\u202b", "\u00ad", "\ufeff", "\u2060",
             "\x1b[31m", "\x1b[0m", "\x07", "\x1b[1;32m"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_characters_inside_names_do_not_stop_actors_and_offsets_stay_original(tmp_path, template, mark):
    text = f"Iraqi pol{mark}ice arrested twelve suspected militants in Bas{mark}ra."
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.jsonl", line(id="a", text=text)))])
    [event] = outcome.lines[0]["events"]
    assert event["source"]["code"] == "IRQCOP"
    assert text[event["source"]["start"]:event["source"]["end"]] == event["source"]["text"] == f"Iraqi pol{mark}ice"
    assert text[event["trigger"]["start"]:event["trigger"]["end"]] == "arrested"
    assert event["sentence_text"] == text


def test_terminal_colour_codes_are_not_binary(tmp_path, template):
    text = "\x1b[1mBREAKING\x1b[0m: " + GOOD + " \x1b[32m(wire)\x1b[0m"
    outcome = run_case(tmp_path, template, [str(write(tmp_path / "a.txt", text))])
    assert outcome.codes == [] and outcome.lines[0]["events"][0]["source"]["code"] == "IRQCOP"


# -- set-up errors are coded messages, exit 2 ------------------------------------------

@pytest.mark.parametrize("args, code", [
    (["events", "--from", "yesterday"], "E310"), (["events", "--to", "2008-13-01"], "E310"),
    (["export", "--from", "20080325", "--format", "csv", "--out", "x.csv"], "E310"),
    (["events", "--limit", "-1"], "E005"), (["code", "IN", "--max-chars", "0"], "E005"),
    (["code", "IN", "--batch", "0"], "E005"), (["code", "IN", "--dict", "missing.yaml"], "E104"),
    (["code", "IN", "--dict", "BADYAML"], "E101"), (["code", "IN", "--dict", "BADBYTES"], "E105"),
    (["code", "IN", "--model", "no_such_model"], "E001"), (["code", "IN", "--columns", "text"], "E005"),
    (["code", "IN", "--per-doc"], "E006"), (["events", "--db", "missing.duckdb"], "E301")])
def test_bad_options_are_coded_errors_with_exit_2(tmp_path, args, code):
    source = write(tmp_path / "in.jsonl", line(id="a"))
    write(tmp_path / "bad.yaml", "- verbs: [\n")
    write(tmp_path / "bytes.yaml", b"\xff\xfe\x00verbs")
    db = tmp_path / "t.duckdb"
    CliRunner().invoke(main, ["code", str(source), "--db", str(db), "--quiet"])
    swap = {"IN": str(source), "BADYAML": str(tmp_path / "bad.yaml"), "BADBYTES": str(tmp_path / "bytes.yaml"),
            "x.csv": str(tmp_path / "x.csv"), "missing.duckdb": str(tmp_path / "missing.duckdb"),
            "missing.yaml": str(tmp_path / "missing.yaml")}
    args = [swap.get(a, a) for a in args]
    if "--db" not in args:
        args += ["--db", str(db)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and f"[{code}]" in result.output and "Traceback" not in result.output


def test_a_second_writer_is_refused_with_the_first_one_s_pid(tmp_path):
    from sitrep.store import Store

    db = tmp_path / "t.duckdb"
    with Store(db).writing():
        result = CliRunner().invoke(main, ["code", str(write(tmp_path / "a.jsonl", line(id="a"))), "--db", str(db)])
    assert result.exit_code == 2 and "[E308]" in result.output and f"pid {os.getpid()}" in result.output
