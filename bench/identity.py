"""Score who is who after ingesting real news into one empty dossier: per story and across stories.

Run:
  .venv/bin/python -m bench.identity slavicner PATH [--topics brexit,covid-19,ryanair,asia_bibi]
                                                    [--langs ru,uk] [--limit N] [--show] [--keep DIR]
  .venv/bin/python -m bench.identity conll PATH/eng.testa [--limit N] [--show] [--keep DIR]

PATH is a copy of SlavicNER (github.com/SlavicNLP/SlavicNER: raw/TOPIC/LANG/*.txt and
ner/TOPIC/LANG/*.tsv) or CoNLL-2003's development part. Neither is part of the project:
give your own copy. The SlavicNER devset is the four default topics; us_election_2020,
nord_stream and russia_-_ukraine_war are held out for checking, as is CoNLL's eng.testb.

The stories are copied into the inbox of an empty site and ingested by one real
`build.py ingest --json` process (the wall time is that process's). Gold persons:
SlavicNER's PER mentions with a PER- id (the id is the person); CoNLL's PER spans: a span of
several words is a person; a lone word is the first such person of the story whose name
ends in it, else the one whose name starts with it (a given name, or a family name written
first), else a person of its own; a span of several words that ends a longer one of the
story is that person ("Suu Kyi" in "Aung San Suu Kyi"). The reporter named alone under the
headline or signing the story off ("-- Jane Doe, London Newsroom") is the story's byline: found
when the article's byline holds the name (ingest never makes a credit an actor), else sought
among the actors like any other person.
Across stories a CoNLL person is its full name; a lone surname takes the one full name
of the devset that ends in it, and is left out of the cross-story score when several do.
SlavicNER's ner files are read for scoring only, never shown to ingest; six of its ids
are read as the person they name (GOLD_SAME), and two of its lemmas filed under another
person's id as their own (GOLD_SLIPS).

Per story, each person actor ingest lists is linked to the gold persons its profile's
names (name, names, aliases, as written at the end of the run) overlap where they occur
in the story's text; when none occurs, where their last word does (declined: up to three
letters more, a final vowel free); when that occurs nowhere either, to the gold persons
one of whose mentions or lemmas is one of the names (case-folded). Actors and gold persons are paired one to one, most overlaps first: a pair is a
true positive, an unpaired actor a false positive, an unpaired gold person a miss (P, R
and F1 micro-averaged per language). Across stories, every actor linked to a gold
person is one item (story, profile, person) and B-cubed precision and recall are taken
over those items: a profile holding several people costs precision, a person spread
over several profiles (in one story or many) costs recall.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.actors_en import SPORTS

ROOT = Path(__file__).resolve().parents[1]
DEVSET_TOPICS = ("brexit", "covid-19", "ryanair", "asia_bibi")
# SlavicNER's own slips, read off its mentions: one person under two ids (Ember Rad is
# Amber Rudd in Ukrainian, Denys Shmyhal is Denis Shmygal), or a mention of Mikhail
# Murashko and of Esther McVey filed under another person's id.
GOLD_SAME = {
    "PER-Ember-Rad": "PER-Amber-Rudd", "PER-Stefan-Bansel": "PER-Stephan-Bancel",
    "PER-Denys-Shmyhal": "PER-Denis-Shmygal", "PER-Recep-Erdogan": "PER-Recep-Tayyip-Erdoğan",
    "PER-Михаил-Виноградов": "PER-Mikhail-Murashko", "PER-Emanuelе-Ferarrio": "PER-Ester-Makvi",
}
# Mentions filed under another person's id, read off their lemma: "Т.Мей" under Donald
# Trump's in two Ukrainian stories, Gernot Blümel under "Georgios" in one.
GOLD_SLIPS = {("Т.Мей", "PER-Donald-Trump"): "PER-Theresa-May", ("Гернот Блюмель", "PER-Georgios"): "PER-Gernot-Blumel"}
VOWELS = frozenset("аеёиоуыэюяіїєaeiouy")


@dataclass(frozen=True)
class Mention:
    """One gold mention of a person: where it stands in the story and who it is."""

    start: int
    end: int
    names: tuple[str, ...]  # as written, and its lemma when the gold gives one
    person: str  # who, within the story
    identity: str = ""  # who, across stories; '' when the gold cannot say
    byline: bool = False  # the reporter, named under the headline or signing off


@dataclass
class Story:
    """One story as ingest reads it, with its gold mentions."""

    name: str  # its file name in the inbox
    lang: str
    text: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class Actor:
    """A person actor ingest gave one story: its profile's slug and every name the profile holds."""

    slug: str
    names: tuple[str, ...]


