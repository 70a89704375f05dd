"""Reading content: typed fields, and every mistake reported at once, in one line each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossier.site.config import load_config
from dossier.util.errors import DossierError
from dossier.site.markup import MarkdownRenderer
from dossier.site.read import read_content, split_front_matter
from helpers import SITES, copy_site, run_build


def read(root: Path):
    config = load_config(root)
    return read_content(config, MarkdownRenderer(config.base_path))


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    return copy_site(SITES / "basic", tmp_path / "site")


def test_fields_are_typed_and_unknown_keys_kept_in_extra(site: Path) -> None:
    articles = {a.slug: a for a in read(site).articles}
    first = articles["synthetic-council-of-zorbia-meets-in-quellport"]
    assert first.date == dt.datetime(2024, 3, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert first.via == ("paper-two",)
    assert first.image is not None and first.image.credit == "Test Fixture Photo"
    assert first.quotes[0].actor == "alpha-quill"
    assert [e.date for e in first.events] == ["2024-02-20", "2023-spring"]
    assert "<h2>A heading</h2>" in first.body_html
    assert articles["third-item"].extra == {"custom_field": "kept in extra"}
    second = articles["vtoroy-sintetichesky-material"]
    assert second.date.tzinfo is not None, "a bare date takes the site's time zone"


def test_front_matter_must_be_opened_and_closed() -> None:
    with pytest.raises(DossierError) as caught:
        split_front_matter(b"title: x\n", Path("a.md"))
    assert str(caught.value) == ("a.md:1: no front matter: start the file with a line '---', "
                                 "then YAML fields, then '---'")
    with pytest.raises(DossierError) as caught:
        split_front_matter(b"---\ntitle: x\n", Path("b.md"))
    assert str(caught.value) == "b.md:1: front matter is not closed: add a line '---' after it"


def test_every_broken_file_is_reported_in_one_run(site: Path) -> None:
    write(site, "content/articles/bad-yaml.md", "---\ntitle: ok\ndate: 2024-01-01\nactors: [a, b\n---\nbody\n")
    write(site, "content/articles/no-title.md", "---\ndate: 2024-01-01\n---\nbody\n")
    write(site, "content/articles/bad-date.md", "---\ntitle: T\ndate: 5 March\n---\n")
    write(site, "content/actors/nameless.md", "---\nrole: r\n---\n")
    write(site, "content/articles/bad-actor.md", "---\ntitle: T2\ndate: 2024-01-02\nactors: [Альфа Квилл]\n---\n")
    with pytest.raises(DossierError) as caught:
        read(site)
    assert [str(p) for p in caught.value.problems] == [
        "content/articles/bad-actor.md:4: 'actors': 'Альфа Квилл' is not a slug: write 'alfa-kvill'",
        "content/articles/bad-date.md:3: 'date': '5 March' is not a date: write 2026-01-06 or "
        "2026-01-06T09:30:00+03:00",
        "content/articles/bad-yaml.md:5:1: YAML: did not find expected ',' or ']'",
        "content/articles/no-title.md:2: missing required field 'title': add 'title: ...' to the front matter",
        "content/actors/nameless.md:2: missing required field 'name': add 'name: ...' to the front matter",
    ]


def test_not_utf8_is_reported_at_the_line_and_column_of_the_bad_byte(site: Path) -> None:
    (site / "content/articles/cp1251.md").write_bytes("---\ntitle: Привет\n---\n".encode("cp1251"))
    (site / "content/actors/latin1.md").write_bytes("---\nname: Zorbian\nrole: café owner\n---\n".encode("latin-1"))
    result = run_build(site, "--no-search")
    assert (result.returncode, result.stderr) == (1, (
        "error: content/articles/cp1251.md:2:8: not UTF-8 text (byte 0xcf): save the file as UTF-8\n"
        "error: content/actors/latin1.md:3:10: not UTF-8 text (byte 0xe9): save the file as UTF-8\n"))


def test_a_slug_that_would_escape_the_output_is_refused(site: Path) -> None:
    write(site, "content/articles/escape.md", "---\ntitle: T\ndate: 2024-01-01\nslug: ../../outside\n---\n")
    with pytest.raises(DossierError) as caught:
        read(site)
    assert str(caught.value) == ("content/articles/escape.md:4: 'slug': '../../outside' is not a slug: "
                                 "write 'outside'")


def test_two_articles_with_one_slug_name_both_files(site: Path) -> None:
    write(site, "content/articles/2024/copy.md", "---\ntitle: Copy\ndate: 2024-01-01\nslug: third-item\n---\n")
    result = run_build(site, "--no-search")
    assert result.returncode == 1
    assert result.stderr == ("error: content/articles/2024/third.md: slug 'third-item' is already used by "
                             "content/articles/2024/copy.md: give one of them another 'slug:'\n")


def test_broken_build_reports_every_file_and_leaves_the_last_good_output(site: Path) -> None:
    out = site / "public"
    assert run_build(site, "--no-search").returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(site, "content/articles/2024/first.md", "---\ntitle: [broken\n---\n")
    write(site, "content/topics/test-topic.md", "---\nname: ok\n  bad: indent\n---\n")
    result = run_build(site, "--no-search")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("error: content/articles/2024/first.md:3:1: YAML: ")
    assert lines[1].startswith("error: content/topics/test-topic.md:3:")
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_unsafe_urls_in_front_matter_are_dropped_with_a_warning(site: Path) -> None:
    write(site, "content/articles/js.md",
          "---\ntitle: T\ndate: 2024-01-01\nurl: 'javascript:alert(1)'\nimage: {src: ' jAvAsCrIpT:x'}\n---\n")
    content = read(site)
    article = next(a for a in content.articles if a.slug == "t")
    assert article.url == "" and article.image is not None and article.image.src == ""
    assert [str(w) for w in content.warnings] == [
        "content/articles/js.md:4: 'url': unsafe URL 'javascript:alert(1)' dropped: use http(s)",
        "content/articles/js.md:5: 'image': unsafe src 'jAvAsCrIpT:x' dropped: use a path or an http(s) URL",
    ]


def test_impossible_dates_are_one_line_each_and_reported_together(site: Path) -> None:
    write(site, "content/articles/feb.md", "---\ntitle: T1\ndate: 2026-02-30\n---\n")
    write(site, "content/articles/hour.md", "---\ntitle: T2\ndate: 2026-01-01T25:61:00\n---\n")
    write(site, "content/articles/event.md",
          "---\ntitle: T3\ndate: 2025-03-01\nevents:\n  - date: 2025-02-31\n    text: A synthetic event\n---\n")
    write(site, "content/topics/no-name.md", "---\nrole: r\n---\n")
    result = run_build(site, "--no-search")
    fix = "write one that exists (2026-01-06, 2026-01-06T09:30:00+03:00) or, for text, quote it"
    assert (result.returncode, result.stderr) == (1, (
        "error: content/articles/event.md:5:11: 'date': '2025-02-31' is not a real date "
        f"(day is out of range for month): {fix}\n"
        "error: content/articles/feb.md:3:7: 'date': '2026-02-30' is not a real date "
        f"(day is out of range for month): {fix}\n"
        "error: content/articles/hour.md:3:7: 'date': '2026-01-01T25:61:00' is not a real date "
        f"(hour must be in 0..23): {fix}\n"
        "error: content/topics/no-name.md:2: missing required field 'name': add 'name: ...' to the front matter\n"))


def alias_bomb(key: str) -> str:
    """Return YAML whose key expands to 9**8 copies of one word through nested aliases."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    return "\n".join(lines) + f"\n{key}: [{', '.join(['*a7'] * 9)}]\n"


