"""The case: references, validation that explains itself, and who is a young person."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.case import (
    CaseKind,
    CaseStatus,
    DecisionKind,
    Severity,
    check_case,
    format_reference,
    parse_reference,
)
from mediator_desk.domain.people import (
    age_on,
    birthday,
    is_young_person,
    school_leaving_date,
)
from tests.conftest import TODAY, make_case


def messages(case, field=None):
    checks = check_case(case, TODAY)
    return [p.message for p in checks.problems if field is None or p.field == field]


class TestReferences:
    def test_format_pads_to_four_digits(self):
        assert format_reference(2026, 1) == "MD-2026-0001"
        assert format_reference(2026, 12345) == "MD-2026-12345"

    def test_parse_round_trips_and_accepts_lower_case(self):
        assert parse_reference("md-2026-0042") == (2026, 42)
        assert parse_reference(format_reference(2031, 7)) == (2031, 7)

    @pytest.mark.parametrize("bad", ["", "MD-26-0001", "XX-2026-0001", "MD-2026-1", "MD-2026"])
    def test_parse_rejects_other_text(self, bad):
        with pytest.raises(ValueError, match="not a case reference"):
            parse_reference(bad)


class TestValidation:
    def test_a_complete_mediation_case_has_no_problems(self):
        assert check_case(make_case(), TODAY).problems == ()

    def test_name_is_required(self):
        checks = check_case(make_case(child_name="   "), TODAY)
        assert not checks.ok
        assert checks.for_field("child_name")[0].message == (
            "Enter the name of the child or young person."
        )

    def test_mediation_needs_the_local_authority(self):
        # The LA must take part in mediation (CFA 2014 s53-54; R (Kumar) v Hillingdon [2020]).
        assert "must take part" in messages(make_case(local_authority=""), "local_authority")[0]

    def test_mediation_needs_the_decision(self):
        assert messages(make_case(decision_kind=None), "decision_kind") == [
            "Choose the local authority decision in dispute."
        ]

    def test_other_disagreements_are_for_disagreement_resolution(self):
        # CFA 2014 s51(2) lists what can be mediated; s57 covers other disagreements.
        problems = messages(make_case(decision_kind=DecisionKind.OTHER), "decision_kind")
        assert "use disagreement resolution" in problems[0]
        dr = make_case(
            kind=CaseKind.DISAGREEMENT_RESOLUTION,
            decision_kind=DecisionKind.OTHER,
            decision_date=None,
            local_authority="",
        )
        assert check_case(dr, TODAY).ok

    def test_declined_is_only_for_mediation(self):
        dr = make_case(kind=CaseKind.DISAGREEMENT_RESOLUTION, status=CaseStatus.DECLINED)
        assert "no certificate" in messages(dr, "status")[0]

    def test_dates_in_the_future_are_refused(self):
        tomorrow = TODAY + dt.timedelta(days=1)
        assert messages(make_case(child_dob=tomorrow), "child_dob") == [
            "The date of birth is in the future."
        ]
        assert messages(make_case(decision_date=tomorrow), "decision_date") == [
            "The decision notice date is in the future."
        ]

    def test_decision_before_birth_is_refused(self):
        case = make_case(child_dob=dt.date(2020, 1, 1), decision_date=dt.date(2019, 6, 1))
        assert "before the child's date of birth" in messages(case, "decision_date")[0]

    def test_missing_decision_date_is_a_warning_not_an_error(self):
        checks = check_case(make_case(decision_date=None), TODAY)
        assert checks.ok
        assert checks.warnings[0].field == "decision_date"
        assert checks.warnings[0].severity is Severity.WARNING

    def test_over_25_is_a_warning(self):
        checks = check_case(make_case(child_dob=dt.date(2001, 1, 1), decision_date=None), TODAY)
        assert any("25 or over" in p.message for p in checks.warnings)
        assert checks.ok

    def test_section_i_only_needs_a_plan_contents_decision(self):
        assert messages(make_case(section_i_only=True), "section_i_only")
        ok = make_case(section_i_only=True, decision_kind=DecisionKind.AMENDED_PLAN_CONTENTS)
        assert not messages(ok, "section_i_only")

    def test_meeting_before_the_decision_is_refused(self):
        case = make_case(meeting_date=dt.date(2026, 10, 1))
        assert messages(case, "meeting_date") == [
            "The meeting date is before the decision notice date."
        ]

    def test_overlong_text_is_refused(self):
        assert "longer than 200" in messages(make_case(child_name="A" * 201), "child_name")[0]


class TestYoungPerson:
    """CFA 2014 s83(2): a young person is over compulsory school age and under 25.
    Compulsory school age ends on the last Friday in June of the school year in which the
    person turns 16 (Education Act 1996 s8; Education (School Leaving Date) Order 1997)."""

    def test_leaving_date_for_a_birthday_in_the_spring(self):
        # Turns 16 on 10 March 2026: the last Friday in June 2026 is the 26th.
        assert school_leaving_date(dt.date(2010, 3, 10)) == dt.date(2026, 6, 26)

    def test_a_summer_birthday_leaves_before_turning_16(self):
        # Turns 16 on 20 August 2026, in the school year ending August 2026.
        assert school_leaving_date(dt.date(2010, 8, 20)) == dt.date(2026, 6, 26)

    def test_an_autumn_birthday_leaves_the_following_june(self):
        # Turns 16 on 1 September 2026: that school year ends in 2027 (last Friday 25 June).
        assert school_leaving_date(dt.date(2010, 9, 1)) == dt.date(2027, 6, 25)

    def test_young_person_from_the_day_after_leaving_date(self):
        dob = dt.date(2010, 3, 10)
        assert not is_young_person(dob, dt.date(2026, 6, 26))
        assert is_young_person(dob, dt.date(2026, 6, 27))

    def test_no_longer_a_young_person_at_25(self):
        dob = dt.date(2001, 11, 24)
        assert is_young_person(dob, dt.date(2026, 11, 23))
        assert not is_young_person(dob, dt.date(2026, 11, 24))

    def test_leap_day_birthday(self):
        assert birthday(dt.date(2012, 2, 29), 16) == dt.date(2028, 2, 29)
        assert birthday(dt.date(2012, 2, 29), 17) == dt.date(2029, 3, 1)

    def test_age(self):
        assert age_on(dt.date(2014, 11, 24), TODAY) == 11
        assert age_on(dt.date(2014, 11, 23), TODAY) == 12

    def test_case_uses_date_of_birth_when_known_and_the_stated_answer_otherwise(self):
        adult = make_case(child_dob=dt.date(2007, 5, 1), young_person_stated=False)
        assert adult.is_young_person(TODAY)
        unknown = make_case(child_dob=None, young_person_stated=True)
        assert unknown.is_young_person(TODAY)

    def test_display_name_adds_a_different_known_as(self):
        assert make_case(child_known_as="Wenna").display_name == "Lowenna Tregothnan (Wenna)"
        assert make_case(child_known_as="Lowenna").display_name == "Lowenna Tregothnan"
