"""Tiny CAMeL Tools and Stanza models built offline, for the backend adapter tests.

Their quality does not matter; what matters is that the real library code loads and runs
them. The CAMeL NER model is a BERT token classifier with no transformer layer whose
embeddings are one-hot, so each vocabulary word maps to a chosen label: the tests know what
it predicts. The Stanza models (tokenizer, dictionary MWT, NER with a tiny pretrain) are
trained for a few steps on a dozen sentences with Stanza's own training scripts.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
# Word -> label of the tiny CAMeL model; every other word is O ([UNK] included). الصين alone
# is unknown, so a LOC on الصين proves the adapter sent the whole word والصين.
CAMEL_WORDS = {"والصين": "B-LOC", "محمد": "B-PERS", "بن": "I-PERS", "سلمان": "I-PERS", "جوجل": "B-ORG",
               "للشركه": "B-ORG", "عربي": "B-MISC"}
CATALOGUE = {"version": "1.6.0", "packages": {}, "components": {
    "NamedEntityRecognition": {"default": "arabert", "datasets": {"arabert": {"path": "ner/arabert"}}},
    "MorphologyDB": {"default": "calima-msa-r13", "datasets": {"calima-msa-r13": {"path": "morphology_db/calima-msa-r13"}}},
    "DisambigMLE": {"default": "calima-msa-r13", "datasets": {"calima-msa-r13": {"path": "disambig_mle/calima-msa-r13"}}},
}}


def camel_data(root: Path) -> Path:
    """A CAMELTOOLS_DATA folder laid out as ``camel_data`` installs it (catalogue + data/...)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "catalogue.json").write_text(json.dumps(CATALOGUE), encoding="utf-8")
    camel_ner_model(root / "data" / "ner" / "arabert")
    db = root / "data" / "morphology_db" / "calima-msa-r13"
    db.mkdir(parents=True, exist_ok=True)
    (db / "morphology.db").write_text(morphology_db(), encoding="utf-8")
    mle = root / "data" / "disambig_mle" / "calima-msa-r13"
    mle.mkdir(parents=True, exist_ok=True)
    (mle / "model.json").write_text(json.dumps(mle_model(), ensure_ascii=False), encoding="utf-8")
    return root


