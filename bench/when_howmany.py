"""Benchmark of newsevents.dates and newsevents.quantities on gun-violence news with GVA gold.

Each article goes through the product's cleaning first (``newsevents.clean``: the headline, captions, photo
credits, copyright and share lines leave the body) and its body is parsed, as ``newsevents.extract`` does;
``--raw`` parses the text as given instead. An article cleaning rejects (empty, not English) is predicted
0 / 0 / publication date and counted.
Article-level prediction, read from the counts and dates themselves (the last item reads the events instead):
- killed / injured: the largest killed / injured count of one incident found in the article's first
  ``--sentences`` sentences, not counting an opening dateline (0 when none is found); totals over several
  incidents or a period (``CountMention.aggregate``: "8 wounded in shootings since Friday") are skipped;
- incident date: the own date (see ``date_event``) of the first casualty count's head word in those
  sentences, else of the first shooting word; when that word has no own date, the first day-precision date
  (not after publication) in those sentences that is not the day of a statement or court step
  (``is_statement_date``: "police said Tuesday"; the first date of all when every one is such a day); else the
  publication date.
- incident place (gva-longtail, where GVA gives the incident's point): the place ``locate_event`` gives the head word
  the date is read from (the first casualty count's, else the first shooting word's; with the article's focus
  country as ``extract`` has it), else the first place named in those sentences, else the focus country; scored as
  within 25 km of the GVA point, and as the same state (admin1) as GVA's. gva-news gives street addresses only.
- killed / injured / date as ``extract`` outputs them: the largest ``fatalities`` / ``injuries`` of the events told
  in those sentences (0 when none has one), and the date of the first violent event (ASSAULT, not negated) told
  there, else of the first event told there that is neither negated nor hypothetical (GVA also records gun crimes
  without shots: an arrest with a gun, a seized weapon), else the publication date. Counts no event carries are lost here, and an event told in a summing-up
  sentence carries its total.
- events placed abroad: the share of the events ``extract`` places in a country, over the whole article, that it
  places outside the United States (every GVA incident is in it, so each is a wrong place, bar a stray story about
  events abroad), and the share of articles with such an event. A diagnostic of the geoparser on US local news,
  not an accuracy.
``--plain-rule`` gives the rule before aggregates and statement dates were told apart: the largest count of any
kind of mention and the first day-precision date.
Baselines on the same articles: always 0 killed / 0 injured, the publication date, and the most populous place named
in the article.

Data: ``../shared/eval/gva-news/gva_news.jsonl`` (splits train/dev for development, test reported) and
``../shared/eval/gva-longtail/gva_longtail_docs.jsonl`` (TEST only; a seeded sample of ``--longtail`` docs).

    python bench/when_howmany.py [--longtail 1000] [--sentences 6] [--raw]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections import defaultdict
from pathlib import Path

from newsevents import nlp
from newsevents.actors import ActorCoder
from newsevents.clean import clean
from newsevents.dates import date_event, find_dates, is_statement_date
from newsevents.errors import InputError
from newsevents.geo import Gazetteer, find_places, locate_event
from newsevents.geo.gazetteer import km_between
from newsevents.geo.resolve import NameSpan, candidates
from newsevents.pipeline import Extractor, story_focus
from newsevents.quantities import find_counts
from newsevents.records import Article, Event, Place, RawDocument

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
RESULTS = REPO / "bench" / "results" / "when_howmany.json"
SHOOTING_LEMMAS = {"shoot", "shooting", "kill", "stab", "stabbing", "wound", "injure", "die", "homicide"}


def load(args: argparse.Namespace) -> list[dict]:
    rows = []
    for line in (EVAL / "gva-news" / "gva_news.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        gold = record["gold"]
        rows.append({"set": f"gva-news/{record['split']}", "text": record["text"], "published": record["date"],
                     "killed": gold["n_killed"], "injured": gold["n_injured"], "date": gold["event_date"]})
    longtail = []
    for line in (EVAL / "gva-longtail" / "gva_longtail_docs.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        gold = record["gold"]
        if gold.get("num_killed") is None or not gold.get("event_date") or not record.get("date"):
            continue
        point = (gold["lat"], gold["lon"]) if gold.get("lat") is not None and gold.get("lon") is not None else None
        longtail.append({"set": "gva-longtail (TEST)", "text": record["text"], "published": record["date"],
                         "killed": gold["num_killed"], "injured": gold["num_injured"], "date": gold["event_date"],
                         "point": point, "state": gold.get("state")})
    random.Random(13).shuffle(longtail)
    return rows + longtail[: args.longtail]


def leading_sentences(doc, sentences: int) -> list:
    sents = list(doc.sents)
    # An opening dateline ("CHICAGO (AP) —") is parsed as a sentence of its own; it does not use up the window.
    if sents and sents[0].end_char <= nlp.dateline_end(doc):
        sentences += 1
    return sents[:sentences]


def incident_head(doc, counts: list, limit: int) -> int | None:
    """The word the incident is read from: the first casualty count's head, else the first shooting word."""
    heads = [c.head_i for c in counts if c.kind in ("killed", "injured")]
    heads += [t.i for t in doc[:limit] if t.lemma_.lower() in SHOOTING_LEMMAS]
    return min(heads, default=None)


