"""A synthetic dossier of invented actors in groups: `python -m bench.groups OUT [--actors 70]`.

Each article names three to five members of one group, and one in eight names someone of
another group too, so that the network has groups to find and links between them. Names
are made of invented syllables, some of them bodies ("Vorn Council") and states ("Kelvania"),
so the drawing shows every kind; nothing here is about a real person or place. The network
tests (tests/test_network_sizes.py) build it at 20, 70 and 300 actors, and bench/screens.py
takes screenshots of it (`--root`).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = ("Ar", "Bel", "Cor", "Dav", "El", "Fen", "Gal", "Hal", "Is", "Jor", "Kel", "Lum", "Mar", "Nev",
         "Or", "Pell", "Quen", "Ros", "Sal", "Tam", "Ul", "Vor", "Wen", "Yar", "Zel")
MIDDLE = ("a", "e", "i", "o", "u", "ia", "ae", "y")
LAST = ("dra", "nis", "vek", "lor", "thas", "mund", "rin", "quist", "bar", "dane", "vell", "zar", "tov")
BODIES = ("Council", "Union", "Assembly", "Bureau", "Front", "League")
SIZES = {20: 3, 70: 6, 300: 12}  # actors: groups, as the tests build them


def names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Return count distinct invented (name, kind) pairs: mostly people, some bodies and states."""
    made: dict[str, str] = {}
    while len(made) < count:
        word = rng.choice(FIRST) + rng.choice(MIDDLE) + rng.choice(LAST)
        roll = rng.random()
        if roll < 0.12:
            name, kind = f"{rng.choice(FIRST)}{rng.choice(LAST)} {rng.choice(BODIES)}", "organisation"
        elif roll < 0.18:
            name, kind = word + "ia", "state"
        else:
            name, kind = f"{rng.choice(FIRST)}{rng.choice(MIDDLE)}{rng.choice(('n', 's', 'l', ''))} {word}", "person"
        made.setdefault(name, kind)
    return list(made.items())


def slug_of(name: str) -> str:
    return name.lower().replace(" ", "-")


def write_groups(root: Path, actors: int, groups: int | None = None, seed: int = 25) -> list[list[str]]:
    """Write a dossier of actors in groups at root (site.yml and content/); return each group's slugs."""
    rng = random.Random(seed)
    groups = groups or SIZES.get(actors, max(2, actors // 25))
    people = names(actors, rng)
    (root / "content/actors").mkdir(parents=True, exist_ok=True)
    (root / "content/articles").mkdir(parents=True, exist_ok=True)
    (root / "site.yml").write_text(f"title: Synthetic groups of {actors}\nlanguage: en\nbase_url: https://example.test/dossier/\n"
                                   "timezone: UTC\n", encoding="utf-8")
    for name, kind in people:
        (root / f"content/actors/{slug_of(name)}.md").write_text(f"---\nname: {name}\nkind: {kind}\n---\n"
                                                                 "An invented actor.\n", encoding="utf-8")
    slugs = [slug_of(name) for name, _ in people]
    # Groups of unequal sizes, as real ones are: the first about three times the last.
    weights = [3 - 2 * g / max(groups - 1, 1) for g in range(groups)]
    cuts = [round(actors * sum(weights[:g]) / sum(weights)) for g in range(groups + 1)]
    members = [slugs[cuts[g]:cuts[g + 1]] for g in range(groups)]
    number = 0
    for g, group in enumerate(members):
        for _ in range(len(group) * 2):
            # Skewed draws: a few members are named far more often, as real hubs are.
            named = {group[int(len(group) * rng.random() ** 2)] for _ in range(rng.randint(3, 5))}
            if rng.random() < 0.125:
                other = members[(g + rng.randint(1, groups - 1)) % groups]
                named.add(other[int(len(other) * rng.random() ** 2)])
            if len(named) < 2:
                continue
            number += 1
            (root / f"content/articles/item-{number:04d}.md").write_text(
                f"---\ntitle: Invented meeting number {number}\ndate: 2024-{1 + number % 12:02d}-{1 + number % 28:02d}\n"
                f"actors: [{', '.join(sorted(named))}]\n---\nPlainly synthetic text. Nothing here happened.\n",
                encoding="utf-8")
    return members


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--actors", type=int, default=70)
    args = parser.parse_args()
    write_groups(args.out, args.actors)
    print(args.out)


if __name__ == "__main__":
    main()
