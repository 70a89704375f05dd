"""Deterministic synthetic corpus: articles and profiles in the dossier content format."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

N_ACTORS = 300
N_TOPICS = 60
N_SOURCES = 20
N_PLACES = 40
ACTORS_PER_ARTICLE = (2, 8)
TOPICS_PER_ARTICLE = (1, 4)
BODY_WORDS = (400, 700)
FIRST_DAY = dt.datetime(2022, 1, 1, 6, 0)
SPAN_DAYS = 3 * 365
OFFSETS = (0, 1, 2, 3, -5)

# Body text is lorem ipsum: plainly synthetic, and Latin words cannot collide with
# the names of real people the way generated syllables sometimes do.
LOREM = tuple("""
lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt
ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco
laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate
velit esse cillum eu fugiat nulla pariatur excepteur sint occaecat cupidatat non proident
sunt culpa qui officia deserunt mollit anim id est laborum at vero eos accusamus iusto
odio dignissimos ducimus blanditiis praesentium voluptatum deleniti atque corrupti quos
dolores quas molestias excepturi obcaecati cupiditate provident similique mollitia animi
dolorum fuga harum quidem rerum facilis expedita distinctio nam libero tempore soluta
nobis eligendi optio cumque nihil impedit quo minus maxime placeat facere possimus omnis
voluptas assumenda repellendus temporibus autem quibusdam officiis debitis aut necessitatibus
saepe eveniet voluptates repudiandae recusandae itaque earum hic tenetur sapiente delectus
reiciendis voluptatibus maiores alias consequatur perferendis doloribus asperiores repellat
""".split())

# Every name syllable is onset + vowel + coda from these tables, so names come out
# like "Zarvin Thelkrax": unpronounceable enough that no real politician is spelled.
ONSETS = ("z", "q", "v", "x", "th", "kr", "dr", "zh", "vr", "gl", "sk", "tz")
VOWELS = ("a", "e", "i", "o", "u", "y")
CODAS = ("r", "n", "l", "x", "s", "nd", "th", "rk")
SOURCE_KINDS = ("Wire", "Courier", "Herald", "Dispatch", "Gazette", "Monitor", "Bulletin")


@dataclass(frozen=True)
class Profile:
    slug: str
    name: str
    description: str
    text: str


@dataclass(frozen=True)
class Article:
    index: int
    slug: str
    title: str
    date: dt.datetime
    source: str
    place: str
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    summary: str
    body: str

    @property
    def iso_date(self) -> str:
        """Return the date as ISO 8601 with its UTC offset (2024-03-05T10:00:00+03:00)."""
        return self.date.isoformat()


@dataclass(frozen=True)
class Corpus:
    seed: int
    actors: tuple[Profile, ...]
    topics: tuple[Profile, ...]
    sources: tuple[Profile, ...]
    places: tuple[str, ...]
    articles: tuple[Article, ...]


def slugify(text: str) -> str:
    """Return the ASCII slug of a generated name or title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def generate(n: int, seed: int = 7) -> Corpus:
    """Return a corpus of n articles with its 300 actors, 60 topics and 20 sources."""
    rng = random.Random(f"{seed}:profiles")
    actor_names = unique(lambda: f"{invented_word(rng, 2)} {invented_word(rng, 2)}", N_ACTORS)
    topic_names = unique(lambda: " ".join(w.capitalize() for w in rng.sample(LOREM, 2)), N_TOPICS)
    source_names = unique(lambda: f"{invented_word(rng, 2)} {rng.choice(SOURCE_KINDS)}", N_SOURCES)
    places = tuple(unique(lambda: invented_word(rng, 3), N_PLACES))
    actors = tuple(_profile(rng, name, "Synthetic actor") for name in actor_names)
    topics = tuple(_profile(rng, name, "Synthetic topic") for name in topic_names)
    sources = tuple(_profile(rng, name, "Synthetic news source") for name in source_names)
    corpus = Corpus(seed, actors, topics, sources, places, ())
    return replace(corpus, articles=tuple(make_article(corpus, i) for i in range(n)))


def make_article(corpus: Corpus, index: int) -> Article:
    """Return article number index, the same whatever the corpus size."""
    # One generator per article: article i never depends on N, so the corpus of N is a
    # prefix of the corpus of N+1 and "one article added" is simply article N.
    rng = random.Random(f"{corpus.seed}:article:{index}")
    title_words = _words(rng, rng.randint(6, 10))
    title = title_words[0].capitalize() + " " + " ".join(title_words[1:])
    moment = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS), minutes=15 * rng.randrange(60))
    zone = dt.timezone(dt.timedelta(hours=rng.choice(OFFSETS)))
    actors = rng.sample(corpus.actors, rng.randint(*ACTORS_PER_ARTICLE))
    topics = rng.sample(corpus.topics, rng.randint(*TOPICS_PER_ARTICLE))
    return Article(
        index=index,
        slug=f"{'-'.join(title_words[:6])}-{index}",
        title=title,
        date=moment.replace(tzinfo=zone),
        source=rng.choice(corpus.sources).slug,
        place=rng.choice(corpus.places),
        actors=tuple(a.slug for a in actors),
        topics=tuple(t.slug for t in topics),
        summary=_sentence(rng, 14, 24),
        body=_body(rng, [a.name for a in actors]),
    )