@dataclass
class StoryScore:
    """One story's verdict: pairs found, actors unpaired, gold persons missed, links for B-cubed."""

    pairs: dict[str, str] = field(default_factory=dict)  # slug -> gold person
    wrong: list[str] = field(default_factory=list)  # slugs linked to no gold person
    missed: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # slug -> the gold person it overlaps most


def fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def votes(story: Story, actors: list[Actor]) -> Counter[tuple[str, str]]:
    """Count, per (slug, gold person), the occurrences of the profile's names on the person's mentions."""
    counts: Counter[tuple[str, str]] = Counter()
    for actor in actors:
        names = {n for n in actor.names if n.strip()}
        # A name glued across a line or a paragraph break still stands where its words do.
        found = overlaps(story, actor.slug, [r"\W+".join(map(re.escape, n.split())) for n in names], counts)
        if not found:
            # The story names the profile by its surname alone ("Clinton" for "Bill Clinton"),
            # perhaps declined ("Джонсона", "Захаровой"): the last word, a final vowel free.
            last = {n.split()[-1] for n in names}
            stems = {re.escape(w[:-1] if len(w) > 4 and w[-1].lower() in VOWELS else w) for w in last}
            found = overlaps(story, actor.slug, [rf"{stem}\w{{0,3}}" for stem in stems], counts)
        if not found:
            # The profile's names stand nowhere in the text (a normalised form): compare spellings.
            folded = {fold(n) for n in names}
            for m in story.mentions:
                if folded & {fold(n) for n in m.names}:
                    counts[actor.slug, m.person] += 1
    return counts


def overlaps(story: Story, slug: str, patterns: list[str], counts: Counter[tuple[str, str]]) -> bool:
    """Count the gold mentions each match of the patterns overlaps; return whether any matched."""
    found = False
    for pattern in patterns:
        for match in re.finditer(rf"(?<!\w){pattern}(?!\w)", story.text, re.I):
            found = True
            for m in story.mentions:
                if m.start < match.end() and match.start() < m.end:
                    counts[slug, m.person] += 1
    return found


def score_story(story: Story, actors: list[Actor]) -> StoryScore:
    """Pair the story's actors with its gold persons, most overlaps first."""
    counts = votes(story, actors)
    result = StoryScore()
    taken: set[str] = set()
    for (slug, person), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        result.links.setdefault(slug, person)
        if slug not in result.pairs and person not in taken:
            result.pairs[slug] = person
            taken.add(person)
    result.wrong = sorted(a.slug for a in actors if a.slug not in result.pairs)
    result.missed = sorted({m.person for m in story.mentions} - taken)
    return result


