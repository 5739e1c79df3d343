"""Documents name the parents as prose from their records (issue 18, finding 7): a
certificate for a family with no parent yet listed as a person says 'Jo Bloggs and Sam Bloggs',
never the label 'Jo Bloggs (mother)'. The certificate names the parent it is for
(CFA 2014 s55(5); SEND Regulations 2014 reg 39)."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.documents.export import render
from mediator_desk.domain.parents import ParentCarer as P
from tests.conftest import make_case
from tests.documents.test_documents import docx_text, pdf_text, squash


@pytest.fixture
def declined(desk):
    desk.documents.set_service(
        {"name": "Porthkennack Mediation", "mediator": "Alex Mercer", "adviser": "Sam Okoro"}
    )
    return desk.create_case(
        make_case(
            parents=(P("Jo Bloggs", "Mother"), P("Sam Bloggs", "Father")),
            decision_date=dt.date(2026, 10, 26),
            adviser_contacted=dt.date(2026, 10, 28),
            declined_on=dt.date(2026, 11, 2),
        )
    )


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_certificate_names_both_parents_without_their_labels(desk, declined, fmt):
    """Reg 39 / s55(5): the certificate is for the parents; it names them as people."""
    document = desk.documents.build(declined, "certificate-not-pursued")
    data = render(document, fmt)
    text = squash(docx_text(data) if fmt == "docx" else pdf_text(data))
    assert "Jo Bloggs and Sam Bloggs" in text
    assert "(mother)" not in text.lower() and "ParentCarer" not in text