@pytest.mark.parametrize("key", ["date", "title"])
def test_an_alias_bomb_in_front_matter_is_refused_in_one_line(site: Path, key: str) -> None:
    other = "title: T" if key == "date" else "date: 2024-01-01"
    write(site, "content/articles/bomb.md", f"---\n{other}\n{alias_bomb(key)}---\n")
    result = run_build(site, "--no-search")
    assert (result.returncode, result.stderr) == (1, (
        f"error: content/articles/bomb.md:11:1: '{key}': YAML aliases (*name) repeat values more than "
        "10,000 times: write the value out instead\n"))


def test_a_few_aliases_are_still_allowed(site: Path) -> None:
    write(site, "content/articles/alias.md",
          "---\ntitle: T\ndate: &day 2024-01-01\nevents: [{date: *day, text: Synthetic event}]\n---\n")
    article = next(a for a in read(site).articles if a.slug == "t")
    assert article.events[0].date == "2024-01-01"


def test_a_duplicate_key_is_an_error_in_articles_and_profiles(site: Path) -> None:
    write(site, "content/articles/twice.md", "---\ntitle: First\ndate: 2024-01-01\ntitle: Second\n---\n")
    write(site, "content/sources/twice.md", "---\nname: Wire\nimage:\n  src: a.png\n  src: b.png\n---\n")
    result = run_build(site, "--no-search")
    assert (result.returncode, result.stderr) == (1, (
        "error: content/articles/twice.md:4:1: duplicate key 'title' (also on line 2): keep only one of them\n"
        "error: content/sources/twice.md:5:3: duplicate key 'src' (also on line 4): keep only one of them\n"))


