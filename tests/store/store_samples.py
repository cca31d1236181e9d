"""Real-looking extractions built by hand, so the store is tested without the NLP pipeline."""

from __future__ import annotations

import datetime as dt

from newsevents.records import Acled, Actor, Article, Block, Context, Event, Extraction, Mention, Place

LAGOS = Place("Lagos", "Lagos", "NGA", "Lagos", 6.4541, 3.3947, 2332459, "city")
IKEJA = Place("Ikeja", "Ikeja", "NGA", "Lagos", 6.6018, 3.3515, 2338400, "city")
ABUJA = Place("Abuja", "Abuja", "NGA", "FCT", 9.0579, 7.4951, 2352778, "city")
NAIROBI = Place("Nairobi", "Nairobi", "KEN", "Nairobi Area", -1.2833, 36.8167, 184745, "city")
KENYA = Place("Kenya", "Kenya", "KEN", None, 1.0, 38.0, 192950, "country")
POLICE_NGA = Actor("Police", "Nigeria Police Force", "NGA", "COP", "State forces")
PROTESTERS_NGA = Actor("protesters", "Protesters (Nigeria)", "NGA", "OPP", "Protesters")
GUNMEN = Actor("gunmen", "Unidentified gunmen", None, "UAF", "Political militia")
VILLAGERS = Actor("villagers", "Civilians (Nigeria)", "NGA", "CVL", "Civilians")
POLICE_KEN = Actor("police", "Kenya Police Service", "KEN", "COP", "State forces")


def event(
    eid: str,
    sentence: str,
    *,
    type: str,
    source: Actor | None,
    target: Actor | None = None,
    place: Place | None = None,
    date: dt.date | None = None,
    cameo: str | None = None,
    acled: Acled | None = None,
    fatalities: int | None = None,
    injuries: int | None = None,
    start: int = 0,
    negated: bool = False,
) -> Event:
    return Event(
        id=eid,
        type=type,
        mode=None,
        cameo=cameo,
        acled=acled,
        source=source,
        target=target,
        trigger=sentence.split()[1],
        context=Context(negated=negated),
        mentions=[Mention(sentence, start, start + len(sentence))],
        location=place,
        date=date,
        date_text=date.isoformat() if date else None,
        date_precision="day" if date else None,
        fatalities=fatalities,
        injuries=injuries,
    )


def article(
    aid: str,
    title: str,
    sentences: list[str],
    *,
    published: dt.date | None,
    url: str | None = None,
    source: str | None = "Daily Example",
) -> Article:
    body = "\n\n".join(sentences)
    blocks = [Block("title", title, 0, len(title))]
    offset = len(title) + 2
    for sentence in sentences:
        blocks.append(Block("body", sentence, offset, offset + len(sentence)))
        offset += len(sentence) + 2
    return Article(aid, title, body, f"{title}\n\n{body}", tuple(blocks), published, source, url, "en", None)


def extraction(art: Article, events: list[Event]) -> Extraction:
    return Extraction(art, [], [], events)


def offsets(art: Article, sentence: str) -> int:
    return art.body.index(sentence)


