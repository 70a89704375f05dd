"""Fragments rendered once per build: an article's card, shown on many lists, is made once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import markupsafe

_PLAIN = (str, int, float, bool, type(None))


class Once:
    """Call a template macro once for each set of arguments, and hand out that result again.

    The bundled layouts call `once(m.article_card, …)`: a macro imported without context
    sees only its arguments and the environment's globals, which hold for one site, so the
    environment's `bind_site` empties the memo. Arguments are told apart by value when
    plain, else by identity: the site's records are not changed while it is rendered,
    and each is kept here with its result so that no other object can take its id.
    """

    def __init__(self) -> None:
        self._made: dict[tuple[Any, ...], tuple[tuple[Any, ...], markupsafe.Markup]] = {}

    def __call__(self, macro: Callable[..., markupsafe.Markup], *args: Any, **kwargs: Any) -> markupsafe.Markup:
        key = (id(macro), _key(args), _key(tuple(sorted(kwargs.items()))))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = ((macro, args, kwargs), macro(*args, **kwargs))
        return made[1]

    def clear(self) -> None:
        """Forget every result: the site they were made from is gone."""
        self._made.clear()


def _key(value: Any) -> Any:
    if isinstance(value, _PLAIN):
        return value
    if type(value) is tuple:
        return tuple(_key(item) for item in value)
    return ("id", id(value))