def test_a_misspelt_field_is_kept_in_extra_with_a_warning_naming_the_field(site: Path) -> None:
    write(site, "content/articles/typo.md",
          "---\ntitle: T\ndate: 2024-01-01\nactrs: [alpha-quill]\nraw: content/sources/raw/x.txt\n---\n")
    write(site, "content/actors/gamma-vale.md", "---\nname: Gamma Vale\nrol: synthetic envoy\n---\n")
    content = read(site)
    assert next(a for a in content.articles if a.slug == "t").extra == {
        "actrs": ["alpha-quill"], "raw": "content/sources/raw/x.txt"}
    assert [str(w) for w in content.warnings] == [
        "content/articles/typo.md:4: unknown field 'actrs' kept in extra: did you mean 'actors'?",
        "content/actors/gamma-vale.md:3: unknown field 'rol' kept in extra: did you mean 'role'?",
    ]
    result = run_build(site, "--no-search")
    assert result.returncode == 0 and "warning: content/articles/typo.md:4: unknown field 'actrs'" in result.stderr


def test_an_unclosed_quote_is_reported_where_it_opened(site: Path) -> None:
    write(site, "content/articles/quote.md", '---\ntitle: "Unclosed synthetic title\ndate: 2024-01-01\n---\n')
    result = run_build(site, "--no-search")
    assert (result.returncode, result.stderr) == (1, (
        "error: content/articles/quote.md:2:8: YAML: this quoted text is never closed: add the closing quote\n"))
def test_story_names_the_first_report_by_its_slug(site: Path) -> None:
    write(site, "content/articles/2024/second.md",
          "---\ntitle: Second report\ndate: 2024-03-06\nstory: third-item\n---\n")
    articles = {a.slug: a for a in read(site).articles}
    assert articles["second-report"].story == "third-item"
    assert articles["second-report"].story_key == articles["third-item"].story_key == "third-item"
    write(site, "content/articles/2024/second.md",
          "---\ntitle: Second report\ndate: 2024-03-06\nstory: Third Item\n---\n")
    with pytest.raises(DossierError) as caught:
        read(site)
    assert str(caught.value) == ("content/articles/2024/second.md:4: 'story': 'Third Item' is not a slug: "
                                 "write 'third-item'")
