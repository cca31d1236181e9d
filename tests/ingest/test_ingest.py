"""Readers: every format gives the same RawDocument; bad input gives one InputError and the rest is read."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import random
import sys
import tracemalloc
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.ingest import iter_documents
from newsevents.ingest.sniff import decode, detect_format, looks_binary
from newsevents.ingest.values import html_to_text, parse_date
from newsevents.records import RawDocument

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def read(*inputs: str | Path, **options) -> list[RawDocument | InputError]:
    return list(iter_documents([str(i) for i in inputs], **options))


def only_docs(items):
    assert not [i for i in items if isinstance(i, InputError)], items
    return items


def test_plain_text_is_one_document_as_decoded(example_path):
    [doc] = only_docs(read(example_path))
    assert doc.text.startswith("Russia sends troops into Kazakhstan")
    assert doc.title is None and doc.path == str(example_path)


def test_html_page_gives_text_metadata_and_captions():
    [doc] = only_docs(read(ARTICLES / "port-strike.html"))
    assert doc.title == "Rotterdam dock workers end week-long strike"
    assert doc.published == dt.date(2024, 3, 18)
    assert doc.source == "Harbour Times"
    assert doc.url == "https://harbourtimes.example/news/rotterdam-strike-ends"
    assert doc.language == "en"
    assert doc.captions == ("Idle cranes stand over a container terminal in Rotterdam on Friday. (AP Photo/Peter Dejong)",)
    for furniture in ("Log in", "Business", "cookies", "Antwerp port volumes hit record", "newsletter"):
        assert furniture not in doc.text


def test_rss_feed_one_document_per_item_with_html_stripped():
    docs = only_docs(read(ARTICLES / "wire.rss"))
    assert [d.title for d in docs] == [
        "Sheriff's deputies arrest two after armed robbery at gas station",
        "City council approves new budget",
    ]
    first, second = docs
    assert first.text.startswith("Sheriff's deputies arrested two men early Wednesday")  # content:encoded, not summary
    assert "<p>" not in first.text and "\n\n" in first.text
    assert first.published == dt.date(2024, 6, 12)
    assert first.url == "https://valleycourier.example/news/gas-station-robbery"
    assert second.text.startswith("The city council voted 5-2") and second.source == "Valley Courier - Local News"


def test_atom_feed_entries_with_content_or_summary():
    first, second = only_docs(read(ARTICLES / "newsroom.atom"))
    assert first.published == dt.date(2024, 8, 2) and first.captions == ("Fishermen light flares outside the ministry.",)
    assert second.text.startswith("The island ferry will not run")
    assert second.published == dt.date(2024, 8, 1)  # only <updated>
    assert second.url == "https://coastalherald.example/2024/08/01/ferry-suspended"


def test_jsonl_usual_field_names():
    mine, students, election = only_docs(read(ARTICLES / "records.jsonl"))
    assert (mine.title, mine.published, mine.url, mine.source) == (
        "Mine collapse traps 14 workers in Zacatecas", dt.date(2023, 11, 9),
        "https://wire.example/mexico/mine-collapse", "Wire Example",
    )  # fmt: skip
    assert students.title == "Students march over tuition rise" and students.source == "News Example"
    assert students.text.startswith("Thousands of students marched") and "<p>" not in students.text
    assert students.published == dt.date(2023, 10, 4)
    assert election.title is None and election.record_id == "doc-3" and election.published == dt.date(2022, 8, 15)


def test_json_array_file():
    docs = only_docs(read(ARTICLES / "records.json"))
    assert [d.title for d in docs] == ["Wildfire forces evacuation of hillside towns", "Court jails former mayor for bribery"]
    assert docs[0].published == dt.date(2024, 7, 21) and docs[1].text.startswith("A court sentenced")


def test_json_container_of_articles(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"status": "ok", "articles": [
        {"title": "Bus crash kills 9", "content": "A bus fell into a ravine in Nepal on Friday.", "publishedAt": "x"},
        {"title": "Dam opened", "description": "no text field here"},
    ]}, indent=2))  # fmt: skip
    first, second = read(path)
    assert isinstance(first, RawDocument) and first.text == "A bus fell into a ravine in Nepal on Friday."
    assert isinstance(second, InputError) and "no text field" in second.reason


@pytest.mark.parametrize("name", ["gva-longtail/gva_longtail_docs.jsonl", "india-police-events/ipe_docs.jsonl",
                                  "india-police-events/docs.jsonl"])  # fmt: skip
def test_every_line_of_the_shared_eval_files_reads(shared_eval, name):
    path = shared_eval / name
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line, _ in zip(lines, range(300), strict=False)]
    docs = only_docs(list(itertools.islice(iter_documents([path]), 300)))
    assert len(docs) == len(records)
    for record, doc in zip(records, docs, strict=True):
        assert doc.text == (record.get("text") or record.get("doc_text")).strip()
        assert doc.record_id == str(record.get("id", record.get("doc_id")))
        if "date" in record:
            assert doc.published == dt.date.fromisoformat(record["date"]) and doc.url == record["url"]


def test_published_overrides_every_document():
    docs = only_docs(read(ARTICLES / "records.jsonl", ARTICLES / "wire.rss", published=dt.date(2020, 1, 2)))
    assert {d.published for d in docs} == {dt.date(2020, 1, 2)}


def test_directory_is_walked_recursively_by_extension_and_content(tmp_path):
    (tmp_path / "world" / "asia").mkdir(parents=True)
    (tmp_path / "world" / "asia" / "quake.txt").write_text("Quake hits Sumatra\n\nA strong earthquake struck.")
    (tmp_path / "world" / "storm").write_text("Storm nears Manila\n\nA typhoon approached the capital.")  # no extension
    (tmp_path / "world" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "world" / "blob").write_bytes(bytes(range(256)))  # no extension, binary: not an article
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text("Hidden\n\nNot read.")
    docs = only_docs(read(tmp_path))
    assert sorted(Path(d.path).name for d in docs) == ["quake.txt", "storm"]


def test_stdin_is_read_and_sniffed(monkeypatch):
    lines = b'{"title": "Bridge closed", "text": "The bridge was closed on Monday."}\n' * 3
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    docs = only_docs(read("-"))
    assert [d.title for d in docs] == ["Bridge closed"] * 3


def test_many_inputs_keep_order_and_one_bad_input_does_not_stop_the_rest(tmp_path):
    items = read(ARTICLES / "ap-style.txt", tmp_path / "missing.txt", ARTICLES / "records.json")
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument", "RawDocument"]
    assert items[1].source == str(tmp_path / "missing.txt") and items[1].reason == "no such file or directory"


def error_of(path: Path) -> InputError:
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.source == str(path) and "\n" not in error.reason
    return error


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \n\n \t\n")
    assert error_of(tmp_path / "empty.txt").reason == "the input is empty"
    assert error_of(tmp_path / "blank.html").reason == "the input is empty"


def test_binary_file(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02")
    assert "binary" in error_of(tmp_path / "scan.txt").reason


def test_unknown_encoding(tmp_path):
    rng = random.Random(7)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(400)))
    assert error_of(tmp_path / "noise.txt").reason == "cannot detect the text encoding"


def test_truncated_html_without_text(tmp_path):
    (tmp_path / "cut.html").write_bytes(b"<!DOCTYPE html><html><head><title>Protest in Lima</title></head><body><div cla")
    assert error_of(tmp_path / "cut.html").reason == "no readable text in the HTML page"


def test_truncated_feed_gives_entries_read_and_an_error(tmp_path):
    cut = (ARTICLES / "wire.rss").read_bytes()[:1500]
    (tmp_path / "cut.rss").write_bytes(cut)
    items = read(tmp_path / "cut.rss")
    assert isinstance(items[-1], InputError) and items[-1].reason.startswith("malformed feed")
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b'<?xml version="1.0"?><rss><channel><title>x</tit')
    assert error_of(garbage).reason.startswith("malformed feed")


def test_file_over_the_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        line = b"The council met again on Tuesday and talked about the budget for the coming year.\n"
        out.write(line * (50_000_000 // len(line) + 1))
    reason = error_of(big).reason
    assert reason.startswith(f"is {big.stat().st_size:,} bytes, more than the 20,000,000-byte limit")


def test_size_limit_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_MAX_BYTES", "100")
    (tmp_path / "a.txt").write_text("Short headline\n\n" + "A sentence about the floods in the valley. " * 5)
    assert "100-byte limit" in error_of(tmp_path / "a.txt").reason
    monkeypatch.setenv("NEWSEVENTS_MAX_BYTES", "lots")
    [error] = read(tmp_path / "a.txt")
    assert isinstance(error, InputError) and "positive whole number" in error.reason


def test_missing_path_and_directory_without_articles(tmp_path):
    assert error_of(tmp_path / "nope.jsonl").reason == "no such file or directory"
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    assert error_of(tmp_path / "pics").reason.startswith("directory has no article files")


def test_malformed_and_oversized_jsonl_lines_are_errors_for_that_line_only(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_MAX_BYTES", "300")
    good = json.dumps({"title": "Flood", "text": "The river burst its banks on Sunday."})
    lines = [good, '{"title": "Broken", "text": "no end', json.dumps({"text": "x" * 400}), "[1, 2]",
             json.dumps({"title": "no text"}), json.dumps({"text": "  "}), "", good]  # fmt: skip
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = read(path)
    assert [i.reason if isinstance(i, InputError) else "ok" for i in items] == [
        "ok",
        "malformed JSON at line 2: Unterminated string starting at",
        "line 3 is more than the 300-byte limit per article (set NEWSEVENTS_MAX_BYTES to raise it)",
        "line 4: expected a JSON object, found list",
        "line 5: record has no text field (one of text, body, content, full_text, doc_text, article, maintext, "
        "article_text, story)",
        "line 6: the record's text is empty",
        "ok",
    ]


def test_malformed_json_array(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('[{"title": "A", "text": "Troops withdrew from the border town."},\n {"title": "B", "text": "cut')
    first, error = read(path)
    assert isinstance(first, RawDocument) and first.title == "A"
    assert isinstance(error, InputError) and error.reason.startswith("malformed JSON at line 2")


def test_large_jsonl_and_json_array_stream(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_MAX_BYTES", "100000")
    record = {"title": "Curfew extended", "text": "Authorities extended the curfew by a week, police said. " * 20}
    line = json.dumps(record)
    count = 8_000_000 // len(line)
    (tmp_path / "big.jsonl").write_text((line + "\n") * count)
    (tmp_path / "big.json").write_text("[\n" + ",\n".join([line] * count) + "\n]")
    for name in ("big.jsonl", "big.json"):
        tracemalloc.start()
        seen = sum(1 for d in iter_documents([tmp_path / name]) if isinstance(d, RawDocument))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert seen == count
        assert peak < 2_000_000, f"{name}: peak {peak:,} bytes for an 8 MB file"


def test_detect_format_prefers_content_over_extension():
    assert detect_format(b'{"text": "a"}\n{"text": "b"}\n', "x.json") == "jsonl"
    assert detect_format(b'{\n  "text": "a"\n}\n', "x.jsonl") == "json"
    assert detect_format(b'\xef\xbb\xbf [ {"text": "a"} ]', "x.txt") == "json_array"
    assert detect_format(b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "x.txt") == "feed"
    assert detect_format(b"<!doctype html><html><body><p>Hi</p>", "page.xml") == "html"
    assert detect_format(b"Strike ends\n\nWorkers returned.", "page.html") == "text"


def test_jsonl_whose_first_record_is_longer_than_the_sniffed_head(tmp_path):
    long_record = {"title": "Long read", "text": "Workers marched to the port again on Friday. " * 3000}
    short_record = {"title": "Short", "text": "Dockers went on strike in Durban on Monday."}
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(long_record) + "\n" + json.dumps(short_record) + "\n")
    titles = [doc.title for doc in iter_documents([path])]
    assert titles == ["Long read", "Short"]


def test_binary_sniffing_and_decoding():
    assert looks_binary(b"\x1f\x8b\x08\x00") and not looks_binary("Grève à Paris".encode("utf-16"))
    assert decode("Grève à Paris".encode("utf-16"), source="x") == "Grève à Paris"
    assert decode("Ana Núñez, 34, said the café was closed.".encode("latin-1"), source="x").startswith("Ana Núñez")


def test_parse_date_accepts_the_usual_shapes():
    day = dt.date(2021, 3, 4)
    for value in ("2021-03-04", "2021-03-04T22:10:00Z", "Thu, 04 Mar 2021 10:00:00 +0000", "March 4, 2021",
                  1614852000, 1614852000000, dt.datetime(2021, 3, 4, 8)):  # fmt: skip
        assert parse_date(value) == day, value
    assert parse_date("soon") is None and parse_date("") is None and parse_date(None) is None


def test_html_fragments_lose_scripts_and_keep_paragraphs():
    text = html_to_text("<div><script>var x=1;</script><p>Shops shut.</p>Roads<br>closed</div>")
    assert text.text == "Shops shut.\n\nRoads\nclosed"
