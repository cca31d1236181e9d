"""Both engines on real inputs: same events, same ids, bad records kept aside, reruns idempotent."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from newsevents.batch import load_parquet_dataset, run_batch
from newsevents.cli import main
from newsevents.errors import InputError, NewsEventsError

DATA = Path(__file__).parent / "data"


def _frames(out: Path) -> dict[str, pd.DataFrame]:
    """Every dataset of an output, in a canonical row order, for comparing two runs."""
    keys = {"events": ["id"], "articles": ["id"], "mentions": ["event_id", "n"], "errors": ["input", "reason"]}
    frames = {}
    for name, key in keys.items():
        frame = pd.read_parquet(out / name)
        if name == "events":
            frame["event_date"] = frame["event_date"].astype(str)
        frames[name] = frame.sort_values(key).reset_index(drop=True)
    return frames


def _assert_same(left: Path, right: Path) -> None:
    a, b = _frames(left), _frames(right)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_like=True, obj=name)


@pytest.fixture(scope="module")
def ray_cluster():
    """One local Ray with 2 CPUs for the module (the engine joins it instead of starting its own)."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def oversized(tmp_path_factory, unparsable_text) -> Path:
    """Our fixtures plus one article longer than the parser accepts: it must fail alone."""
    folder = tmp_path_factory.mktemp("inputs")
    record = {"id": "w-huge", "date": "2023-05-01", "title": "Endless", "text": unparsable_text}
    (folder / "huge.jsonl").write_text(json.dumps(record) + "\n")
    return folder / "huge.jsonl"


@pytest.fixture(scope="module")
def local_out(tmp_path_factory, oversized) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    run_batch([str(DATA / "wire.jsonl"), str(DATA / "desk"), str(oversized)], out, engine="local", workers=1)
    return out


def test_local_engine_writes_events_and_keeps_bad_records(local_out):
    frames = _frames(local_out)
    assert set(frames["articles"]["id"].map(type)) == {str}
    assert len(frames["articles"]) == 8
    assert len(frames["events"]) >= 8
    assert frames["events"]["id"].is_unique
    assert set(frames["events"]["article_id"]) <= set(frames["articles"]["id"])
    errors = frames["errors"]
    assert set(errors["stage"]) == {"read", "extract"}
    assert errors[errors.stage == "extract"]["record_id"].notna().all()
    assert errors["input"].str.endswith("wire.jsonl").sum() == 2  # the malformed line and the record without text
    # Zamfara's raid and Accra's teachers' strike are each reported by two articles: incidents span them,
    # and never two countries.
    incidents = frames["events"].dropna(subset=["incident_id"]).groupby("incident_id")
    assert (incidents["article_id"].nunique() >= 2).sum() >= 2
    assert (incidents["location_country"].nunique() == 1).all()


def test_rerun_over_the_same_output_does_not_duplicate(local_out, oversized, tmp_path):
    before = _frames(local_out)
    summary = run_batch([str(DATA / "wire.jsonl"), str(DATA / "desk"), str(oversized)], local_out, workers=1)
    assert summary.events == len(before["events"])
    after = _frames(local_out)
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], check_like=True)


def test_batch_output_loads_back_as_extractions(local_out):
    loaded = list(load_parquet_dataset(local_out))
    assert len(loaded) == 8
    assert sum(len(x.events) for x in loaded) == len(pd.read_parquet(local_out / "events"))
    assert all(e.mentions and e.mentions[0].sentence in x.article.body for x in loaded for e in x.events)


def test_store_ingest_imports_batch_output_once(local_out, tmp_path, capsys):
    db = tmp_path / "events.db"
    assert main(["ingest", str(local_out), "--db", str(db)]) == 0
    assert main(["ingest", str(local_out), "--db", str(db)]) == 0
    from newsevents.store import Store

    with Store(db, readonly=True) as store:
        stats = store.stats()
    assert stats["articles"] == 8
    assert stats["events"] == len(pd.read_parquet(local_out / "events"))


