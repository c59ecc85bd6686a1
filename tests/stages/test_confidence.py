"""pipeline.stages.confidence: fitting the precision table, backing off to coarser buckets, and the
shipped table's answers staying probabilities."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages import confidence as cf

FEATURES = ("how", "intro", "speaker_type")


def claims(n_right, n_wrong, **evidence):
    return [(dict(evidence), True)] * n_right + [(dict(evidence), False)] * n_wrong


def test_bucket_keys_name_features_in_order_and_cap_distances():
    ev = {"how": "after", "intro": "colon", "kb": True, "distance": 4, "speaker_type": None}
    assert cf.bucket_key(("how", "intro"), ev) == "how=after|intro=colon"
    assert cf.bucket_key(("kb", "distance", "speaker_type"), ev) == "kb=yes|distance=2+|speaker_type=none"
    assert cf.bucket_key(("distance",), {"distance": 1}) == "distance=1"


def test_laplace_at_the_top_and_each_bucket_drawn_towards_its_parent():
    table = cf.fit_table(claims(8, 0, how="after", intro="colon") + claims(1, 1, how="previous", intro="colon"),
                         ("how", "intro"), min_claims=2)
    assert table["overall"]["precision"] == round(10 / 12, 4)
    after = table["buckets"]["how=after"]["precision"]
    assert after == round((8 + 2 * 10 / 12) / 10, 4)
    assert table["buckets"]["how=after|intro=colon"]["precision"] == round((8 + 2 * after) / 10, 4)


def test_lookup_backs_off_to_the_finest_bucket_with_enough_claims():
    judged = claims(9, 1, how="after", intro="colon", speaker_type="PERSON") + claims(2, 0, how="after", intro="colon",
                                                                                       speaker_type="ORG")
    judged += claims(2, 8, how="previous", intro="none", speaker_type="PERSON")
    table = cf.fit_table(judged, FEATURES, min_claims=5)
    assert "how=after|intro=colon|speaker_type=ORG" not in table["buckets"]  # two claims: too few
    org = {"how": "after", "intro": "colon", "speaker_type": "ORG"}
    assert cf.claim_confidence(org, table) == table["buckets"]["how=after|intro=colon"]["precision"]
    person = dict(org, speaker_type="PERSON")
    assert cf.claim_confidence(person, table) == table["buckets"]["how=after|intro=colon|speaker_type=PERSON"]["precision"]
    unseen = {"how": "joint", "intro": "colon"}
    assert cf.claim_confidence(unseen, table) == table["overall"]["precision"]
    assert cf.claim_confidence({}, table) == table["overall"]["precision"]


def test_buckets_with_more_right_claims_get_more_confidence():
    judged = claims(18, 2, how="after") + claims(10, 10, how="before") + claims(2, 18, how="previous")
    table = cf.fit_table(judged, ("how",), min_claims=5)
    after, before, previous = (cf.claim_confidence({"how": h}, table) for h in ("after", "before", "previous"))
    assert after > before > previous


def test_fitting_is_deterministic_whatever_the_order_of_claims():
    judged = claims(5, 1, how="after", intro="colon") + claims(3, 4, how="before", intro="quote") + claims(6, 0, how="after")
    a = cf.fit_table(judged, FEATURES, 3)
    b = cf.fit_table(list(reversed(judged)), FEATURES, 3)
    assert json.dumps(a) == json.dumps(b)


def test_heavier_smoothing_keeps_a_small_bucket_nearer_its_parent():
    judged = claims(20, 20, how="after") + claims(4, 0, how="before")
    light = cf.fit_table(judged, ("how",), 1, prior_weight=2)
    heavy = cf.fit_table(judged, ("how",), 1, prior_weight=20)
    overall = light["overall"]["precision"]
    assert heavy["prior_weight"] == 20
    assert overall < heavy["buckets"]["how=before"]["precision"] < light["buckets"]["how=before"]["precision"]


def articles_where_how_matters(n=8):
    """Per article: 'after' claims right, 'previous' claims wrong, 'kb' drawn regardless."""
    rng = __import__("random").Random(7)
    return [[({"how": how, "kb": rng.random() < 0.5}, how == "after") for how in ("after", "after", "after", "previous")]
            for _ in range(n)]


def test_held_out_loss_prefers_the_feature_that_tells_right_from_wrong():
    groups = articles_where_how_matters()
    assert cf.held_out_log_loss(groups, ("how",), 1) < cf.held_out_log_loss(groups, ("kb",), 1)
    assert cf.held_out_log_loss(groups, ("how",), 1) < cf.held_out_log_loss(groups, (), 1)


def test_selection_ranks_every_ordering_and_weight_and_puts_the_informative_feature_first():
    ranking = cf.select_features(articles_where_how_matters(), ("how", "kb"), depth=2, min_claims=1, weights=(2.0, 10.0))
    assert len(ranking) == (1 + 2 + 2) * 2  # (), two singles, two orderings of the pair; two weights each
    assert ranking[0][1][0] == "how"
    assert ranking == sorted(ranking, key=lambda r: (r[0], len(r[1]), -r[2], r[1]))


evidence_dicts = st.fixed_dictionaries({}, optional={
    "how": st.sampled_from(["after", "before", "previous", "unnamed", "anaphor", "joint", "prep", "other"]),
    "intro": st.sampled_from(["complementizer", "colon", "quote", "prep", "none"]),
    "speaker_type": st.sampled_from(["PERSON", "ORG", "GROUP", None]),
    "cue_kind": st.sampled_from(["verb", "participle", "masdar", "noun", "prep"]),
    "kb": st.booleans(),
    "distance": st.integers(0, 9),
})


@given(st.lists(st.tuples(evidence_dicts, st.booleans()), max_size=40), evidence_dicts, st.integers(1, 6))
def test_a_fitted_table_gives_probabilities(judged, evidence, min_claims):
    value = cf.claim_confidence(evidence, cf.fit_table(judged, FEATURES, min_claims))
    assert 0.0 <= value <= 1.0


@given(evidence_dicts)
def test_the_shipped_table_gives_probabilities(evidence):
    assert 0.0 < cf.claim_confidence(evidence) < 1.0


def test_the_shipped_table_is_fitted_data():
    table = cf.load_table()
    assert table["features"] and table["overall"]["claims"] > 0
    for key, row in table["buckets"].items():
        assert row["claims"] >= table["min_claims"] and 0 <= row["right"] <= row["claims"]
        assert key.split("|")[0].split("=")[0] == table["features"][0]


def test_the_shipped_table_trusts_a_named_person_more_than_an_unnamed_group():
    said = {"intro": "complementizer", "cue_kind": "verb", "distance": 0}
    named = cf.claim_confidence(dict(said, how="after", speaker_type="PERSON", kb=True))
    unnamed = cf.claim_confidence(dict(said, how="unnamed", speaker_type="GROUP", kb=False))
    assert named > unnamed
