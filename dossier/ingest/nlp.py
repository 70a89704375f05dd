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
    import snowballstemmer

    embedding = natasha.NewsEmbedding()
    return Models(
        segmenter=natasha.Segmenter(),
        morph_tagger=natasha.NewsMorphTagger(embedding),
        ner_tagger=natasha.NewsNERTagger(embedding),
        morph=morph("ru"),
        morph_vocab=natasha.MorphVocab(),
        stemmer=snowballstemmer.stemmer("russian"),
    )


def tag(text: str, morphology: bool = True) -> Any:
    """Return a natasha Doc of text with sentences and named entities, and, with morphology,
    the part of speech and features of the words of every sentence that names someone or something.

    The morphological tagger is most of the time a story takes: sentences that name nothing,
    and Ukrainian text (read by its own dictionary), go without it.
    """
    import natasha

    m = models()
    doc = natasha.Doc(text)
    doc.segment(m.segmenter)
    doc.tag_ner(m.ner_tagger)
    if morphology:
        # Overlapping, not only holding: a span may run across a sentence's end.
        named = [sentence for sentence in doc.sents
                 if any(span.start < sentence.stop and sentence.start < span.stop for span in doc.spans)]
        for sentence, markup in zip(named, m.morph_tagger.map([[t.text for t in s.tokens] for s in named])):
            for token, tagged in zip(sentence.tokens, markup.tokens):
                token.pos, token.feats = tagged.pos, tagged.feats
    return doc


@functools.cache
def _stemmer() -> Any:
    # Apart from the taggers: English stories stem topic keywords without loading them.
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the Snowball stem of a lowercased word, ё folded to е."""
    word = word.lower().replace("ё", "е")
    return _stemmer().stemWord(word)


@functools.cache
def morph(lang: str) -> Any:
    """Return pymorphy3 for Russian ('ru') or Ukrainian ('uk'), each loaded once for every reader."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk" if lang == "uk" else "ru")


def morph_uk() -> Any:
    """Return pymorphy3 with its Ukrainian dictionaries."""
    return morph("uk")
