"""The benchmark corpus: deterministic, within its counts, valid front matter, no real names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bench.corpus import (N_ACTORS, N_SOURCES, N_TOPICS, article_path, dossier_article, edit_article,
                          generate, make_article, write_dossier)
from bench.peers import PEERS

N = 50
REQUIRED = {"title", "date", "slug", "source", "place", "actors", "topics", "summary"}
# Surnames that a careless generator (or a copied sample) could leak into the corpus.
REAL_SURNAMES = ("putin", "biden", "trump", "macron", "merkel", "scholz", "zelensky", "lavrov",
                 "orban", "erdogan", "xi", "modi", "sunak", "starmer", "meloni", "obama",
                 "netanyahu", "peskov", "shoigu", "lula", "johnson", "tusk")


@pytest.fixture(scope="module")
def corpus():
    return generate(N, seed=3)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_same_seed_writes_same_bytes(tmp_path: Path) -> None:
    write_dossier(generate(N, seed=3), tmp_path / "a")
    write_dossier(generate(N, seed=3), tmp_path / "b")
    write_dossier(generate(N, seed=4), tmp_path / "c")
    first = _files(tmp_path / "a")
    assert len([name for name in first if name.startswith("content/articles/")]) == N
    assert first == _files(tmp_path / "b")
    assert first != _files(tmp_path / "c")


def test_article_does_not_depend_on_corpus_size(corpus) -> None:
    bigger = generate(N + 1, seed=3)
    assert bigger.articles[:N] == corpus.articles
    assert make_article(corpus, N) == bigger.articles[N]


def test_counts(corpus) -> None:
    assert (len(corpus.actors), len(corpus.topics), len(corpus.sources)) == (N_ACTORS, N_TOPICS, N_SOURCES) \
        == (300, 60, 20)
    for section in (corpus.actors, corpus.topics, corpus.sources):
        assert len({p.slug for p in section}) == len(section)
    assert len({a.slug for a in corpus.articles}) == N
    for article in corpus.articles:
        assert 2 <= len(article.actors) <= 8 and len(set(article.actors)) == len(article.actors)
        assert 1 <= len(article.topics) <= 4 and len(set(article.topics)) == len(article.topics)
        assert 400 <= len(article.body.split()) <= 700


def test_front_matter_parses_with_required_keys(corpus) -> None:
    actors = {p.slug for p in corpus.actors}
    topics = {p.slug for p in corpus.topics}
    sources = {p.slug for p in corpus.sources}
    for article in corpus.articles:
        meta, body = _front_matter(dossier_article(article))
        assert set(meta) == REQUIRED
        assert meta["date"].utcoffset() is not None
        assert meta["slug"] == article.slug and article_path(article).stem == article.slug
        assert meta["source"] in sources
        assert set(meta["actors"]) <= actors and set(meta["topics"]) <= topics
        assert isinstance(meta["title"], str) and isinstance(meta["summary"], str) and body.strip()


def test_profiles_parse(tmp_path: Path, corpus) -> None:
    write_dossier(corpus, tmp_path)
    assert yaml.safe_load((tmp_path / "site.yml").read_text())["title"] == "Synthetic benchmark dossier"
    for section in ("actors", "topics", "sources"):
        for path in (tmp_path / "content" / section).glob("*.md"):
            meta, body = _front_matter(path.read_text())
            assert meta["name"] and meta["description"] and body.strip()
            assert meta.get("kind") == ("person" if section == "actors" else None)


def test_bodies_have_headings_lists_and_quotes(corpus) -> None:
    bodies = "\n".join(a.body for a in corpus.articles)
    assert re.search(r"^## \w", bodies, re.M)
    assert re.search(r"^- \w", bodies, re.M)
    assert re.search(r"^> \w", bodies, re.M)


def test_no_real_names(tmp_path: Path, corpus) -> None:
    for name, peer in PEERS.items():
        peer(corpus).write_site(tmp_path / name)
    text = "\n".join(data.decode() for data in _files(tmp_path).values()).lower()
    for surname in REAL_SURNAMES:
        assert not re.search(rf"\b{surname}\b", text), surname


def test_edit_changes_only_the_body(corpus) -> None:
    article = corpus.articles[0]
    edited = edit_article(article)
    assert edited.body.startswith(article.body) and edited.body != article.body
    assert edited.slug == article.slug and edited.summary == article.summary
