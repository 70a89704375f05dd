"""Load the language models once per process, and only when first needed."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Models:
    segmenter: Any
    morph_tagger: Any
    ner_tagger: Any
    morph: Any  # pymorphy3.MorphAnalyzer
    morph_vocab: Any  # natasha's lemmatiser, for organisation names
    stemmer: Any  # snowballstemmer russian


@functools.cache
def models() -> Models:
    """Return the natasha taggers, pymorphy3 and the Snowball stemmer, loaded once."""
    # Imported here: loading the embeddings takes over a second, and commands that
    # never see Russian text (or only --help) should not pay for it.
    import natasha
    import pymorphy3
    import snowballstemmer

    embedding = natasha.NewsEmbedding()
    return Models(
        segmenter=natasha.Segmenter(),
        morph_tagger=natasha.NewsMorphTagger(embedding),
        ner_tagger=natasha.NewsNERTagger(embedding),
        morph=pymorphy3.MorphAnalyzer(),
        morph_vocab=natasha.MorphVocab(),
        stemmer=snowballstemmer.stemmer("russian"),
    )


def tag(text: str) -> Any:
    """Return a natasha Doc of text with sentences, morphology and named entities."""
    import natasha

    m = models()
    doc = natasha.Doc(text)
    doc.segment(m.segmenter)
    doc.tag_morph(m.morph_tagger)
    doc.tag_ner(m.ner_tagger)
    return doc


@functools.cache
def _stemmer() -> Any:
    # Apart from the taggers: English stories stem topic keywords without loading them.
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


def stem(word: str) -> str:
    """Return the Snowball stem of a lowercased word, ё folded to е."""
    word = word.lower().replace("ё", "е")
    return _stemmer().stemWord(word)


@functools.cache
def morph_uk() -> Any:
    """Return pymorphy3 with its Ukrainian dictionaries, loaded once."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")
