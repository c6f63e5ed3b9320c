"""SPEC §2.4 rule 3: a sprain history names the joint capsule only without a calf code."""

from __future__ import annotations

from typing import Any

from dorsi.core.assessment.document import report_to_document
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.report import Report
from dorsi.core.codes import LimitingFactor, Side

CAPSULE = LimitingFactor.JOINT_CAPSULE


def run(**parts: Any) -> Report:
    doc: dict[str, Any] = {
        "knee_to_wall": {"left": 8.0, "right": 11.0},
        "profile": {"sprains": {"left": 2}},
    }
    doc.update(parts)
    return assess(parse_assessment(doc))


def left(report: Report) -> Any:
    result = report.side(Side.LEFT)
    assert result is not None
    return result


def test_a_sprain_and_under_10_cm_name_the_capsule_when_nothing_points_at_the_calf() -> None:
    result = left(run())
    assert result.limiting_factors == (CAPSULE,)
    assert result.possible == ()


def test_sprain_plus_felt_calf_stretch_does_not_give_joint_capsule() -> None:
    report = run(felt={"left": "calf_stretch"})
    result = left(report)
    assert result.limiting_factors == (LimitingFactor.CALF_SOFT_TISSUE,)
    [possible] = result.possible
    assert possible.factor is CAPSULE
    finding = next(f for f in report.findings if f.code == "joint_capsule_possible")
    assert "possibly also involved" in finding.text
    doc = report_to_document(report)["sides"]["left"]
    assert doc["limiting_factors"] == ["calf_soft_tissue"]
    assert [item["code"] for item in doc["possible_factors"]] == ["joint_capsule"]
    assert "joint_capsule" not in report_to_document(report)["limiting_factors"]


def test_sprain_plus_a_three_position_calf_code_does_not_give_joint_capsule() -> None:
    for positions, factor in (
        ({"straight_knee": "restricted", "bent_knee": "ok"}, LimitingFactor.GASTROCNEMIUS),
        ({"straight_knee": "ok", "bent_knee": "restricted"}, LimitingFactor.SOLEUS),
    ):
        result = left(run(three_position={"left": positions}))
        assert result.limiting_factors == (factor,)
        assert [item.factor for item in result.possible] == [CAPSULE]


def test_a_goniometer_calf_code_does_not_block_the_sprain_rule() -> None:
    result = left(run(goniometer_deg={"left": {"knee_straight": 2.0}}))
    assert result.limiting_factors == (LimitingFactor.GASTROCNEMIUS, CAPSULE)
    assert result.possible == ()


def test_when_another_rule_names_the_capsule_the_sprain_adds_its_reason() -> None:
    result = left(
        run(
            felt={"left": "front_pinch"},
            three_position={"left": {"straight_knee": "restricted", "bent_knee": "ok"}},
        )
    )
    assert result.limiting_factors == (LimitingFactor.GASTROCNEMIUS, CAPSULE)
    assert "sprain" in result.limitations[1].reason
    assert result.possible == ()


def test_the_sprain_reason_does_not_assume_an_old_poorly_healed_sprain() -> None:
    reason = left(run()).limitations[0].reason
    assert "rehabilitat" not in reason
    assert "2 sprains" in reason
