"""Publishing: files beside the pages, the meta every page carries, the Pages workflow and its README steps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from dossier.pages.publish import SitemapEntry, render_sitemaps
from helpers import REPO, SITES, copy_site, run_build

SITE_URL = "https://example.test/dossier/"  # tests/sites/basic/site.yml
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the basic fixture with a custom domain; return its output folder."""
    root = copy_site(SITES / "basic", tmp_path_factory.mktemp("publish"))
    with (root / "site.yml").open("a", encoding="utf-8") as settings:
        settings.write("cname: dossier.example.test\n")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    return root / "public"


def locs(xml: bytes | str, tag: str = "url") -> list[str]:
    root = ET.fromstring(xml)
    return [node.text or "" for node in root.findall(f"sm:{tag}/sm:loc", NS)]


def page_urls(out: Path, site_url: str) -> set[str]:
    """The URL of every page written to out, as a crawler would reach it."""
    pages = (p.relative_to(out).as_posix() for p in out.rglob("index.html") if "pagefind" not in p.parts)
    return {site_url + rel[: -len("index.html")] for rel in pages}


def test_nojekyll_and_cname_are_written(published: Path) -> None:
    assert (published / ".nojekyll").read_bytes() == b""
    assert (published / "CNAME").read_text(encoding="utf-8") == "dossier.example.test\n"


def test_no_cname_without_the_setting(example_build: Path) -> None:
    assert (example_build / ".nojekyll").is_file()
    assert not (example_build / "CNAME").exists()


def test_sitemap_lists_every_page_but_404(published: Path) -> None:
    listed = locs((published / "sitemap.xml").read_bytes())
    assert len(listed) == len(set(listed))
    assert set(listed) == page_urls(published, SITE_URL)
    assert SITE_URL + "articles/third-item/" in listed
    assert SITE_URL + "articles/page/2/" in listed  # pagination pages are pages too
    assert not [u for u in listed if "404" in u or "draft" in u]


def test_sitemap_dates_articles(published: Path) -> None:
    root = ET.fromstring((published / "sitemap.xml").read_bytes())
    dated = {u.findtext("sm:loc", namespaces=NS): u.findtext("sm:lastmod", namespaces=NS)
             for u in root.findall("sm:url", NS)}
    assert dated[SITE_URL + "articles/third-item/"] == "2024-05-01T00:00:00+00:00"
    assert dated[SITE_URL] is None


def test_example_sitemap_covers_every_page(example_build: Path) -> None:
    site_url = "https://example.org/dossier/"
    assert set(locs((example_build / "sitemap.xml").read_bytes())) == page_urls(example_build, site_url)


def test_robots_allows_all_and_points_to_the_sitemap(published: Path) -> None:
    assert (published / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\nSitemap: https://example.test/dossier/sitemap.xml\n")


def test_sitemap_becomes_an_index_past_the_limit() -> None:
    entries = [SitemapEntry(f"articles/a{i}/") for i in range(5)]
    outputs = {o.path: o.data for o in render_sitemaps(SITE_URL, entries, limit=2)}
    assert sorted(outputs) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    assert locs(outputs["sitemap.xml"], "sitemap") == [SITE_URL + f"sitemap-{n}.xml" for n in (1, 2, 3)]
    parts = [locs(outputs[f"sitemap-{n}.xml"]) for n in (1, 2, 3)]
    assert [len(p) for p in parts] == [2, 2, 1]
    assert sum(parts, []) == [SITE_URL + e.url for e in entries]


def test_sitemap_escapes_and_encodes_urls() -> None:
    [output] = render_sitemaps("https://example.test/a&b/", [SitemapEntry("topics/мир/")], limit=10)
    assert locs(output.data) == ["https://example.test/a&b/topics/%D0%BC%D0%B8%D1%80/"]


def test_hostless_base_url_skips_feeds_and_sitemap_with_a_warning(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    first = run_build(root, "--no-search")
    assert first.returncode == 0, first.stderr
    out = root / "public"
    assert (out / "feed.xml").is_file() and (out / "sitemap.xml").is_file()

    result = run_build(root, "--no-search", "--base-url", "/")
    assert result.returncode == 0, result.stderr
    assert ("warning: site.yml: base_url '/' has no host, so the Atom feeds and sitemap.xml (which need "
            "absolute URLs) are not written: set base_url to e.g. https://user.github.io/dossier/ or "
            "pass --base-url") in result.stderr.splitlines()
    # The previous build's feeds are removed, not left behind stale.
    assert not list(out.rglob("feed.xml"))
    assert not (out / "sitemap.xml").exists()
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert (out / ".nojekyll").is_file()
    # No page may advertise a feed that was not written.
    assert not [p for p in out.rglob("*.html") if "application/atom+xml" in p.read_text(encoding="utf-8")]


class HeadMeta(HTMLParser):
    """Collect a page's <meta> name/property values and its <link rel> hrefs."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and (values.get("name") or values.get("property")):
            self.meta[values.get("name") or values["property"]] = values.get("content", "")
        if tag == "link":
            self.links.setdefault(values.get("rel", ""), []).append(values.get("href", ""))


def head_meta(path: Path) -> HeadMeta:
    parser = HeadMeta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_has_canonical_description_and_open_graph(example_build: Path) -> None:
    site_url = "https://example.org/dossier/"
    pages = [p for p in example_build.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for path in pages:
        url = site_url + path.relative_to(example_build).as_posix()[: -len("index.html")]
        head = head_meta(path)
        assert head.links.get("canonical") == [url], path
        assert head.meta["og:url"] == url, path
        for key in ("description", "og:title", "og:description", "og:site_name", "og:type"):
            assert head.meta.get(key, "").strip(), f"{path}: no {key}"
        assert head.links.get("alternate"), f"{path}: no feed linked"
    article = next(p for p in pages if p.parent.parent.name == "articles" and p.parent.name != "page")
    assert head_meta(article).meta["og:type"] == "article"


def test_404_names_no_url_of_its_own_and_is_not_indexed(example_build: Path) -> None:
    # GitHub Pages serves 404.html at every missing URL: a canonical or og:url would misname it.
    head = head_meta(example_build / "404.html")
    assert head.meta["robots"] == "noindex"
    assert "canonical" not in head.links and "og:url" not in head.meta
    assert head.meta["description"] and head.meta["og:title"]


WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def test_pages_workflow_builds_for_the_url_github_pages_gives_it() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as a boolean
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    uses = [step["uses"].split("@")[0] for step in build if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                    "actions/cache", "actions/upload-pages-artifact"]  # the cache: see test_workflows.py
    setup = next(s for s in build if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
    pages_id = next(s["id"] for s in build if s.get("uses", "").startswith("actions/configure-pages"))
    run = next(s["run"] for s in build if "build.py build" in s.get("run", ""))
    assert f'--base-url "${{{{ steps.{pages_id}.outputs.base_url }}}}/"' in run
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "public"  # output_dir's default
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_readme_tells_how_to_publish() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Publishing on GitHub Pages\n", 1)[1].split("\n## ", 1)[0]
    for step in ("Fork", "Settings → Pages", "GitHub Actions", "git push", "`cname: ", "CNAME",
                 ".github/workflows/pages.yml"):
        assert step in section, step