def camel_ner_model(out: Path) -> Path:
    """A ``NERecognizer(path)`` folder: config with CAMeL's labels, weights, vocab.txt."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    out.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *CAMEL_WORDS, "قال", "في", "."]
    (out / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    (out / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": False, "strip_accents": False}))
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=0, num_attention_heads=1,
                        intermediate_size=8, max_position_embeddings=256, id2label=dict(enumerate(CAMEL_LABELS)),
                        label2id={label: i for i, label in enumerate(CAMEL_LABELS)})
    model = BertForTokenClassification(config)
    with torch.no_grad():
        emb = model.bert.embeddings
        for table in (emb.word_embeddings, emb.position_embeddings, emb.token_type_embeddings):
            table.weight.zero_()
        for i in range(len(vocab)):
            emb.word_embeddings.weight[i, i] = 10.0
        emb.LayerNorm.weight.fill_(1.0)
        emb.LayerNorm.bias.zero_()
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        model.classifier.bias[CAMEL_LABELS.index("O")] = 1.0
        for word, label in CAMEL_WORDS.items():
            model.classifier.weight[CAMEL_LABELS.index(label), vocab.index(word)] = 5.0
    model.save_pretrained(out)
    return out


def morphology_db() -> str:
    """A calima-style database in CAMeL's text format: a few stems; proclitics و ف ب ل س ال."""
    zero = "prc3:0 prc2:0 prc1:0 prc0:0"
    defines = ["DEFINE pos pos:noun pos:verb pos:digit pos:punc pos:latin",
               "DEFINE prc3 prc3:0 prc3:>a_ques", "DEFINE prc2 prc2:0 prc2:wa_conj prc2:fa_conj",
               "DEFINE prc1 prc1:0 prc1:bi_prep prc1:li_prep prc1:sa_fut", "DEFINE prc0 prc0:0 prc0:Al_det",
               *(f"DEFINE {f} {f}:*open*" for f in ("diac", "lex", "bw", "pos_lex_logprob"))]
    defaults = [f"DEFAULT pos:{p} {zero} diac:* lex:* bw:*" for p in ("noun", "verb", "digit", "punc", "latin")]
    prefixes = [("", "P0", ""), ("و", "P", "prc2:wa_conj"), ("ف", "P", "prc2:fa_conj"), ("ب", "P", "prc1:bi_prep"),
                ("ل", "P", "prc1:li_prep"), ("وب", "P", "prc2:wa_conj prc1:bi_prep"), ("س", "PV", "prc1:sa_fut"),
                ("وس", "PV", "prc2:wa_conj prc1:sa_fut"), ("ال", "PA", "prc0:Al_det"),
                ("وال", "PA", "prc2:wa_conj prc0:Al_det"), ("بال", "PA", "prc1:bi_prep prc0:Al_det"),
                ("لل", "PA", "prc1:li_prep prc0:Al_det")]
    # stem (normalised, as the analyser looks it up), category, lemma, pos-lex log probability
    stems = [("كتاب", "N", "كِتاب", "-2.0"), ("شركه", "N", "شَرِكَة", "-2.5"), ("وزير", "N", "وَزِير", "-4.0"),
             ("زير", "N", "زِير", "-1.0"), ("وكاله", "N", "وَكالَة", "-4.0"), ("كاله", "N", "كالَة", "-1.0"),
             ("كتب", "V", "كَتَب", "-3.0")]
    lines = ["###DEFINES###", *defines, "###DEFAULTS###", *defaults, "###ORDER###",
             "ORDER pos prc3 prc2 prc1 prc0 diac lex bw", "###TOKENIZATIONS###", "###STEMBACKOFF###", "###PREFIXES###"]
    lines += [f"{form}\t{cat}\tdiac:{form} bw:{form}/PART {feats}".rstrip() for form, cat, feats in prefixes]
    lines += ["###SUFFIXES###", "\tS0\tdiac: bw:", "###STEMS###"]
    for stem, cat, lex, logprob in stems:
        pos = "verb" if cat == "V" else "noun"
        lines.append(f"{stem}\t{cat}\tdiac:{lex} lex:{lex}_1 bw:{lex}/{pos.upper()} pos:{pos} {zero} "
                     f"pos_lex_logprob:{logprob}")
    lines += ["###TABLE AB###", "P0 N", "P N", "PA N", "P0 V", "P V", "PV V",
              "###TABLE BC###", "N S0", "V S0", "###TABLE AC###", "P0 S0", "P S0", "PA S0", "PV S0"]
    return "\n".join(lines) + "\n"


def mle_model() -> dict:
    """Raw word -> reference analysis: وزير and وكالة are nouns, not و + زير / كالة (which the
    log probabilities alone prefer)."""
    noun = {"pos": "noun", "prc3": "0", "prc2": "0", "prc1": "0", "prc0": "0"}
    return {"وزير": {**noun, "diac": "وَزِير", "lex": "وَزِير_1", "bw": "وَزِير/NOUN"},
            "وكالة": {**noun, "diac": "وَكالَة", "lex": "وَكالَة_1", "bw": "وَكالَة/NOUN"}}


# Stanza training sentences: (surface token, its syntactic words, NER tag).
STANZA_SENTENCES = [
    [("قال", ["قال"], "O"), ("محمد", ["محمد"], "B-PER"), ("سلمان", ["سلمان"], "I-PER"), ("في", ["في"], "O"),
     ("والصين", ["و", "الصين"], "B-LOC"), (".", ["."], "O")],
    [("زار", ["زار"], "O"), ("محمد", ["محمد"], "B-PER"), ("الصين", ["الصين"], "B-LOC"), ("مع", ["مع"], "O"),
     ("جوجل", ["جوجل"], "B-ORG"), (".", ["."], "O")],
    [("وقال", ["و", "قال"], "O"), ("جوجل", ["جوجل"], "B-ORG"), ("في", ["في"], "O"), ("الصين", ["الصين"], "B-LOC"),
     (".", ["."], "O")],
] * 4