def predict(
    doc, counts: list, published: dt.date, sentences: int, plain_rule: bool = False
) -> tuple[int, int, dt.date]:
    """Killed, injured and incident date of an article from ``counts``, its :func:`find_counts`."""
    sents = leading_sentences(doc, sentences)
    limit = sents[-1].end if sents else 0
    counts = [c for c in counts if c.head_i < limit and (plain_rule or not c.aggregate)]
    killed = max((c.count.value for c in counts if c.kind == "killed"), default=0)
    injured = max((c.count.value for c in counts if c.kind == "injured"), default=0)
    head = incident_head(doc, counts, limit)
    dates = find_dates(doc, published=published)
    if head is not None:
        event = date_event(doc, head, dates, published=published)
        if event.resolution is not None and not event.inherited:
            return killed, injured, event.resolution.date
    # No own date: the first day-precision, not-future date of the leading sentences, else the publication date.
    cutoff = sents[-1].end_char if sents else 0
    leading = [d for d in dates if d.precision == "day" and d.date <= published and (d.start or 0) < cutoff]
    if not plain_rule:
        leading = [d for d in leading if not is_statement_date(doc, d)] or leading
    return killed, injured, leading[0].date if leading else published


def predict_place(
    doc, counts: list, sentences: int, actor_coder: ActorCoder, gazetteer: Gazetteer
) -> tuple[Place | None, Place | None]:
    """(our incident place, the baseline: the most populous place named in the article); ``counts`` as for
    :func:`predict`."""
    focus = story_focus(doc, actor_coder=actor_coder)
    places = find_places(doc, focus_country=focus, gazetteer=gazetteer)
    # the baseline: of every feature the names of the article may name, the most populous
    named = [fid for m in places for fid, _ in candidates(NameSpan(m.start, m.end, m.place.text), gazetteer)]
    populous = max(named, key=gazetteer.population, default=None)
    sents = leading_sentences(doc, sentences)
    limit = sents[-1].end if sents else 0
    head = incident_head(doc, [c for c in counts if c.head_i < limit and not c.aggregate], limit)
    cutoff = sents[-1].end_char if sents else 0
    first = next((m.place for m in places if m.start < cutoff), None)
    ours = locate_event(doc, head, places, focus_country=focus, gazetteer=gazetteer) if head is not None else first
    baseline = None if populous is None else gazetteer.place(populous, text=gazetteer.name(populous))
    return ours or first or locate_event(doc, 0, [], focus_country=focus, gazetteer=gazetteer), baseline


def from_events(events: list[Event], doc, sentences: int, published: dt.date) -> tuple[int, int, dt.date]:
    """Killed, injured and incident date as the events ``extract`` gives say: the largest figures of those told in
    the leading sentences, the date of the first violent one, else of the first one that happened."""
    sents = leading_sentences(doc, sentences)
    cutoff = sents[-1].end_char if sents else 0
    told = [e for e in events if e.mentions[0].start < cutoff]
    violent = next((e for e in told if e.type == "ASSAULT" and not e.context.negated and e.date), None)
    # a gun crime with no violence told (an arrest, a seizure of guns) is dated by the first act that happened
    first = next((e for e in told if not (e.context.negated or e.context.hypothetical) and e.date), None)
    incident = violent or first
    return (max((e.fatalities or 0 for e in told), default=0), max((e.injuries or 0 for e in told), default=0),
            incident.date if incident else published)


def body(row: dict, tally: dict[str, int], raw: bool) -> str:
    """The text the product codes: the cleaned body ("" when cleaning rejects the article), or the raw text."""
    if raw:
        return row["text"]
    try:
        return clean(RawDocument(row["text"], published=dt.date.fromisoformat(row["published"][:10]))).body
    except InputError:
        tally["rejected"] += 1
        return ""


