"""Score what dossier reads from real saved pages: title, byline, site name, refusals.

Run: .venv/bin/python bench/pages.py PATH [--show]
PATH is the `test/test-pages/` folder of a copy of Mozilla Readability
(github.com/mozilla/readability, Apache-2.0): one folder a page, each with `source.html`
and `expected-metadata.json` (title, byline, siteName, lang, readerable). The pages are
read from there and never copied into this repository.

Each page goes through `read_source`, what `build.py ingest` uses for a saved page.
The expected metadata is what Readability itself extracts, not a hand-made gold, so it
is compared by rules that say what "right" means for dossier:

- Pages: Readability's hand-written test cases (under 3,000 bytes, or lorem ipsum) are
  left out; the rest are real pages saved from sites, and those Readability marks
  `readerable` are articles. "Refused" counts articles dossier gives no story for.
- Title (every real page): text is compared NFKC-normalised, casefolded, with quotes,
  dashes and whitespace unified. Right when it equals the expected title or a headline
  the page declares for its article (JSON-LD `headline`, `og:title`), either of them
  whole or with a trail cut at a separator (` | `, ` - `, ` – `, ` — `, ` · `, `_`,
  ` :: `, `[...]`) that is shorter than what remains: the site's, section's or author's
  name, which dossier must remove. A title that is only the site's name is never right.
- Byline (real pages whose expected byline names people): the expected byline's names,
  with "By", "Par", "Written by", dates and parenthesised asides dropped, split at
  `,` `;` `&` `and` `et` `avec`, must be dossier's names exactly (casefolded, dots
  dropped). Separately counted on every real page: bylines dossier gives that are not
  people by rule (a month or weekday, digits, a staff, desk or team word, one word in a
  script with capitals: a user name).
- Body (articles): the paragraphs of 100 characters or more in Readability's own
  extraction (`expected.html`), normalised as titles are, found in dossier's text; a body
  counts when it holds 90% of them. This is agreement with another extractor, not a gold.
- Site name (real pages whose expected siteName is given): equal after dropping a
  leading "the", "www.", a trailing domain suffix and "Inc"/"Ltd", and spaces and
  punctuation; letter case counts, so a title-cased slug ("Nytimes") is wrong.

Where Readability's expected value is not the article's, read by hand, `FROM_PAGE` says
where on the page the right one is (no text of the pages is kept here).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import html as lxml_html  # noqa: E402

from bench.tally import Tally  # noqa: E402
from dossier.ingest.sources import SourceError, read_source  # noqa: E402

# Readability's expected title is its site's or section's name on these pages; the
# article's headline is where the XPath points.
FROM_PAGE = {
    "google-sre-book-1": {"title": "(//h2)[1]"},  # expected: the book's name
    "yahoo-2": {"title": "//title"},  # expected: the news site's name (its og:title)
    "seattletimes-1": {"byline": "//meta[@itemprop='author']/@content"},  # expected: a date
    "salon-1": {"byline": "//*[@class='byline']/a[@rel='author']"},  # expected: a related story's
    "v8-blog": {"title": "//title"},  # expected: the title cut at its colon
}
_SEPARATORS = re.compile(r"\s+[|\-–—·:»/]{1,2}\s+|_|\s*\[[^\]]*\]\s*$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-",
                         "—": "-", "\u00a0": " "})
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
           "saturday sunday").split()
_NOT_PEOPLE = re.compile(r"\b(?:staff|desk|team|editors?|editorial|newsroom|contributors?|developers|"
                         r"username|admin|follow|updated|published|posted|wire|news|agency)\b", re.I)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold()
    return " ".join(text.split()).strip(" .!?")


def trimmed(title: str, sites: set[str]) -> set[str]:
    """Return the title and every form of it with a trail cut at a separator: one shorter
    than the rest, of at most four words, or starting with the site's or author's name."""
    forms = {norm(title)}
    for start, end in (m.span() for m in _SEPARATORS.finditer(title)):
        head, tail = title[:start], title[end:]
        for cut, kept in ((tail, head), (head, tail)):
            if len(cut) < len(kept) or len(cut.split()) <= 4 or any(
                    site_key(cut).casefold().startswith(s) for s in sites if s):
                forms.add(norm(kept))
    return forms


def declared_titles(tree: lxml_html.HtmlElement) -> list[str]:
    found = [m.get("content", "") for m in tree.xpath("//meta[@property='og:title']")]
    for script in tree.xpath("//script[@type='application/ld+json']"):
        found += re.findall(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"', script.text or "")
    return [json.loads(f'"{t}"') if "\\" in t else t for t in found if t]


def hosts(tree: lxml_html.HtmlElement) -> list[str]:
    """Return the labels of the page's canonical host that may be its site's name."""
    url = " ".join(tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"))
    return [label for host in re.findall(r"//([\w.-]+)", url) for label in host.split(".")[:-1]
            if len(label) > 3 and label != "www"]


def site_key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name or "").strip()
    name = re.sub(r"^(?:the\s+|www\.)", "", name, flags=re.I)
    name = re.sub(r"\.(?:com|org|net|fr|cz|de|co\.uk)\b|\b(?:inc|ltd|llc)\b\.?", "", name, flags=re.I)
    return re.sub(r"[\W_]+", "", name)


def names(byline: str) -> set[str]:
    byline = re.sub(r"\([^)]*\)|\bedited by\b.*", " ", byline or "", flags=re.I | re.S)
    byline = re.sub(r"^\s*(?:written\s+)?(?:by|par)\b:?", " ", byline.strip(), flags=re.I)
    byline = re.sub(r"(?<=[^\W\d])(?=\d)", " ", byline)  # "Nolan22 Dec 2016"
    found = set()
    for part in re.split(r"[,;&]|\s(?:and|et|avec)\s", byline):
        words = []
        split = part.replace(".", " ").split()
        for index, word in enumerate(split):
            after = split[index + 1] if index + 1 < len(split) else "0"
            if re.search(r"\d", word) or (word.casefold() in _MONTHS and re.search(r"\d", after)):
                break  # a date follows the name ("Laura June Topolsky" is a name)
            words.append(word)
        if words:
            found.add(" ".join(words).casefold())
    return found


def not_a_person(byline: str) -> bool:
    """Return whether a byline dossier gives is, by rule, no person's name."""
    if not byline:
        return False
    if re.search(r"\d", byline) or _NOT_PEOPLE.search(byline):
        return True
    for name in re.split(r"[,;]", byline):
        words = name.split()
        if any(w.casefold().strip(".") in _MONTHS and (w is words[-1] or re.match(r"\d", after))
               for w, after in zip(words, [*words[1:], ""])):
            return True
        if len(words) == 1 and words[0][:1].isupper() != words[0][:1].islower():  # a cased script
            return True
    return False


