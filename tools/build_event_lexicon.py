"""Derive the event coder's verb lexicon from the shared PETRARCH2 / PLOVER dictionaries.

Reads ``../shared/dictionaries/petrarch2-phoenix/CAMEO.2.0.txt`` (verb blocks and
patterns) and ``../shared/dictionaries/plover/CAMEO2PLOVER-2021.txt`` (CAMEO ->
PLOVER crosswalk) and writes, under ``src/newsevents/data/events/``:

- ``verbs.tsv``: ``lemma  block  cameo`` (one line per verb form; multiword verbs space-joined)
- ``patterns.tsv``: ``block  cameo  pre  post  verb`` (slots space-separated, alternatives ``|``-joined;
  synonym sets expanded; ``pre`` = words before the verb, ``post`` = words after it; ``verb`` = the
  block verb the pattern was written for, from its comment, when it names one)
- ``cameo_plover.tsv``: ``cameo  plover  mode  description``

Usage: ``python tools/build_event_lexicon.py [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "newsevents" / "data" / "events"
# Pattern marks that carry no word: source/target/actor placeholders of PETRARCH.
MARKS = {"$", "+", "%", "^", "*"}
CODE = re.compile(r"\[([0-9:\-]*)\]")
# CAMEO 02 (APPEAL) and 10 (DEMAND) differ only in force; PLOVER folds both into REQUEST,
# so 02x takes the mode of the matching 10x code.
APPEAL_FROM_DEMAND = "10"
# Where the PLOVER manual contradicts CAMEO2PLOVER-2021, the manual wins: removing curfews and states of
# emergency is CONCEDE ("removing curfews" is a verbal concession), resignations are RETREAT 'resign',
# international sanctions and embargoes are SANCTION 'discontinue'.
MANUAL = {
    "0813": ("CONCEDE", ""),
    "0814": ("CONCEDE", ""),
    "0831": ("RETREAT", "resign"),
    "163": ("SANCTION", "discontinue"),
}


def _code(raw: str) -> str:
    """``[042:043]`` -> ``042`` (source-side code), ``[---]`` -> ``''``."""
    first, _, second = raw.partition(":")
    code = first if first.strip("-") else second
    return code if code.strip("-").isdigit() else ""


def _word(token: str) -> str:
    return token.strip("_{}()").replace("_", " ").lower()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line.startswith("&"):
            name = line.rstrip("_")
            synsets[name] = []
        elif line.startswith("+") and name:
            # Multiword members are matched on their last word (the head noun).
            synsets[name].append(_word(line[1:]).split()[-1])
        elif not line:
            name = None
    return synsets


def _slot(token: str, synsets: dict[str, list[str]]) -> str | None:
    token = token.strip("{}()")
    if not token or token in MARKS:
        return None
    if token.startswith("&"):
        members = synsets.get(token.rstrip("_"))
        return "|".join(sorted(set(members))) if members else None
    word = _word(token)
    return word.split()[-1] if word else None


def read_blocks(lines: list[str], synsets: dict[str, list[str]]):
    verbs: list[tuple[str, str, str]] = []
    patterns: list[tuple[str, str, str, str, str]] = []
    block, block_code = "", ""
    forms: dict[str, str] = {}  # inflected form -> lemma, within the current block
    for raw in lines:
        if raw.startswith("####### TRANSFORMATIONS") or raw.startswith("######## TRANSFORMATIONS"):
            break
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        if line.startswith("---"):
            parts = line.strip("- ").split()
            block = parts[0].lower()
            forms = {}
            found = CODE.search(line)
            block_code = _code(found.group(1)) if found else ""
            continue
        found = CODE.search(line)
        code = _code(found.group(1)) if found else ""
        body = CODE.sub(" ", line)
        if line.startswith("-"):
            if not code or "*" not in body:
                continue
            before, _, after = body[1:].partition("*")
            if any(t.strip("{}()").startswith("&") and _slot(t, synsets) is None for t in body[1:].split()):
                continue  # a synset the dictionary never defines: "(IN &DEMONSTRATION)" would become "in" anything
            pre = [s for s in (_slot(t, synsets) for t in before.split()) if s]
            post = [s for s in (_slot(t, synsets) for t in after.split()) if s]
            # the comment names the verb the pattern was written for ("# RUSH")
            origin = _word(comment.split()[0]) if comment.split() else ""
            if pre or post:
                patterns.append((block, code, " ".join(pre), " ".join(post), forms.get(origin, "")))
            continue
        if line[0].isspace() or not block:
            continue
        head = body.split("{", 1)[0].split()
        if not head:
            continue
        lemma = _word(head[0].lstrip("+"))
        inflected = body.split("{", 1)[1].split("}", 1)[0].split() if "{" in body else []
        for form in (lemma, *(_word(f.lstrip("+")) for f in inflected)):
            forms[form] = lemma
        if lemma:
            verbs.append((lemma, block, code or block_code))
    return verbs, patterns


def read_crosswalk(path: Path) -> list[tuple[str, str, str, str]]:
    rows: dict[str, tuple[str, str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,]*),([^#]*)#\s*(.*)$", line)
        if not match:
            continue
        cameo, plover, mode, _context, description = match.groups()
        mode = mode.strip()
        if plover == "ACCUSE" and cameo.startswith("09"):
            mode = mode or "investigate"
        plover, mode = MANUAL.get(cameo, (plover, mode))
        rows.setdefault(cameo, (cameo, plover, mode, description.strip()))
    for cameo, (_, plover, mode, description) in list(rows.items()):
        if cameo.startswith(APPEAL_FROM_DEMAND):
            appeal = "02" + cameo[2:]
            rows.setdefault(appeal, (appeal, plover, mode, "Appeal: " + description))
    return [rows[k] for k in sorted(rows)]


def _last_wins(patterns: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Keep one code per identical pattern: the later line, as PETRARCH2's pattern trie does."""
    chosen = {(block, pre, post, verb): (block, code, pre, post, verb) for block, code, pre, post, verb in patterns}
    return list(chosen.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    dictionaries = args.shared / "dictionaries"
    lines = (dictionaries / "petrarch2-phoenix" / "CAMEO.2.0.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    synsets = read_synsets(lines[:start])
    verbs, patterns = read_blocks(lines[start + 1 :], synsets)
    crosswalk = read_crosswalk(dictionaries / "plover" / "CAMEO2PLOVER-2021.txt")
    OUT.mkdir(parents=True, exist_ok=True)
    header = "# derived by tools/build_event_lexicon.py; see PROVENANCE.md\n"
    tables = {
        "verbs.tsv": ("lemma\tblock\tcameo", sorted(set(verbs))),
        "patterns.tsv": ("block\tcameo\tpre\tpost\tverb", _last_wins(patterns)),
        "cameo_plover.tsv": ("cameo\tplover\tmode\tdescription", crosswalk),
    }
    for name, (columns, rows) in tables.items():
        text = header + columns + "\n" + "".join("\t".join(row) + "\n" for row in rows)
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