def near(place: Place | None, point: tuple[float, float], km: float = 25.0) -> bool:
    """Is ``place``'s point within ``km`` of ``point``?"""
    return place is not None and place.lat is not None and km_between(place.lat, place.lon, *point) <= km


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--longtail", type=int, default=1000, help="sampled gva-longtail docs (TEST)")
    parser.add_argument("--sentences", type=int, default=6, help="leading sentences read per article")
    parser.add_argument("--sets", default="", help="comma-separated set name prefixes to run (default all)")
    parser.add_argument("--plain-rule", action="store_true",
                        help="the rule before aggregate counts and statement dates were told apart")
    parser.add_argument("--raw", action="store_true", help="parse the text as given, without cleaning")
    args = parser.parse_args()
    rows = [r for r in load(args) if not args.sets or any(r["set"].startswith(s) for s in args.sets.split(","))]
    started = time.time()
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    places: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    abroad: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    actor_coder, gazetteer, extractor = ActorCoder.default(), Gazetteer.default(), Extractor()
    for row, doc in zip(rows, nlp.parse(body(r, tallies[r["set"]], args.raw) for r in rows)):
        published = dt.date.fromisoformat(row["published"][:10])
        gold_date = dt.date.fromisoformat(row["date"][:10])
        counts = find_counts(doc)
        killed, injured, when = predict(doc, counts, published, args.sentences, args.plain_rule)
        article = Article(id=row["set"], title="", body=doc.text, text=doc.text, blocks=(), published=published)
        events = extractor.code(article, doc).events
        event_killed, event_injured, event_date = from_events(events, doc, args.sentences, published)
        placed = [e.location.country for e in events if e.location and e.location.country]
        spread = abroad[row["set"]]
        spread["located"] += len(placed)
        spread["abroad"] += sum(country != "USA" for country in placed)
        spread["articles"] += 1
        spread["articles_abroad"] += any(country != "USA" for country in placed)
        tally = tallies[row["set"]]
        tally["n"] += 1
        tally["killed"] += killed == row["killed"]
        tally["killed_base"] += row["killed"] == 0
        tally["events_killed"] += event_killed == row["killed"]
        tally["events_injured"] += event_injured == row["injured"]
        tally["events_date"] += event_date == gold_date
        tally["injured"] += injured == row["injured"]
        tally["injured_base"] += row["injured"] == 0
        tally["date"] += when == gold_date
        tally["date_base"] += published == gold_date
        if row.get("point"):
            ours, baseline = predict_place(doc, counts, args.sentences, actor_coder, gazetteer)
            place = places[row["set"]]
            place["n"] += 1
            place["within_25km"] += near(ours, row["point"])
            place["within_25km_base"] += near(baseline, row["point"])
            place["state"] += ours is not None and ours.admin1 == row["state"]
            place["state_base"] += baseline is not None and baseline.admin1 == row["state"]
    elapsed = time.time() - started
    header = f"{'set':24} {'n':>5}  {'killed':>6} {'(all 0)':>7}  {'injured':>7} {'(all 0)':>7}  {'date':>6} {'(pub)':>6}  {'rejected':>8}"
    print(header)
    print("-" * len(header))
    table = {}
    for name in sorted(tallies):
        t = tallies[name]
        scores = {k: round(t[k] / t["n"], 3) for k in t if k not in ("n", "rejected")}
        table[name] = {"n": t["n"], "rejected_by_cleaning": t["rejected"], **scores}
        print(f"{name:24} {t['n']:>5}  {scores['killed']:>6.3f} {scores['killed_base']:>7.3f}  "
              f"{scores['injured']:>7.3f} {scores['injured_base']:>7.3f}  {scores['date']:>6.3f} {scores['date_base']:>6.3f}"
              f"  {t['rejected']:>8}")
    print("the same, as the events extract gives carry them: killed / injured / date")
    for name in sorted(tallies):
        print(f"{name:24} {table[name]['n']:>5}  {table[name]['events_killed']:>6.3f} {'':>7}  "
              f"{table[name]['events_injured']:>7.3f} {'':>7}  {table[name]['events_date']:>6.3f}")
    for name in sorted(places):
        p = places[name]
        table[name]["place"] = {"n": p["n"], **{k: round(p[k] / p["n"], 3) for k in p if k != "n"}}
        print(f"{name:24} {p['n']:>5}  incident place within 25 km {p['within_25km'] / p['n']:.3f} "
              f"(most populous place named {p['within_25km_base'] / p['n']:.3f}); same state {p['state'] / p['n']:.3f} "
              f"({p['state_base'] / p['n']:.3f})")
    print("events placed outside the US (a wrong place; a diagnostic, not an accuracy)")
    for name in sorted(abroad):
        a = abroad[name]
        table[name]["placed_abroad"] = {"events": round(a["abroad"] / max(a["located"], 1), 3),
                                        "articles": round(a["articles_abroad"] / a["articles"], 3)}
        print(f"{name:24} {a['located']:>6} located events, {table[name]['placed_abroad']['events']:.3f} abroad; "
              f"articles with one {table[name]['placed_abroad']['articles']:.3f}")
    print(f"({len(rows)} articles in {elapsed:.0f} s; gva-longtail is a seeded sample of {args.longtail} docs)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"sentences": args.sentences, "longtail_sample": args.longtail, "raw": args.raw,
                                   "seconds": round(elapsed), "sets": table}, indent=2) + "\n")


if __name__ == "__main__":
    main()