def is_test_case(raw: bytes) -> bool:
    return len(raw) < 3000 or b"lorem ipsum" in raw.lower()


def score(pages: Iterable[Path]) -> dict[str, Tally]:
    tallies = {k: Tally() for k in ("title", "byline", "site", "refused", "not_person", "body", "paragraphs")}
    for folder in pages:
        raw = (folder / "source.html").read_bytes()
        expected = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        if is_test_case(raw):
            continue
        tree = lxml_html.document_fromstring(raw)
        fixes = {k: " ".join(tree.xpath(f"string({x})").split()) for k, x in FROM_PAGE.get(folder.name, {}).items()}
        try:
            story = read_source(raw, "source.html")
        except SourceError as exc:
            if expected.get("readerable"):
                tallies["refused"].add(False, f"{folder.name}: {exc}")
            continue
        if expected.get("readerable"):
            tallies["refused"].add(True, "")
            text = norm(" ".join([story.headline, story.standfirst, *story.paragraphs]))
            extracted = lxml_html.fromstring((folder / "expected.html").read_text(encoding="utf-8"))
            wanted = [p for p in (norm(e.text_content()) for e in extracted.iter("p")) if len(p) >= 100]
            found = [p for p in wanted if p in text]
            for paragraph in wanted:
                tallies["paragraphs"].add(paragraph in found, "")
            if wanted:
                tallies["body"].add(len(found) >= 0.9 * len(wanted),
                                    f"{folder.name}: {len(found)} of {len(wanted)} paragraphs")
        titles = [fixes["title"]] if "title" in fixes else [expected.get("title") or "", *declared_titles(tree)]
        sites = {norm(s) for s in (expected.get("siteName"), story.site) if s}
        known = {site_key(s).casefold() for s in (*sites, *names(expected.get("byline") or ""), *hosts(tree))}
        accepted = set().union(*(trimmed(t, known) for t in titles if t)) - sites
        tallies["title"].add(norm(story.headline) in accepted and norm(story.headline) not in sites,
                             f"{folder.name}: {story.headline!r} / expected {titles[0]!r}")
        gold = names(fixes.get("byline") or expected.get("byline") or "")
        if gold and not _NOT_PEOPLE.search(" ".join(gold)) and gold != names(expected.get("siteName") or ""):
            tallies["byline"].add(names(story.byline) == gold,
                                  f"{folder.name}: {story.byline!r} / expected {sorted(gold)}")
        tallies["not_person"].add(not not_a_person(story.byline),
                                  f"{folder.name}: {story.byline!r}")
        if expected.get("siteName"):
            tallies["site"].add(site_key(story.site) == site_key(expected["siteName"]),
                                f"{folder.name}: {story.site!r} / expected {expected['siteName']!r}")
    return tallies


def main() -> int:
    """Print the share of titles, bylines and site names right, and the articles refused."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="Readability's test/test-pages/ folder")
    parser.add_argument("--show", action="store_true", help="list every miss")
    args = parser.parse_args()
    folders = sorted(p for p in args.pages.iterdir() if (p / "source.html").is_file())
    if not folders:
        print(f"error: no page folders with source.html in {args.pages}", file=sys.stderr)
        return 1
    tallies = score(folders)
    real = sum(not is_test_case((p / "source.html").read_bytes()) for p in folders)
    print(f"{len(folders)} pages, {real} of them real pages saved from sites "
          f"({tallies['refused'].total} articles)")
    labels = {"title": "title right (site's name removed)", "byline": "byline right (of those naming people)",
              "site": "site name right (of those giving one)", "refused": "articles read (not refused)",
              "not_person": "bylines that are people or none",
              "body": "bodies with 90% of Readability's paragraphs", "paragraphs": "Readability's paragraphs found"}
    for key, label in labels.items():
        print(f"{label:40} {tallies[key]}")
        if args.show:
            for miss in filter(None, tallies[key].misses):
                print(f"    {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
