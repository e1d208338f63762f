"""Agreement: pairwise F1 and Krippendorff's alpha against values computed by hand."""

import pytest

from tests.factories import acting
from workbench.annotation import services
from workbench.annotation.agreement import (
    agreement,
    character_alpha,
    coverage,
    exact_f1,
    overlap_f1,
)


def test_two_annotators_overlapping_spans():
    """A covers 0:4 and B covers 2:6 of a 10-character text.

    Exact F1 = 0 (no identical span). Overlap F1 = 1 (each span overlaps the other's).
    Alpha: A = 1111000000, B = 0011110000. Units 0,1 and 4,5 disagree (o01 = o10 = 4),
    units 2,3 agree on 1 (o11 = 4), units 6..9 agree on 0 (o00 = 8). So n0 = 12, n1 = 8,
    n = 20 and alpha = 1 - (n - 1)(o01 + o10) / (2 n0 n1) = 1 - 19·8 / 192 = 5/24.
    """
    result = agreement({"a": [(0, 4)], "b": [(2, 6)]}, 10)
    assert result.exact_f1 == 0
    assert result.overlap_f1 == 1
    assert result.alpha == pytest.approx(5 / 24)
    assert [(p.a, p.b) for p in result.pairs] == [("a", "b")]


def test_three_annotators_one_silent():
    """A marks 0:2 and 5:8, B marks 0:2, C marks nothing, over 8 characters.

    Exact F1: (A,B) = 2·1/(2+1) = 2/3, (A,C) = (B,C) = 0, mean 2/9.
    Overlap F1: (A,B) has R = 1/2, P = 1, F1 = 2/3; the others 0; mean 2/9.
    Alpha: units 0,1 are (1,1,0), units 2..4 (0,0,0), units 5..7 (1,0,0). With pair weight
    1/(m-1) = 1/2: o11 = 2, o01 = o10 = 2 + 3 = 5, o00 = 9 + 3 = 12; n0 = 17, n1 = 7, n = 24;
    alpha = 1 - 23·10 / (2·17·7) = 1 - 230/238 = 4/119.
    """
    result = agreement({"a": [(0, 2), (5, 8)], "b": [(0, 2)], "c": []}, 8)
    assert result.exact_f1 == pytest.approx(2 / 9)
    assert result.overlap_f1 == pytest.approx(2 / 9)
    assert result.alpha == pytest.approx(4 / 119)
    assert result.spans == {"a": 2, "b": 1, "c": 0}
    assert [p.exact_f1 for p in result.pairs] == pytest.approx([2 / 3, 0, 0])


def test_overlap_counts_each_side():
    """A: 0:5, 10:12; B: 3:4, 4:6, 20:22. R = 1/2 (only 0:5 is hit), P = 2/3 (3:4 and 4:6
    touch 0:5; spans that only meet at a boundary, like 0:5 and 5:8, do not overlap);
    F1 = 2·(1/2)·(2/3) / (1/2 + 2/3) = 4/7."""
    assert overlap_f1([(0, 5), (10, 12)], [(3, 4), (4, 6), (20, 22)]) == pytest.approx(4 / 7)
    assert overlap_f1([(0, 5)], [(5, 8)]) == 0


def test_perfect_and_undefined_agreement():
    """Identical spans give 1 everywhere; nothing marked by anyone gives no value at all."""
    same = agreement({"a": [(1, 3)], "b": [(1, 3)]}, 5)
    assert (same.exact_f1, same.overlap_f1, same.alpha) == (1, 1, pytest.approx(1))
    empty = agreement({"a": [], "b": []}, 5)
    assert (empty.exact_f1, empty.overlap_f1, empty.alpha) == (None, None, None)
    assert exact_f1([(0, 1)], []) == 0
    assert character_alpha({"a": [(0, 1)]}, 5) is None
    assert list(coverage([(1, 3), (2, 4)], 5)) == [0, 1, 1, 1, 0]


@pytest.mark.django_db
def test_document_agreement_api(
    annotator, other_annotator, reviewer, outsider, document, annotate, api, label_types
):
    """The endpoint compares the authors' live spans per label type, whatever their review.

    Both mark "taxes" as a claim (exact match); one is then accepted and the other rejected,
    and the match still counts. Only the annotator marks "minister" as a source, so for
    sources exact and overlap F1 are 0. A deleted claim is left out, and outsiders get 404.
    """
    first = annotate(annotator, document, "taxes")
    second = annotate(other_annotator, document, "taxes")
    annotate(annotator, document, "minister", "source")
    services.annotation_review(actor=acting(reviewer, first), annotation=first, decision="accept")
    services.annotation_review(
        actor=acting(reviewer, second), annotation=second, decision="reject", reason="Not a claim."
    )
    gone = annotate(other_annotator, document, "Critics")
    services.annotation_delete(actor=acting(other_annotator, gone), annotation=gone)
    response = api(reviewer).get(f"/api/v1/documents/{document.pk}/agreement/")
    assert response.status_code == 200
    results = {row["label_type"]: row for row in response.json()["results"]}
    claim = results["claim"]
    assert sorted(claim["annotators"]) == sorted([annotator.username, other_annotator.username])
    assert (claim["exact_f1"], claim["overlap_f1"]) == (1.0, 1.0)
    assert claim["alpha"] == pytest.approx(1.0)
    assert claim["units"] == len(document.text)
    assert (results["source"]["exact_f1"], results["source"]["overlap_f1"]) == (0.0, 0.0)
    assert results["stance"]["exact_f1"] is None
    only = api(reviewer).get(
        f"/api/v1/documents/{document.pk}/agreement/",
        {"label_type": label_types["claim"].pk},
    )
    assert [row["label_type"] for row in only.json()["results"]] == ["claim"]
    bad = api(reviewer).get(f"/api/v1/documents/{document.pk}/agreement/", {"label_type": 999})
    assert bad.status_code == 400 and "label_type" in bad.json()
    assert api(outsider).get(f"/api/v1/documents/{document.pk}/agreement/").status_code == 404