def edit_article(article: Article) -> Article:
    """Return the article with one paragraph appended, as an editor's correction would."""
    rng = random.Random(f"edit:{article.slug}")
    note = "Update: " + " ".join(_sentence(rng, 10, 18) for _ in range(3))
    return replace(article, body=article.body + "\n" + note + "\n")


def article_path(article: Article) -> Path:
    """Return where the article lives under content/ (articles/<YYYY>/<slug>.md)."""
    return Path("articles") / f"{article.date.year:04d}" / f"{article.slug}.md"


def front_matter(article: Article, extra: str = "") -> str:
    """Return the article's YAML front matter lines, extra appended before the end."""
    # Written by hand rather than yaml.safe_dump: every value is plain words, and
    # dumping 10,000 dicts would dominate the generation time.
    return (
        f"title: {article.title}\n"
        f"date: {article.iso_date}\n"
        f"slug: {article.slug}\n"
        f"source: {article.source}\n"
        f"place: {article.place}\n"
        f"actors: [{', '.join(article.actors)}]\n"
        f"topics: [{', '.join(article.topics)}]\n"
        f"summary: {article.summary}\n"
        + extra
    )


def dossier_article(article: Article) -> str:
    """Return the article as a dossier content file."""
    return f"---\n{front_matter(article)}---\n{article.body}"


def dossier_profile(profile: Profile, kind: str = "") -> str:
    """Return a profile as a dossier content file."""
    kind_line = f"kind: {kind}\n" if kind else ""
    return f"---\nname: {profile.name}\n{kind_line}description: {profile.description}\n---\n{profile.text}"


def write_dossier(corpus: Corpus, root: Path) -> None:
    """Write the corpus as a dossier site (site.yml and content/) under root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yml").write_text(
        "title: Synthetic benchmark dossier\nlanguage: en\nbase_url: http://127.0.0.1/\n",
        encoding="utf-8")
    content = root / "content"
    for section, profiles, kind in (("actors", corpus.actors, "person"),
                                    ("topics", corpus.topics, ""),
                                    ("sources", corpus.sources, "")):
        _write_all(content / section, ((f"{p.slug}.md", dossier_profile(p, kind)) for p in profiles))
    for article in corpus.articles:
        write_file(content / article_path(article), dossier_article(article))


def write_file(path: Path, text: str) -> None:
    """Write text as UTF-8, creating the parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_all(folder: Path, files) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")


def unique(make, count: int) -> list[str]:
    """Return count names from make(), no two with the same slug."""
    seen: dict[str, None] = {}
    # Keyed on the slug: two names that differ only in case would share a URL.
    slugs: set[str] = set()
    while len(seen) < count:
        name = make()
        if slugify(name) not in slugs:
            slugs.add(slugify(name))
            seen[name] = None
    return list(seen)


def invented_word(rng: random.Random, syllables: int) -> str:
    """Return a capitalised made-up word of the given number of syllables."""
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                   for _ in range(syllables)).capitalize()


def _profile(rng: random.Random, name: str, what: str) -> Profile:
    text = " ".join(_sentence(rng, 8, 16) for _ in range(rng.randint(2, 4)))
    return Profile(slug=slugify(name), name=name, description=f"{what} {name}. {_sentence(rng, 6, 10)}",
                   text=text + "\n")


def _words(rng: random.Random, count: int) -> list[str]:
    return rng.choices(LOREM, k=count)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = _words(rng, rng.randint(low, high))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _body(rng: random.Random, names: list[str]) -> str:
    # Stop short of the upper bound: the last blocks may add up to ~130 words.
    target = rng.randint(BODY_WORDS[0], BODY_WORDS[1] - 130)
    parts: list[str] = []
    words = 0
    while words < target:
        paragraph = " ".join(_sentence(rng, 8, 20) for _ in range(rng.randint(2, 5)))
        parts.append(paragraph)
        words += paragraph.count(" ") + 1
        block = rng.random()
        if block < 0.25:
            heading = _words(rng, rng.randint(2, 5))
            parts.append("## " + heading[0].capitalize() + " " + " ".join(heading[1:]))
            words += len(heading)
        elif block < 0.45:
            items = [_sentence(rng, 4, 10) for _ in range(rng.randint(2, 5))]
            parts.append("\n".join(f"- {item}" for item in items))
            words += sum(item.count(" ") + 1 for item in items)
        elif block < 0.6:
            quote = _sentence(rng, 10, 24)
            parts.append(f"> {quote}\n>\n> — {rng.choice(names)}")
            words += quote.count(" ") + 3
    return "\n\n".join(parts) + "\n"