def prf(tp: int, n_ours: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_ours if n_ours else 1.0
    recall = tp / n_gold if n_gold else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(items: list[tuple[str, str]]) -> tuple[float, float]:
    """Return B-cubed precision and recall of (cluster, identity) items."""
    if not items:
        return 1.0, 1.0
    pair = Counter(items)
    cluster = Counter(c for c, _ in items)
    identity = Counter(i for _, i in items)
    precision = sum(pair[c, i] / cluster[c] for c, i in items) / len(items)
    recall = sum(pair[c, i] / identity[i] for c, i in items) / len(items)
    return precision, recall


def merged(items: list[tuple[str, str]]) -> dict[str, Counter[str]]:
    """Return the clusters holding several identities, with each identity's item count."""
    held: dict[str, Counter[str]] = defaultdict(Counter)
    for cluster, identity in items:
        held[cluster][identity] += 1
    return {c: ids for c, ids in sorted(held.items()) if len(ids) > 1}


def split(items: list[tuple[str, str]]) -> dict[str, Counter[str]]:
    """Return the identities spread over several clusters, with each cluster's item count."""
    return merged([(i, c) for c, i in items])


def cross_story_items(stories: list[Story], scores: list[StoryScore]) -> list[tuple[str, str]]:
    """Return the (profile, identity) items: one per actor of a story linked to a known identity."""
    items = []
    for story, result in zip(stories, scores):
        identities = {m.person: m.identity for m in story.mentions}
        items += [(slug, identities[p]) for slug, p in result.links.items() if identities[p]]
    return items


def read_slavicner(root: Path, topics: list[str], langs: list[str]) -> list[Story]:
    """Return the stories of the given topics and languages with their gold persons."""
    stories = []
    for topic in topics:
        for lang in langs:
            for raw in sorted((root / "raw" / topic / lang).glob("*.txt")):
                story = Story(raw.name, lang, raw.read_text(encoding="utf-8"))
                for line in (root / "ner" / topic / lang / f"{raw.stem}.tsv").read_text(encoding="utf-8").splitlines():
                    start, end, surface, lemma, kind, ident = line.split("\t")[:6]
                    if kind == "PER" and ident.startswith("PER-"):
                        ident = GOLD_SLIPS.get((lemma, ident), GOLD_SAME.get(ident, ident))
                        story.mentions.append(Mention(int(start), int(end), (surface, lemma), ident, ident))
                stories.append(story)
    if not stories:
        raise SystemExit(f"no SlavicNER stories under {root}: give the folder holding raw/ and ner/")
    return stories


def join_tokens(tokens: list[str]) -> tuple[str, list[int]]:
    """Join CoNLL tokens back into text as a wire writes it; return it and each token's offset."""
    text, starts, glue_next, quoted = "", [], True, False
    for token in tokens:
        closing = token == '"' and quoted
        glue = glue_next or closing or token in {",", ".", ";", ":", "!", "?", ")", "]", "n't"} \
            or token.lower() in {"'s", "'", "'re", "'ve", "'ll", "'d", "'m"}
        text += "" if glue else " "
        starts.append(len(text))
        text += token
        glue_next = token in {"(", "[", "$"} or (token == '"' and not quoted)
        quoted = not quoted if token == '"' else quoted
    return text, starts


def read_conll(path: Path) -> list[Story]:
    """Return the non-sports stories of a CoNLL-2003 file: headline, one paragraph a sentence, gold persons."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("-DOCSTART-"):
            documents.append([])
        elif line.strip():
            parts = line.split()
            sentence.append((parts[0], parts[-1]))
        elif sentence:
            documents[-1].append(sentence)
            sentence = []
    stories = []
    for number, sentences in enumerate(documents, 1):
        story = Story(f"conll-{number:03d}.txt", "en", "")
        spans = []
        for number_in_story, sent in enumerate(sentences):
            text, starts = join_tokens([w for w, _ in sent])
            base = len(story.text) + (2 if story.text else 0)
            story.text += ("\n\n" if story.text else "") + text
            # The reporter's name under the headline or signing off: found in the byline.
            credit = number_in_story in (1, 2) and all(tag.endswith("PER") for _, tag in sent) \
                or number_in_story == len(sentences) - 1 and text.startswith("--")
            span: list[int] = []
            for index, (_, tag) in enumerate([*sent, ("", "O")]):
                if span and (not tag.endswith("PER") or tag.startswith("B-")):
                    words = [sent[i][0] for i in span]
                    spans.append((base + starts[span[0]], base + starts[span[-1]] + len(words[-1]), words, credit))
                    span = []
                if tag.endswith("PER"):
                    span.append(index)
        if sentences and not SPORTS.match(story.text.split("\n\n")[0]):
            # A full name is a person of its own; a lone word joins the first full name ending in
            # it, else the one full name it starts ("Nicole" after "Nicole Nichterwitz", "Chen"
            # after "Chen Chun-yeh", family name first).
            full = [w for _, _, w, _ in spans if len(w) > 1]
            starting = Counter(" ".join(w).lower() for w in full)
            owner = {w[0].lower(): w for w in full
                     if sum(n.split()[0] == w[0].lower() for n in starting) == 1}
            owner |= {w[-1].lower(): w for w in reversed(full)}
            # A full name that ends a longer one is that person ("Suu Kyi", "Aung San Suu Kyi").
            owner |= {" ".join(w[-n:]).lower(): w for w in reversed(full) for n in range(2, len(w))}
            story.mentions = [Mention(s, e, (" ".join(w),), " ".join(owner.get(" ".join(w).lower(), w)), byline=c)
                              for s, e, w, c in spans]
            stories.append(story)
    full = Counter(fold(m.person) for s in stories for m in s.mentions if " " in m.person)
    for story in stories:
        story.mentions = [Mention(m.start, m.end, m.names, m.person, conll_identity(m.person, full), m.byline)
                          for m in story.mentions]
    return stories


def conll_identity(person: str, full_names: Counter[str]) -> str:
    """Return who a CoNLL person is across stories: its full name, or the one full name ending in it."""
    if " " in person:
        return fold(person)
    surname = fold(person)
    endings = [n for n in full_names if n.endswith(" " + surname)]
    return endings[0] if len(endings) == 1 else "" if endings else surname


def ingest(stories: list[Story], site: Path) -> tuple[float, dict[str, list[Actor]], list[str]]:
    """Ingest the stories into an empty site; return the wall time, each story's person actors, errors."""
    inbox = site / "inbox"
    inbox.mkdir(parents=True)
    for story in stories:
        (inbox / story.name).write_text(story.text, encoding="utf-8")
    started = time.perf_counter()
    process = subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", "--root", str(site), "--json"],
                             capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    (site / "ingest.jsonl").write_text(process.stdout, encoding="utf-8")  # what --keep leaves to study
    errors = [line for line in process.stderr.splitlines() if line.startswith("error")]
    records = [json.loads(line) for line in process.stdout.splitlines() if line.startswith("{")]
    actors: dict[str, list[Actor]] = {}
    for record in records:
        # A profile two of the story's names lead to is one actor of the article, as in its front matter.
        slugs = {a["slug"]: a["name"] for a in record.get("actors", []) if a["kind"] == "person"}
        actors[Path(record["input"]).name] = [Actor(slug, profile_names(site, slug) or (name,))
                                              for slug, name in slugs.items()]
    return seconds, actors, errors


def profile_names(site: Path, slug: str) -> tuple[str, ...]:
    """Return every name the profile holds after the run: name, names in each language, aliases."""
    path = site / "content" / "actors" / f"{slug}.md"
    if not path.is_file():
        return ()
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) or {}
    names = [meta.get("name", ""), *(meta.get("names") or {}).values(), *(meta.get("aliases") or [])]
    return tuple(dict.fromkeys(str(n) for n in names if n))