def shooting_reports() -> list[Extraction]:
    """Two outlets report one shooting in Lagos (the later one with a higher toll); a third reports a protest."""
    s1 = "Gunmen killed three villagers in Lagos on Monday, police said."
    s1b = "Police arrested two suspects in Ikeja on Tuesday."
    a1 = article("art-1", "Three killed in Lagos attack", [s1, s1b], published=dt.date(2024, 3, 5),
                 url="https://example.ng/lagos-attack")  # fmt: skip
    e1 = event("ev-1a", s1, type="ASSAULT", source=GUNMEN, target=VILLAGERS, place=LAGOS, date=dt.date(2024, 3, 4),
               cameo="190", acled=Acled("Violence against civilians", "Attack"), fatalities=3,
               start=offsets(a1, s1))  # fmt: skip
    e1b = event("ev-1b", s1b, type="COERCE", source=POLICE_NGA, target=None, place=IKEJA, date=dt.date(2024, 3, 5),
                cameo="173", acled=None, start=offsets(a1, s1b))  # fmt: skip
    s2 = "Five people died and 4 were wounded when gunmen attacked villagers near Ikeja."
    a2 = article("art-2", "Death toll rises to five in Lagos", [s2], published=dt.date(2024, 3, 6),
                 url="https://news.example.com/ikeja")  # fmt: skip
    e2 = event("ev-2a", s2, type="ASSAULT", source=GUNMEN, target=VILLAGERS, place=IKEJA, date=dt.date(2024, 3, 4),
               cameo="190", acled=Acled("Violence against civilians", "Attack"), fatalities=5, injuries=4,
               start=offsets(a2, s2))  # fmt: skip
    s3 = "Hundreds of protesters marched in Abuja on Wednesday against fuel prices."
    a3 = article("art-3", "Fuel protest in Abuja", [s3], published=dt.date(2024, 3, 6), url="https://example.ng/abuja")
    e3 = event("ev-3a", s3, type="PROTEST", source=PROTESTERS_NGA, place=ABUJA, date=dt.date(2024, 3, 6),
               cameo="141", acled=Acled("Protests", "Peaceful protest"), start=offsets(a3, s3))  # fmt: skip
    s4 = "Kenyan police did not fire at demonstrators in Nairobi, the ministry said."
    a4 = article("art-4", "Nairobi rally ends calmly", [s4], published=dt.date(2024, 3, 7), url=None, source=None)
    e4 = event("ev-4a", s4, type="ASSAULT", source=POLICE_KEN, place=NAIROBI, date=dt.date(2024, 3, 7), cameo="180",
               acled=None, start=offsets(a4, s4), negated=True)  # fmt: skip
    return [extraction(a1, [e1, e1b]), extraction(a2, [e2]), extraction(a3, [e3]), extraction(a4, [e4])]


def table_contents(path) -> dict[str, list[tuple]]:
    """Every table's rows in key order, minus the ingest timestamp."""
    import sqlite3

    connection = sqlite3.connect(path)
    tables = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    dump = {}
    for table in tables:
        columns = [c[1] for c in connection.execute(f"PRAGMA table_info({table})") if c[1] != "added_at"]
        quoted = ",".join(f'"{c}"' for c in columns)
        dump[table] = connection.execute(f"SELECT {quoted} FROM {table} ORDER BY 1").fetchall()
    connection.close()
    return dump


CITIES = ["Lagos", "Nairobi", "Karachi", "Manila", "Bogota", "Dhaka", "Caracas", "Khartoum"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    ("{n} protesters arrested in {city}",
     "Police arrested {n} protesters in {city} on {day} after a march against rising bread prices turned violent.\n\n"
     "The demonstrators had blocked the main road to the governor's office for several hours, witnesses said."),
    ("Gunmen kill {n} villagers near {city}",
     "Gunmen killed {n} villagers in an attack near {city} on {day}, a local official said.\n\n"
     "Residents said the attackers arrived on motorcycles and set several houses on fire before fleeing."),
    ("Teachers strike in {city}",
     "Thousands of teachers marched through {city} on {day} to demand unpaid salaries.\n\n"
     "The education minister said the government would meet union leaders next week."),
]


def write_corpus(path, *, articles: int = 40) -> int:
    """A JSONL corpus of short, varied news articles, with one repeated line, one revised page and one bad line."""
    import json

    lines = []
    for i in range(articles):
        title, text = TEMPLATES[i % len(TEMPLATES)]
        values = {"n": 3 + i, "city": CITIES[i % len(CITIES)], "day": WEEKDAYS[i % len(WEEKDAYS)]}
        record = {"id": f"r{i}", "title": title.format(**values), "text": text.format(**values),
                  "date": f"2024-04-{1 + i % 28:02d}", "url": f"https://news.example.org/story/{i}"}  # fmt: skip
        lines.append(json.dumps(record))
    lines.insert(articles // 2, lines[3])  # the same story again
    revised = json.loads(lines[4])
    revised["text"] = revised["text"].replace("a local official said", "police confirmed on Saturday")
    lines.append(json.dumps(revised))  # the same URL, re-fetched after an edit
    lines.insert(7, '{"id": "broken", "text": "unterminated')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)