def test_ray_engine_matches_local(ray_cluster, local_out, oversized, tmp_path):
    out = tmp_path / "ray"
    summary = run_batch([str(DATA / "wire.jsonl"), str(DATA / "desk"), str(oversized)], out, engine="ray",
                        workers=2, batch_size=4)  # fmt: skip
    assert summary.engine == "ray"
    _assert_same(local_out, out)


@pytest.mark.slow
def test_ray_engine_matches_local_on_a_longtail_sample(ray_cluster, shared_eval, tmp_path):
    lines = (shared_eval / "gva-longtail" / "gva_longtail_docs.jsonl").open()
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(itertools.islice(lines, 0, 600, 20)))  # 30 articles spread over the file
    run_batch([str(sample)], tmp_path / "local", engine="local", workers=2)
    run_batch([str(sample)], tmp_path / "ray", engine="ray", workers=2)
    _assert_same(tmp_path / "local", tmp_path / "ray")
    assert len(pd.read_parquet(tmp_path / "ray" / "articles")) == 30


def test_cli_batch_reads_parquet_datasets(tmp_path, capsys):
    articles = pd.read_json(DATA / "wire.jsonl", lines=True, nrows=3)
    articles.to_parquet(tmp_path / "wire.parquet")
    code = main(["batch", str(tmp_path / "wire.parquet"), "-o", str(tmp_path / "out"), "--date", "2023-04-20"])
    assert code == 0
    assert "3 articles" in capsys.readouterr().err
    assert set(pd.read_parquet(tmp_path / "out" / "articles")["published"].astype(str)) == {"2023-04-20"}


def test_cli_batch_exits_1_when_an_input_fails_and_still_writes_the_rest(tmp_path, capsys):
    (tmp_path / "strike.txt").write_text("Dock workers walked off the job in Santos on Monday over unpaid wages.\n")
    (tmp_path / "broken.jsonl").write_text("{not json\n")
    good = [str(tmp_path / "strike.txt"), "-o", str(tmp_path / "good"), "--date", "2023-04-20"]
    assert main(["batch", *good]) == 0
    code = main(["batch", str(tmp_path / "strike.txt"), str(tmp_path / "broken.jsonl"), "-o", str(tmp_path / "out")])
    assert code == 1
    assert "1 articles" in capsys.readouterr().err.splitlines()[-1]
    assert len(pd.read_parquet(tmp_path / "out" / "articles")) == 1


def test_ray_spreads_one_large_file_over_many_blocks(ray_cluster, tmp_path):
    """An extractor takes a block whole: one big JSONL file must not arrive as one block."""
    from newsevents.batch.inputs import plan_sources
    from newsevents.batch.ray_engine import documents_dataset, small_blocks

    corpus = tmp_path / "corpus.jsonl"
    paragraph = "Protesters marched to the ministry and police detained several of them. " * 30
    corpus.write_text("".join(json.dumps({"id": f"r{i}", "text": paragraph}) + "\n" for i in range(800)))
    sources = plan_sources([str(corpus)])
    assert documents_dataset(ray_cluster, sources, published=None).materialize().num_blocks() == 1
    with small_blocks(ray_cluster):
        blocks = documents_dataset(ray_cluster, sources, published=None).materialize()
    assert blocks.num_blocks() >= 4 and blocks.count() == 800


def test_ray_refuses_stdin():
    with pytest.raises(InputError, match="standard input"):
        run_batch(["-"], "unused", engine="ray")


def test_missing_ray_is_a_clear_error(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(NewsEventsError, match=r"pip install 'newsevents\[ray\]'"):
        run_batch([str(DATA / "desk")], tmp_path / "out", engine="ray")
    assert main(["batch", str(DATA / "desk"), "-o", str(tmp_path / "out"), "--engine", "ray"]) == 2
    assert "newsevents[ray]" in capsys.readouterr().err
