"""The stages of the default pipeline, pure functions and classes over a ``Document``.

In pipeline order (``pipeline/data/config.json``): normalize, segment, kb + tagger (KB and
rule tagging, and the merge of all mentions), dates, ner, coref, resolve (with name_match),
cues + claims (with confidence). Stages import only the core and each other; ``factories``
wires them into components.
"""