def stanza_resources(root: Path) -> Path:
    """A stanza resources folder (resources.json + ar/{tokenize,mwt,ner,pretrain}/tiny.pt)."""
    work = root / "_train"
    work.mkdir(parents=True, exist_ok=True)
    ar = root / "ar"
    for proc in ("tokenize", "mwt", "ner", "pretrain"):
        (ar / proc).mkdir(parents=True, exist_ok=True)
    _stanza_training_files(work)
    from stanza.models import mwt_expander, ner_tagger, tokenizer
    from stanza.models.common.pretrain import Pretrain

    Pretrain(str(ar / "pretrain" / "tiny.pt"), str(work / "vectors.txt")).load()  # writes the .pt
    tokenizer.main(["--txt_file", str(work / "tok.txt"), "--label_file", str(work / "tok.labels"),
                    "--dev_txt_file", str(work / "tok.txt"), "--dev_label_file", str(work / "tok.labels"),
                    "--mwt_json_file", str(work / "mwt.json"), "--dev_conll_gold", str(work / "mwt.conllu"),
                    "--lang", "ar", "--shorthand", "ar_tiny", "--use_mwt", "--steps", "80", "--eval_steps", "100000",
                    "--batch_size", "4", "--emb_dim", "16", "--hidden_dim", "16", "--max_seqlen", "60", "--lr0", "0.01",
                    "--save_dir", str(ar / "tokenize"), "--save_name", str(ar / "tokenize" / "tiny.pt"), "--cpu"])
    mwt_expander.main(["--train_file", str(work / "mwt.conllu"), "--eval_file", str(work / "mwt.conllu"),
                       "--gold_file", str(work / "mwt.conllu"), "--output_file", str(work / "mwt.out.conllu"),
                       "--lang", "ar", "--shorthand", "ar_tiny", "--dict_only", "--save_dir", str(ar / "mwt"),
                       "--save_name", "tiny.pt", "--cpu"])
    ner_tagger.main(["--train_file", str(work / "ner.json"), "--eval_file", str(work / "ner.json"),
                     "--wordvec_pretrain_file", str(ar / "pretrain" / "tiny.pt"), "--shorthand", "ar_tiny",
                     "--hidden_dim", "16", "--char_hidden_dim", "8", "--char_emb_dim", "8", "--word_emb_dim", "8",
                     "--max_steps", "100", "--eval_interval", "100", "--batch_size", "12", "--optim", "adam",
                     "--lr", "0.02", "--dropout", "0", "--word_dropout", "0", "--scheme", "bio",
                     "--save_dir", str(ar / "ner"), "--save_name", "tiny.pt", "--cpu"])
    resources = {"ar": {
        "lang_name": "Arabic", "tokenize": {"tiny": {}}, "mwt": {"tiny": {}}, "pretrain": {"tiny": {}},
        "ner": {"tiny": {"dependencies": [{"model": "pretrain", "package": "tiny"}]}},
        "default_processors": {"tokenize": "tiny", "mwt": "tiny", "ner": "tiny"},
        "packages": {"default": {"tokenize": "tiny", "mwt": "tiny", "ner": "tiny"}},
    }}
    (root / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    return root


def _stanza_training_files(work: Path) -> None:
    text, labels, conllu, mwts, ner = [], [], [], [], []
    for sent in STANZA_SENTENCES:
        n = 1
        for i, (tok, words, tag) in enumerate(sent):
            # per character: 0 inside, 1 token end, 2 sentence end, 3 multi-word token end
            end = "2" if i == len(sent) - 1 else "3" if len(words) > 1 else "1"
            text.append(tok + " ")
            labels.append("0" * (len(tok) - 1) + end + "0")
            if len(words) > 1:
                conllu.append(f"{n}-{n + len(words) - 1}\t{tok}" + "\t_" * 8)
                mwts.append([[tok, words], 1])
            for w in words:
                conllu.append(f"{n}\t{w}\t_\t_\t_\t_\t{n - 1}\tdep\t_\t_")
                n += 1
        conllu.append("")
        ner.append([{"text": tok, "ner": tag} for tok, _, tag in sent])
    (work / "tok.txt").write_text("".join(text), encoding="utf-8")
    (work / "tok.labels").write_text("".join(labels), encoding="utf-8")
    (work / "mwt.conllu").write_text("\n".join(conllu) + "\n", encoding="utf-8")
    (work / "mwt.json").write_text(json.dumps(mwts, ensure_ascii=False), encoding="utf-8")
    (work / "ner.json").write_text(json.dumps(ner, ensure_ascii=False), encoding="utf-8")
    vocab = sorted({tok for sent in STANZA_SENTENCES for tok, _, _ in sent})
    rng = random.Random(0)
    rows = [w + " " + " ".join(f"{rng.uniform(-1, 1):.3f}" for _ in range(8)) for w in vocab]
    (work / "vectors.txt").write_text(f"{len(vocab)} 8\n" + "\n".join(rows) + "\n", encoding="utf-8")
