"""The network with one new story counted in: only the drawings and neighbourhoods it changes planned again."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from ..site.assemble import Site
from ..site.model import Article
from .network import NEIGHBOURS, Network, neighbourhood, period_pages
from .network_layout import Layouts
from .network_pairs import Pair, tally


def grow_network(site: Site, layouts: Layouts, last: Network, article: Article) -> Network | None:
    """Return last with article (already in site) counted in; None where it opens a year with no drawing yet.

    The pages of all years and of the story's year are planned again, and the neighbourhoods
    of its actors (their named-alongside lists changed) and of every actor that now sees two
    of its neighbours linked for the first time; everything else is last's.
    """
    named = sorted(article.actors)
    pairs: list[Pair] = list(combinations(named, 2))
    if not pairs:
        return last  # count_pairs counts articles naming two actors or more
    year = str(article.date.year)
    if year not in last.pairs:
        return None  # a new period: a page of its own, and a link on every other
    counts = {period: Counter(found) if period == year else found for period, found in last.pairs.items()}
    weights = {period: Counter(found) if period == year else found for period, found in last.weights.items()}
    counts[year].update(pairs)
    weights[year].update(named * (len(named) - 1))
    actors = site.profiles["actors"]
    weight = sum(weights.values(), Counter())
    total = tally(list(counts.values()), weight, actors)
    periods = [("", total, weight)]
    if len(counts) > 1:
        periods.append((year, tally([counts[year]], weights[year], actors), weights[year]))
    redone = {period: period_pages(period, found, weight, actors, layouts) for period, found, weight in periods}
    graphs = [graph for period in dict.fromkeys(graph.period for graph in last.graphs)
              for graph in (redone[period] if period in redone else
                            [g for g in last.graphs if g.period == period])]
    first = {pair for pair in pairs if sum(found.get(pair, 0) for found in counts.values()) == 1}
    ranks = site.co_actors["actors"]
    again = set(named)
    for slug, ranked in ranks.items() if first else ():
        near = {other for other, _ in ranked[:NEIGHBOURS]}
        if any(a in near and b in near for a, b in first):
            again.add(slug)
    neighbourhoods = {slug: neighbourhood(actors[slug], ranked[:NEIGHBOURS], total, actors, layouts)
                      if slug in again else last.neighbourhoods[slug]
                      for slug, ranked in ranks.items() if ranked}
    return Network(tuple(graphs), tuple((graph.url, graph.period) for graph in graphs if graph.group is None),
                   neighbourhoods, counts, weights)
