"""The progress bar's article count and its use by ``newsevents batch``."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.batch import run_batch
from newsevents.cli.progress import count_inputs

WIRE = Path(__file__).parents[1] / "batch" / "data" / "wire.jsonl"


def test_count_inputs_counts_jsonl_records_and_single_files(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Strike ends\n\nDockers went back to work in Durban on Monday.")
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"text": "a"}) + "\n\n" + json.dumps({"text": "b"}) + "\n")
    assert count_inputs([str(story), str(corpus)]) == 3
    assert count_inputs([str(tmp_path)]) is None  # a directory: unknown without walking it
    assert count_inputs([str(tmp_path / "missing.jsonl")]) is None


def test_local_batch_advances_once_per_document(tmp_path):
    done: list[int] = []
    summary = run_batch([str(WIRE)], tmp_path / "out", workers=1, advance=done.append)
    assert sum(done) == count_inputs([str(WIRE)]) == summary.articles + summary.errors