def read_bylines(site: Path) -> dict[str, str]:
    """Return each ingested story's byline, by its file name, from the run's ingest.jsonl."""
    records = [json.loads(line) for line in (site / "ingest.jsonl").read_text(encoding="utf-8").splitlines()
               if line.startswith("{")]
    return {Path(r["input"]).name: str((r.get("front_matter") or {}).get("byline") or "") for r in records}


def credited(story: Story, byline: str) -> set[str]:
    """Return the story's reporters (gold byline mentions) whose names the article's byline holds."""
    return {m.person for m in story.mentions if m.byline and fold(" ".join(m.names)) in fold(byline)}


def report(stories: list[Story], actors: dict[str, list[Actor]], bylines: dict[str, str], show: bool) -> None:
    """Print per-language P/R/F1, B-cubed across stories, and the merged and split people."""
    # A reporter ingest put in the byline is found where a reader looks for them, not among the actors.
    reporters = [credited(s, bylines.get(s.name, "")) for s in stories]
    stories = [Story(s.name, s.lang, s.text, [m for m in s.mentions if m.person not in r])
               for s, r in zip(stories, reporters)]
    scores = [score_story(s, actors.get(s.name, [])) for s in stories]
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for story, result, found in zip(stories, scores, reporters):
        people = {m.person for m in story.mentions}
        tally[story.lang].update(tp=len(result.pairs) + len(found), ours=len(actors.get(story.name, [])) + len(found),
                                 gold=len(people) + len(found))
        if show and (result.wrong or result.missed):
            names = {a.slug: a.names[0] for a in actors.get(story.name, [])}
            print(f"{story.name}: extra {[f'{s} ({names[s]})' for s in result.wrong]} missed {result.missed}")
    for lang, t in sorted(tally.items()):
        p, r, f = prf(t["tp"], t["ours"], t["gold"])
        print(f"{lang}: {sum(s.lang == lang for s in stories)} stories, person P {p:.3f}  R {r:.3f}  F1 {f:.3f}"
              f"  ({t['tp']} right, {t['ours']} ours, {t['gold']} gold)")
    items = cross_story_items(stories, scores)
    precision, recall = bcubed(items)
    held, spread = merged(items), split(items)
    print(f"across stories: {len(items)} (story, profile, person) links, {len({i for _, i in items})} people, "
          f"B-cubed P {precision:.3f}  R {recall:.3f}")
    print(f"{len(held)} profiles hold several people:")
    for slug, people in held.items():
        print(f"  {slug}: " + ", ".join(f"{p} ({n})" for p, n in people.most_common()))
    print(f"{len(spread)} people are spread over several profiles:")
    for person, slugs in spread.items():
        print(f"  {person}: " + ", ".join(f"{s} ({n})" for s, n in slugs.most_common()))


