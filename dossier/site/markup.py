"""Markdown to HTML, sanitised: the only way body text reaches a page."""

from __future__ import annotations

import markdown
import nh3

_EXTENSIONS = ["extra", "sane_lists"]
# nh3's defaults already drop <script>, event handlers and javascript: URLs; we only
# widen what headings and tables need and keep footnote ids from 'extra'.
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "sup": {"id"}, "li": {"id"}, "a": {"href", "title", "id", "class"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "th": {"align"}, "td": {"align"},
}


class MarkdownRenderer:
    """Render Markdown to sanitised HTML; root-relative links gain the site's base path."""

    def __init__(self, base_path: str = "/"):
        self._md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        self.base_path = base_path

    def render(self, text: str) -> str:
        """Return safe HTML for Markdown text."""
        html = self._md.reset().convert(text)
        return nh3.clean(html, attributes=_ATTRIBUTES, attribute_filter=self._rebase,
                         link_rel="noopener noreferrer")

    def _rebase(self, tag: str, attribute: str, value: str) -> str:
        # A root-relative link in Markdown means "this site", which may live under /repo/.
        if attribute in ("href", "src") and value.startswith("/") and not value.startswith("//"):
            if self.base_path != "/" and not value.startswith(self.base_path):
                return self.base_path + value[1:]
        return value
