"""The watcher: the classifier as a table, the plan a batch folds into, the debounce, real events."""

from __future__ import annotations

import queue
import time
from pathlib import Path, PurePosixPath

import pytest
from watchdog.observers import Observer

from dossier.preview.watch import Change, Enqueue, Kind, Plan, classify, collect, is_editor_temp, plan

P = PurePosixPath

CLASSIFY = [
    # path, is a folder, kind
    ("content/articles/2026/story.md", False, Kind.ARTICLE),
    ("content/articles/story.md", False, Kind.ARTICLE),
    ("content/articles/2026", True, Kind.ARTICLE),  # a folder of articles moved or deleted
    ("content/articles", True, Kind.ARTICLE),
    ("content", True, Kind.ARTICLE),
    ("content/articles/2026/photo.jpg", False, Kind.IGNORED),
    ("content/articles/2026/.story.md.swp", False, Kind.IGNORED),
    ("content/articles/2026/story.md~", False, Kind.IGNORED),
    ("content/articles/2026/.#story.md", False, Kind.IGNORED),
    ("content/articles/2026/#story.md#", False, Kind.IGNORED),
    ("content/articles/2026/4913", False, Kind.IGNORED),  # vim's can-I-write probe
    ("content/articles/2026/.goutputstream-X1Y2Z3", False, Kind.IGNORED),
    ("content/articles/2026/story.md.tmp", False, Kind.IGNORED),
    ("content/actors/emmanuel-makron.md", False, Kind.PROFILE),
    ("content/topics/peremirie.md", False, Kind.PROFILE),
    ("content/sources/tass.md", False, Kind.PROFILE),
    ("content/actors", True, Kind.PROFILE),
    ("content/sources/raw/000_story.txt", False, Kind.IGNORED),  # ingested originals
    ("content/sources/raw/000_story.md", False, Kind.IGNORED),
    ("content/actors/notes.txt", False, Kind.IGNORED),
    ("content/drafts/idea.md", False, Kind.IGNORED),
    ("content/README.md", False, Kind.IGNORED),
    ("content/corrections.yml", False, Kind.PROFILE),  # the editor's: old addresses redirect
    ("content/.corrections.yml.desk.tmp", False, Kind.IGNORED),
    ("layouts/base.html", False, Kind.LAYOUT),
    ("layouts/partials/card.html", False, Kind.LAYOUT),
    ("layouts", True, Kind.LAYOUT),
    ("layouts/.base.html.swp", False, Kind.IGNORED),
    ("static/css/site.css", False, Kind.STATIC),
    ("static/img/logo.svg", False, Kind.STATIC),
    ("static", True, Kind.STATIC),
    ("static/css/site.css~", False, Kind.IGNORED),
    ("site.yml", False, Kind.SETTINGS),
    (".site.yml.swp", False, Kind.IGNORED),
    ("site.yml~", False, Kind.IGNORED),
    ("inbox/story.txt", False, Kind.INBOX),
    ("inbox/tass-2026-01-06.md", False, Kind.INBOX),
    ("inbox/.story.txt.swp", False, Kind.IGNORED),
    ("inbox/~$story.docx", False, Kind.IGNORED),
    ("inbox/2026-01-06/story.txt", False, Kind.INBOX),  # ingest walks folders too
    ("inbox/2026-01-06", True, Kind.INBOX),  # made or moved in with stories inside: walked
    ("inbox", True, Kind.INBOX),
    ("inbox/README.md", False, Kind.IGNORED),  # the note inbox/ ships with
    ("inbox/2026-01-06/readme.txt", False, Kind.IGNORED),
    ("public/index.html", False, Kind.IGNORED),  # our own output
    (".cache/preview/index.html", False, Kind.IGNORED),
    (".git/index", False, Kind.IGNORED),
    ("build.py", False, Kind.IGNORED),
    ("README.md", False, Kind.IGNORED),
    (".", True, Kind.IGNORED),
]


@pytest.mark.parametrize(("path", "is_dir", "kind"), CLASSIFY, ids=[c[0] for c in CLASSIFY])
def test_classify(path: str, is_dir: bool, kind: Kind) -> None:
    assert classify(P(path), is_dir) is kind


@pytest.mark.parametrize("name", ["a.md.swp", ".a.md.swx", "a.md~", ".#a.md", "#a.md#", "4913",
                                  ".DS_Store", "a.kate-swp", ".~lock.a.md#", "a.md.crdownload"])
