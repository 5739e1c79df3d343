"""`mediator-desk deadlines`: every clock by name, plain English, JSON and errors."""

from __future__ import annotations

import json

import pytest

from mediator_desk.cli import main

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
    facts = [
        "--decision-sent",
        "2026-11-30",
        "--declined",
        "2026-12-02",
        "--la-informed",
        "2026-12-01",
        "--health-issues",
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