def main() -> int:
    """Ingest the chosen stories into an empty site and print how well who is who comes out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=("slavicner", "conll"))
    parser.add_argument("path", type=Path, help="SlavicNER's folder (raw/, ner/) or CoNLL-2003 eng.testa")
    parser.add_argument("--topics", default=",".join(DEVSET_TOPICS), help="SlavicNER topics (the devset's four)")
    parser.add_argument("--langs", default="ru,uk", help="SlavicNER languages")
    parser.add_argument("--limit", type=int, help="ingest only the first N stories")
    parser.add_argument("--show", action="store_true", help="list each story's wrong and missed people")
    parser.add_argument("--keep", type=Path, help="ingest into this (new) folder and keep it, with ingest.jsonl")
    args = parser.parse_args()
    if not args.path.exists():
        raise SystemExit(f"no {args.corpus} data at {args.path}: give its path")
    if args.corpus == "slavicner":
        stories = read_slavicner(args.path, args.topics.split(","), args.langs.split(","))
    else:
        stories = read_conll(args.path)
    stories = stories[:args.limit]
    work = Path(tempfile.mkdtemp(prefix="dossier-identity-"))
    site = args.keep or work / "site"
    try:
        seconds, actors, errors = ingest(stories, site)
        bylines = read_bylines(site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"ingest of {len(stories)} stories into an empty dossier: {seconds:.1f} s wall, "
          f"{len(actors)} reported, {len(errors)} errors")
    for error in errors[:10]:
        print(f"  {error}")
    report(stories, actors, bylines, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