def test_editor_temp_names(name: str) -> None:
    assert is_editor_temp(name)


@pytest.mark.parametrize("name", ["a.md", "site.yml", "base.html", "swp.md", "tmp.md", "4913.md"])
def test_real_names_are_not_temp(name: str) -> None:
    assert not is_editor_temp(name)


def _changes(*paths: str) -> list[Change]:
    return [Change(P(p)) for p in paths]


PLANS = [
    # changed paths, expected plan
    (["content/articles/a.md"], Plan(content=True, saved=[P("content/articles/a.md")])),
    (["content/articles/a.md", "content/articles/.a.md.swp", "content/articles/a.md~"],
     Plan(content=True, saved=[P("content/articles/a.md")])),
    (["static/css/site.css"], Plan(static=True)),
    (["layouts/base.html", "layouts/article.html"], Plan(layouts=True)),
    (["site.yml"], Plan(settings=True)),
    (["inbox/s.txt", "inbox/s.txt", "inbox/t.txt"], Plan(ingest=[P("inbox/s.txt"), P("inbox/t.txt")])),
    (["content/actors/x.md", "static/a.css", "layouts/x.html"],
     Plan(content=True, layouts=True, static=True)),
    ([".cache/preview/index.html", "content/articles/.a.md.swp"], Plan()),
]


@pytest.mark.parametrize(("paths", "expected"), PLANS)
def test_plan(paths: list[str], expected: Plan) -> None:
    assert plan(_changes(*paths)) == expected


def test_plan_flags() -> None:
    assert not Plan().rebuild and not Plan(ingest=[P("inbox/a.txt")]).rebuild
    assert Plan(static=True).rebuild and not Plan(static=True).reindex
    assert Plan(content=True).reindex and Plan(layouts=True).reindex and Plan(settings=True).reindex


def test_only_articles_saved_in_place_are_listed_as_saved() -> None:
    changes = [Change(P("content/articles/gone.md"), deleted=True), Change(P("content/articles/2024"), is_dir=True),
               Change(P("content/actors/x.md")), Change(P("content/articles/kept.md")),
               Change(P("content/articles/kept.md"))]
    assert plan(changes) == Plan(content=True, saved=[P("content/articles/kept.md")])


def test_a_deleted_inbox_story_is_not_ingested() -> None:
    assert plan([Change(P("inbox/s.txt"), deleted=True)]) == Plan()


def test_a_burst_already_queued_is_one_batch() -> None:
    events: queue.Queue[Change] = queue.Queue()
    burst = _changes(*(f"content/articles/{i}.md" for i in range(500)))
    for change in burst[1:]:
        events.put(change)
    assert collect(events, burst[0], quiet=0.2) == burst
    assert events.empty()


def test_collect_stops_at_the_longest_wait() -> None:
    # A writer that never pauses still gets a rebuild: the batch is cut at `longest`.
    events: queue.Queue[Change] = queue.Queue()
    for i in range(100_000):
        events.put(Change(P(f"content/articles/{i}.md")))
    batch = collect(events, Change(P("site.yml")), quiet=1.0, longest=0.0)
    assert batch == [Change(P("site.yml"))]


def _drain(events: queue.Queue[Change], until: set[Change], timeout: float = 10.0) -> list[Change]:
    seen: list[Change] = []
    deadline = time.monotonic() + timeout
    while not until <= set(seen) and time.monotonic() < deadline:
        try:
            seen.append(events.get(timeout=0.2))
        except queue.Empty:
            pass
    return seen


def test_real_observer_enqueues_paths_relative_to_root(tmp_path: Path) -> None:
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "old.md").write_text("old", encoding="utf-8")
    events: queue.Queue[Change] = queue.Queue()
    observer = Observer()
    observer.schedule(Enqueue(tmp_path, events), str(tmp_path / "content"), recursive=True)
    observer.start()
    try:
        # An editor's save: write a temp file, then rename it over the article.
        (articles / ".old.md.tmp").write_text("new", encoding="utf-8")
        (articles / ".old.md.tmp").replace(articles / "new.md")
        (articles / "old.md").unlink()
        want = {Change(P("content/articles/new.md")), Change(P("content/articles/old.md"), deleted=True)}
        seen = _drain(events, want)
    finally:
        observer.stop()
        observer.join()
    assert want <= set(seen)
    # Saved in place: new.md (the rename's target); old.md is gone, so it is not among them.
    assert plan(seen) == Plan(content=True, saved=[P("content/articles/new.md")])
