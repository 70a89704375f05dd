"""Well-known agencies and outlets by their web host, for pages that do not name their site
and for telling a cited outlet ("told Bloomberg") from a person or a body.

Only for names a slug cannot give back ("AP", not "Ap"; "The New York Times", not
"Nytimes"); every other page names itself in og:site_name or JSON-LD, or is known by
its host as written.
"""

from __future__ import annotations

OUTLETS = {
    "apnews.com": "AP", "ap.org": "AP", "afp.com": "AFP", "reuters.com": "Reuters",
    "bbc.com": "BBC News", "bbc.co.uk": "BBC News", "nbcnews.com": "NBC News", "rt.com": "RT",
    "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "aljazeera.com": "Al Jazeera", "cnn.com": "CNN", "theguardian.com": "The Guardian",
    "tass.ru": "ТАСС", "tass.com": "TASS", "interfax.ru": "Интерфакс", "ria.ru": "РИА Новости",
    "ukrinform.ua": "Укрінформ", "ukrinform.net": "Ukrinform", "bloomberg.com": "Bloomberg",
    "politico.com": "Politico", "politico.eu": "Politico", "axios.com": "Axios", "xinhuanet.com": "Xinhua",
    "ft.com": "Financial Times", "wsj.com": "The Wall Street Journal", "cnbc.com": "CNBC",
    "npr.org": "NPR", "dw.com": "DW", "france24.com": "France 24", "euronews.com": "Euronews",
    "interfax.com": "Interfax", "finance.yahoo.com": "Yahoo Finance", "abcnews.go.com": "ABC News",
    "cbsnews.com": "CBS News", "foxnews.com": "Fox News", "kyivindependent.com": "The Kyiv Independent",
}


def outlet_for_host(host: str) -> str:
    """Return the name of the outlet at a host or any of its sub-domains, '' if not well known."""
    labels = host.lower().rstrip(".").split(".")
    for start in range(len(labels) - 1):
        name = OUTLETS.get(".".join(labels[start:]))
        if name:
            return name
    return ""
