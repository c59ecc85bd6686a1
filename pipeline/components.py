"""The built-in pipeline components: thin factories over the stage modules.

Stage modules (segment, tagger, dates, ner, coref, resolve, claims) stay pure functions and
classes; this module wires them to the shared resources and registers them by name.
"""
from __future__ import annotations

from .doc import Document
from .paths import lexicon_path
from .registry import register_component
from .segment import Vocabulary, segment


@register_component("segment")
def make_segmenter(res, cfg):
    def load_vocab():
        return Vocabulary.load(lexicon_path(cfg.get("vocab", "word_counts.tsv.gz")))

    vocab = res.get("vocab", load_vocab)

    def segment_component(doc: Document) -> Document:
        doc.norm, doc.sentences, doc.tokens = segment(doc.text, vocab)
        return doc

    return segment_component
