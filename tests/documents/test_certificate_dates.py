"""A certificate's dates, read back from both formats: each date beside its own label, the date
of issue the one recorded on the case, and the appeal date counted from both limbs of HESC
Rules 2008 r20(1)(c) with the certificate's own date (CFA 2014 s55; DOMAIN.md sections 6, 9)."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.documents.build import CERTIFICATES
from mediator_desk.documents.export import render
from tests.documents.reading import PAGE_FIELDS, read_document
from tests.documents.test_certificate_law import certificate_case

D = dt.date

# Notice Wed 16 Sep 2026: limb (i) is Mon 16 Nov 2026. Certificate recorded as issued Fri
# 20 Nov 2026 (three days before the fixed today, Mon 23 Nov): limb (ii) is Sun 20 Dec 2026,
# moved by r12(2) to Mon 21 Dec 2026, the later of the two.
DATES = dict(
    decision_date=D(2026, 9, 16),
    adviser_contacted=D(2026, 9, 28),
    la_informed=D(2026, 11, 3),
    declined_on=D(2026, 11, 16),
    la_cannot_arrange=D(2026, 11, 10),
    meeting_date=D(2026, 11, 12),
    concluded_on=D(2026, 11, 13),
    certificate_issued=D(2026, 11, 20),
)
# "not pursued" is for a family who declined before the LA was told they wanted mediation.
ASKED_LATER = {"certificate-not-pursued": {"la_informed": D(2026, 11, 17)}}

APPEAL = (
    "An appeal must be received by the Tribunal by 5pm on Monday 21 December 2026. How the date "
    "is worked out: the later of 2 months after the decision notice (Monday 16 November 2026) "
    "and 1 month after the certificate (Sunday 20 December 2026). That is not a working day, so "
    "it moves to the next working day (r12(2))."
)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("kind", CERTIFICATES)
def test_each_date_is_beside_its_label_and_the_issue_date_is_the_recorded_one(desk, kind, fmt):
    """CFA 2014 s55(4), (5): the Tribunal's clerk reads the date the decision notice was sent
    and the certificate's own date of issue, which is the date recorded on the case when it
    was issued, not the day it is printed again; the appeal date counts from that date
    (HESC Rules 2008 r20(1)(c)(ii)) and is the later of the two limbs."""
    case = certificate_case(desk, **(DATES | ASKED_LATER.get(kind, {})))
    seen = read_document(render(desk.documents.build(case, kind), fmt), fmt)
    assert seen.has("Date the decision notice was sent", "Wednesday 16 September 2026")
    assert seen.has("Date of issue", "Friday 20 November 2026")
    assert "Monday 23 November 2026" not in seen.body  # the day it was printed
    assert APPEAL in seen.body
    assert seen.footers[0] == f"{case.reference} · Friday 20 November 2026 · {PAGE_FIELDS}"


def test_the_certificate_limb_can_be_the_later_one_from_the_day_of_issue(desk):
    """HESC Rules 2008 r20(1)(c): the later of 2 months after the notice and 1 month after the
    certificate. Notice Wed 16 Sep 2026 (limb (i): Mon 16 Nov); a certificate first issued
    today, Mon 23 Nov 2026, gives limb (ii): Wed 23 Dec 2026, the appeal date."""
    case = certificate_case(desk, **(DATES | {"certificate_issued": None}))
    for fmt in ("pdf", "docx"):
        seen = read_document(render(desk.documents.build(case, "certificate-concluded"), fmt), fmt)
        assert seen.has("Date of issue", "Monday 23 November 2026")
        assert "by 5pm on Wednesday 23 December 2026" in seen.body
        assert "1 month after the certificate (Wednesday 23 December 2026)" in seen.body


def test_a_certificate_keeps_its_first_issue_date_when_exported_again(desk, tmp_path):
    """CFA 2014 s55: the first export is the certificate's issue; exported again days later it
    still carries that date, and so the same appeal date (HESC Rules 2008 r20(1)(c)(ii))."""
    case = certificate_case(desk, **(DATES | {"certificate_issued": None}))
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    desk.documents.export(case, "certificate-concluded", "docx", first)
    assert desk.case(case.id).certificate_issued == D(2026, 11, 23)
    desk.today = lambda: D(2026, 12, 4)  # a Friday, eleven days on
    path = desk.documents.export(desk.case(case.id), "certificate-concluded", "pdf", later)
    seen = read_document(path.read_bytes(), "pdf")
    assert seen.has("Date of issue", "Monday 23 November 2026")
    assert "by 5pm on Wednesday 23 December 2026" in seen.body
    assert "Friday 4 December 2026" not in seen.body
