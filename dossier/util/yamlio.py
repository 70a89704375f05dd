"""YAML parsing with libyaml when present, and errors located at path:line:col."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DossierError, Problem, shown

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
# Values aliases (*name) may add beyond those written out: far more than any front matter
# repeats, far less than the billions an alias bomb expands to.
ALIAS_LIMIT = 10_000


def decode_utf8(data: bytes, path: Path | str) -> str:
    """Return data as text; raise DossierError at the line and column of the first non-UTF-8 byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = exc.object[:exc.start]  # valid UTF-8 up to the bad byte (after any BOM)
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8")) + 1
        raise DossierError(Problem(path, f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x}): "
                                         "save the file as UTF-8", before.count(b"\n") + 1, column)) from None


def load_yaml(text: str, path: Path | str, line_offset: int = 0) -> Any:
    """Parse YAML text; raise DossierError at path:line:col on a syntax error or a value we refuse."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problems = _Checker(loader, path, line_offset).check(node)
        if problems:
            raise DossierError(problems)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise DossierError(_located(exc, path, line_offset)) from None
    except yaml.YAMLError as exc:
        raise DossierError(Problem(path, f"YAML: {exc}")) from None
    finally:
        loader.dispose()


def _located(exc: yaml.MarkedYAMLError, path: Path | str, line_offset: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    reason = exc.problem or exc.context or "invalid YAML"
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        # The scanner notices only at the end of the text; the mistake is where the quote opened.
        mark = exc.context_mark
        reason = "this quoted text is never closed: add the closing quote"
    line = mark.line + 1 + line_offset if mark else None
    column = mark.column + 1 if mark else None
    return Problem(path, f"YAML: {reason}", line, column)


class _Checker:
    """Find what PyYAML accepts but we refuse: duplicate keys, impossible dates, alias bombs."""

    def __init__(self, loader: Any, path: Path | str, line_offset: int):
        self.loader = loader
        self.path = path
        self.line_offset = line_offset
        self.sizes: dict[int, int] = {}  # id(node) -> values it expands to
        self.distinct = 0
        self.problems: list[Problem] = []

    def check(self, root: yaml.Node) -> list[Problem]:
        """Return the problems of the document whose root node is root."""
        try:
            expanded = self._size(root, None)
        except RecursionError:
            return [Problem(self.path, "YAML: nested too deeply: flatten the value", 1 + self.line_offset)]
        if expanded - self.distinct > ALIAS_LIMIT:
            self.problems.insert(0, self._alias_bomb(root))
        return self.problems

    def _at(self, node: yaml.Node, message: str) -> Problem:
        return Problem(self.path, message, node.start_mark.line + 1 + self.line_offset,
                       node.start_mark.column + 1)

    def _size(self, node: yaml.Node, key: str | None) -> int:
        """Return how many values node expands to, each node checked once however often aliased."""
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        self.sizes[id(node)] = ALIAS_LIMIT + 1  # an alias inside itself expands without end
        self.distinct += 1
        size = 1
        if isinstance(node, yaml.MappingNode):
            self._check_keys(node)
            for key_node, value_node in node.value:
                name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
                size += self._size(key_node, None) + self._size(value_node, name)
        elif isinstance(node, yaml.SequenceNode):
            size += sum(self._size(item, key) for item in node.value)
        elif node.tag == _TIMESTAMP:
            self._check_date(node, key)
        self.sizes[id(node)] = size
        return size

    def _check_keys(self, node: yaml.MappingNode) -> None:
        first: dict[tuple[str, str], yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            seen = first.setdefault((key_node.tag, key_node.value), key_node)
            if seen is not key_node:
                line = seen.start_mark.line + 1 + self.line_offset
                self.problems.append(self._at(key_node, f"duplicate key {shown(key_node.value)} (also on "
                                                        f"line {line}): keep only one of them"))

    def _check_date(self, node: yaml.ScalarNode, key: str | None) -> None:
        try:
            self.loader.construct_yaml_timestamp(node)
        except ValueError as exc:
            field = f"{shown(key)}: " if key is not None else ""
            self.problems.append(self._at(node, f"{field}{shown(node.value)} is not a real date ({exc}): write "
                                                "one that exists (2026-01-06, 2026-01-06T09:30:00+03:00) "
                                                "or, for text, quote it"))

    def _alias_bomb(self, root: yaml.Node) -> Problem:
        where, field = root, ""
        if isinstance(root, yaml.MappingNode) and root.value:
            # The last of the largest: an alias bomb defines its anchors before the key using them.
            key_node, _ = max(reversed(root.value), key=lambda pair: self.sizes[id(pair[1])])
            where, field = key_node, f"{shown(key_node.value)}: "
        return self._at(where, f"{field}YAML aliases (*name) repeat values more than {ALIAS_LIMIT:,} "
                               "times: write the value out instead")
