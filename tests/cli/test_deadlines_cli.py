"""`mediator-desk deadlines`: every clock by name, plain English, JSON and errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mediator_desk.cli import main
from tests.conftest import make_case

D = dt.date

ALL_CLOCKS = {
    "contact_adviser_by",
    "certificate_declined_due",
    "la_notify_icb_by",
    "mediation_by",
    "certificate_not_arranged_due",
    "notice_by",
    "certificate_concluded_due",
    "statement_circulate_by",
    "appeal_by",
    "non_appealable_action_by",
    "icb_notify_la_by",
    "assessment_notify_by",
    "assessment_no_plan_decision_by",
    "assessment_final_plan_by",
    "plan_draft_by",
    "plan_final_by",
    "amended_plan_by",
    "section_i_amended_plan_by",
}


def run_json(capsys, *args):
    assert main(["deadlines", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_domain_worked_examples(capsys):
    out = run_json(capsys, "--decision-sent", "2026-11-30", "--certificate-issued", "2027-02-08")
    assert out["appeal_by"] == "2027-03-08"
    assert out["contact_adviser_by"] == "2027-01-30"
    assert "r20(1)(c)" in out["explain"]["appeal_by"]
    out = run_json(capsys, "--declined", "2026-12-23")
    assert out["certificate_declined_due"] == "2026-12-30"
    out = run_json(capsys, "--la-informed", "2026-12-01", "--meeting", "2026-05-26")
    assert (out["mediation_by"], out["notice_by"]) == ("2026-12-31", "2026-05-15")
    out = run_json(capsys, "--agreement", "2026-06-01")
    assert (out["amended_plan_by"], out["section_i_amended_plan_by"]) == (
        "2026-07-06",
        "2026-06-15",
    )
    assert (out["plan_draft_by"], out["plan_final_by"]) == ("2026-07-06", "2026-08-17")
    assert out["non_appealable_action_by"] == "2026-06-15"


def test_every_clock_name_can_appear(capsys):
    # A health-only mediation (reg 42(4) runs only where the LA was not a party), declined
    # before the family asked for it (a withdrawal afterwards would stop the 30-day clock).
    facts = [
        "--decision-sent",
        "2026-11-30",
        "--declined",
        "2026-11-30",
        "--la-informed",
        "2026-12-01",
        "--icb-notified",
        "2026-12-02",
        "--health-only",
        "--la-cannot-arrange",
        "2026-12-20",
        "--meeting",
        "2026-12-18",
        "--concluded",
        "2026-12-18",
        "--certificate-issued",
        "2026-12-21",
        "--agreement",
        "2026-12-18",
    ]
    out = run_json(capsys, *facts)
    assert set(out) - {"explain"} == ALL_CLOCKS
    assert set(out["explain"]) == ALL_CLOCKS
    assert all(isinstance(sentence, str) and sentence for sentence in out["explain"].values())


def test_clocks_without_facts_are_left_out(capsys):
    out = run_json(capsys, "--section-i-only", "--decision-sent", "2026-10-26")
    assert out == {"appeal_by": "2027-01-04", "explain": {"appeal_by": out["explain"]["appeal_by"]}}
    assert run_json(capsys) == {"explain": {}}


def test_plain_english_output(capsys):
    assert main(["deadlines", "--decision-sent", "2026-06-16"]) == 0
    out = capsys.readouterr().out
    assert "Appeal to reach the Tribunal (5pm)" in out
    assert "Tuesday 1 September 2026" in out
    assert "falls in August" in out


@pytest.mark.parametrize(
    "value", ["2026-02-30", "yesterday", "30/11/2026", "2026-13-01", "9999-12-31", "0001-01-01"]
)
def test_invalid_dates_are_one_line_and_exit_2(capsys, value):
    assert main(["deadlines", "--decision-sent", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mediator-desk: --decision-sent:")


def test_a_cases_own_deadlines(casefile_path, capsys):
    main(["demo", "--no-encryption", "--casefile", str(casefile_path)])
    capsys.readouterr()
    assert main(["deadlines", "--casefile", str(casefile_path), "--case", "MD-2026-0004"]) == 0
    out = capsys.readouterr().out
    assert "Ayaan Qureshi" in out and "Agreed action: Issue the amended plan" in out
    assert (
        main(["deadlines", "--casefile", str(casefile_path), "--case", "MD-2026-0004", "--json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert "statement_circulate_by" in data and "explain" in data
    assert main(["deadlines", "--casefile", str(casefile_path), "--case", "MD-1999-0001"]) == 1
    assert "There is no case MD-1999-0001" in capsys.readouterr().err


def test_a_withdrawal_leaves_the_stopped_clocks_out(capsys):
    """SEND Regulations 2014 (the 30-day duty to arrange mediation; DOMAIN.md section 4): after
    the family withdraws, the clocks about arranging the meeting are left out of the JSON
    entirely; the certificate for the withdrawal runs (3 working days)."""
    out = run_json(
        capsys,
        "--la-informed",
        "2026-03-16",
        "--meeting",
        "2026-04-20",
        "--declined",
        "2026-04-03",
    )
    assert set(out) == {"certificate_declined_due", "statement_circulate_by", "explain"}
    assert set(out["explain"]) == {"certificate_declined_due", "statement_circulate_by"}
    assert out["certificate_declined_due"] == "2026-04-09"
    assert main(["deadlines", "--la-informed", "2026-03-16", "--declined", "2026-04-03"]) == 0
    text = capsys.readouterr().out
    assert "No longer running:" in text
    assert "Mediation to take place: The family withdrew from mediation on Friday 3 April" in text


def test_reg_42_4_only_after_a_health_only_mediation(capsys):
    """SEND Regulations 2014 reg 42(4): the ICB's week to tell the LA runs only where the LA
    was not a party to the mediation."""
    joint = run_json(capsys, "--health-issues", "--agreement", "2026-06-01")
    assert "icb_notify_la_by" not in joint and "icb_notify_la_by" not in joint["explain"]
    health_only = run_json(capsys, "--health-only", "--agreement", "2026-06-01")
    assert health_only["icb_notify_la_by"] == "2026-06-08"


def test_section_i_only_gives_only_the_two_month_limb(capsys):
    """CFA 2014 s55 (no certificate for Section I only): HESC Rules 2008 r20(1)(c)(i) only."""
    out = run_json(
        capsys,
        "--section-i-only",
        "--decision-sent",
        "2026-10-26",
        "--certificate-issued",
        "2026-12-01",
    )
    assert out["appeal_by"] == "2027-01-04"
    assert "r20(1)(c)(i)" in out["explain"]["appeal_by"]
    assert "month after the certificate" not in out["explain"]["appeal_by"]


def test_a_cases_stopped_clocks_are_left_out(desk, casefile_path, capsys):
    """SEND Regulations 2014: after mediation concluded, the clocks about arranging the meeting
    no longer run, even with a meeting date (wrongly) still in the future."""
    case = desk.create_case(
        make_case(
            la_informed=D(2026, 9, 14),
            health_issues=True,
            meeting_date=D(2026, 12, 7),
            concluded_on=D(2026, 11, 18),
        )
    )
    desk.close()
    args = ["deadlines", "--casefile", str(casefile_path), "--case", case.reference, "--json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    for name in ("mediation_by", "notice_by", "la_notify_icb_by"):
        assert name not in out and name not in out["explain"]
    assert out["certificate_concluded_due"] == "2026-11-23"
