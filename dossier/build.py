"""The build, stage by stage: the order listed is the order of execution."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .assemble import assemble
from .config import load_config
from .errors import Problem
from .markup import MarkdownRenderer
from .publish import publishing_warnings, render_publishing
from .read import read_content
from .render import DEFAULT_LAYOUTS, DEFAULT_STATIC, check_collisions, collect_static, render
from .write import write


@dataclass
class BuildReport:
    out_dir: Path
    pages: int
    written: int
    unchanged: int
    removed: int
    warnings: list[Problem] = field(default_factory=list)
    search: str = ""


def build(root: Path, *, out_dir: Path | None = None, base_url: str | None = None,
          drafts: bool = False, strict: bool = False, search: bool = True) -> BuildReport:
    """Build the dossier at root into its output folder; raise DossierError on bad input."""
    root = root.resolve()
    config = load_config(root, {"base_url": base_url})
    out_dir = (out_dir or root / config.output_dir).resolve()
    content = read_content(config, MarkdownRenderer(config.base_path))
    site = assemble(config, content, drafts=drafts, strict=strict)
    # A fixture or forked site without its own layouts/static uses the bundled ones.
    layout_dirs = [root / "layouts", DEFAULT_LAYOUTS]
    pages = render(site, layout_dirs)
    outputs = pages + render_publishing(site, layout_dirs) + collect_static([root / "static", DEFAULT_STATIC])
    check_collisions(outputs)
    report = write(outputs, out_dir, root / ".cache")
    result = BuildReport(out_dir, len(pages), report.written, report.unchanged, report.removed,
                         site.warnings + publishing_warnings(config))
    if search:
        from .search import index
        result.search = index(site, out_dir)
    return result
