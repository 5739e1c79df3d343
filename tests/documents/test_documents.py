"""Every document, built from its form and read back from both formats: facts in order,
non-ASCII and hostile text kept literally, DRAFT on every page, metadata and fonts."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document as read_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from mediator_desk.documents.build import KINDS, PLACEHOLDERS
from mediator_desk.documents.export import export, render, write_atomically
from mediator_desk.documents.forms import FormError, load_form
from mediator_desk.documents.model import Document, Letterhead, Paragraph
from mediator_desk.documents.text import clean
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Issue, Outcome
from mediator_desk.services.documents import CannotMakeDocument
from tests.conftest import make_case
from tests.documents.reading import PAGE_FIELDS, drawn_pieces, read_document

D = dt.date
HOSTILE = "<b>bold?</b> {child_name} &amp; %s \x00\x07 \ufffe end"


def docx_text(data: bytes) -> str:
    """The body's text in reading order: paragraphs and tables as they come."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    doc = read_docx(io.BytesIO(data))
    parts = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(DocxParagraph(child, doc).text)
        elif tag == "tbl":
            for row in DocxTable(child, doc).rows:
                parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def full_case(desk):
    desk.documents.set_service(
        {
            "name": "Porthkennack Mediation",
            "mediator": "Alex Mercer",
            "adviser": "Sam Okoro",
            "phone": "0117 496 0000",
            "email": "mediation@example.org",
        }
    )
    case = desk.create_case(
        make_case(
            decision_date=D(2026, 10, 26),
            adviser_contacted=D(2026, 10, 28),
            declined_on=D(2026, 11, 2),
            la_informed=D(2026, 11, 3),
            meeting_date=D(2026, 11, 20),
            concluded_on=D(2026, 11, 20),
            la_cannot_arrange=D(2026, 11, 10),
            agreement_date=D(2026, 11, 20),
        )
    )
    parent = desk.attendees.add(
        case.id,
        Attendee(
            "Małgorzata Wiśniewska-Żak",
            Role.PARENT_CARER,
            email="m@example.org",
            consent_share_contact=True,
        ),
    )
    la = desk.attendees.add(
        case.id,
        Attendee(
            "عائشہ قریشی",
            Role.LA_DECISION_MAKER,
            organisation="Fernleigh County Council",
            decision_authority=True,
        ),
    )
    statement = desk.statement
    for person in (parent, la):
        statement.set_presence(case.id, person.id, {"present": True, "arrived": "10:00"})
    statement.issues.add(
        case.id, Issue("Section F: therapy", "- Weekly sessions\n- " + HOSTILE, Outcome.AGREED)
    )
    statement.issues.add(case.id, Issue("Placement", "Discussed at length.", Outcome.NOT_AGREED))
    desk.child_views.update(
        case.id,
        {
            "wishes": "Aros yn fy ysgol",
            "share_with": frozenset({parent.id}),
            "quotes": "“I like Mrs Kerr.”",
        },
    )
    return desk.case(case.id), parent, la


def case_for_kind(desk, case, kind):
    """The full case as each kind needs it: it holds every date, but a family who declined has
    no meeting letter, and "requested, then not pursued" is for a family who asked for
    mediation (the LA was told) before withdrawing (CFA 2014 s55(4))."""
    if kind == "meeting-letter":
        return desk.update_case(case.id, {"declined_on": None})
    if kind == "certificate-changed-mind":
        return desk.update_case(case.id, {"la_informed": D(2026, 10, 30)})
    return case


def test_every_form_loads_with_known_placeholders():
    for kind in KINDS:
        form = load_form(kind, PLACEHOLDERS)
        assert form.placeholders <= PLACEHOLDERS


def test_an_unknown_placeholder_is_caught(tmp_path):
    (tmp_path / "bad.toml").write_text(
        'title = "T"\nsubject = "S"\n[[block]]\ntype = "paragraph"\ntext = "{no_such}"\n'
    )
    with pytest.raises(FormError, match="no_such"):
        load_form("bad", PLACEHOLDERS, tmp_path)
    (tmp_path / "odd.toml").write_text('title = "T"\nsubject = "S"\n[[block]]\ntype = "x"\n')
    with pytest.raises(FormError, match="unknown block type"):
        load_form("odd", PLACEHOLDERS, tmp_path)


PARENT = "Małgorzata Wiśniewska-Żak"
LETTERHEAD = frozenset({"Porthkennack Mediation", "0117 496 0000 · mediation@example.org"})
NOTICE, MEETING, TODAY_LONG = (
    "Monday 26 October 2026",
    "Friday 20 November 2026",
    "Monday 23 November 2026",
)
# HESC Rules 2008 r20(1)(c) and r12(3)(a): the notice + 2 months is Sat 26 Dec 2026, the
# certificate (issued today) + 1 month is Wed 23 Dec 2026; the later falls in the Christmas
# window, so Mon 4 Jan 2027.
CERTIFICATE_APPEAL = (
    "An appeal must be received by the Tribunal by 5pm on Monday 4 January 2027. How the date "
    "is worked out: the later of 2 months after the decision notice (Saturday 26 December 2026) "
    "and 1 month after the certificate (Wednesday 23 December 2026). That falls between 25 "
    "December and 1 January, so it moves to the first working day after 1 January (r12(3)(a))."
)


def certificate_facts(title: str, section: str, event: list[str], issuer: str) -> list[str]:
    """What every certificate states, in order (CFA 2014 s55, s56; HESC Rules 2008 r20)."""
    return [
        f"Mediation certificate: {title}",
        f"Issued under section 55({section}) of the Children and Families Act 2014.",
        f"Issued to {PARENT} (parent or carer)",
        "Child or young person Lowenna Tregothnan",
        "Date of birth Thursday 14 May 2015",
        "Local authority Fernleigh County Council",
        "Decision in dispute Not to carry out an EHC needs assessment",
        f"Date the decision notice was sent {NOTICE}",
        "Date the mediation adviser was contacted Wednesday 28 October 2026",
        *event,
        CERTIFICATE_APPEAL,
        f"Issued by {issuer}, Porthkennack Mediation",
        f"Date of issue {TODAY_LONG}",
    ]


# Each kind read as its reader reads it, field by field and in order, for the full case.
EXPECTED = {
    "certificate-not-pursued": certificate_facts(
        "mediation not pursued", "4",
        ["Date they said they did not wish to mediate Monday 2 November 2026",
         f"on Monday 2 November 2026 {PARENT} informed me that they do not wish to pursue"],
        "Sam Okoro, mediation adviser",
    ),
    "certificate-changed-mind": certificate_facts(
        "mediation requested, then not pursued", "4",
        ["Date they withdrew from mediation Monday 2 November 2026",
         f"{PARENT} asked for mediation and on Monday 2 November 2026 informed me that they no "
         "longer wish to pursue it."],
        "Sam Okoro, mediation adviser",
    ),
    "certificate-not-arranged": certificate_facts(
        "mediation could not be arranged within 30 days", "4",
        ["Date I was told it could not be arranged Tuesday 10 November 2026",
         "Fernleigh County Council informed me on Tuesday 10 November 2026 that it could not "
         "arrange for mediation to take place within 30 days."],
        "Sam Okoro, mediation adviser",
    ),
    "certificate-concluded": certificate_facts(
        "mediation has taken place", "5",
        [f"Date of the mediation meeting {MEETING}", f"Date mediation concluded {MEETING}",
         f"I confirm that mediation took place on {MEETING} and concluded on {MEETING}."],
        "Alex Mercer, mediator",
    ),
    "outcome-statement": [
        "Outcome statement",
        "Case reference MD-2026-0001",
        "Child Lowenna Tregothnan",
        f"Parent or carer {PARENT}",
        "Local authority Fernleigh County Council",
        "Decision in dispute Not to carry out an EHC needs assessment",
        f"Date the decision notice was sent {NOTICE}",
        f"Meeting {MEETING}",
        "Mediator Alex Mercer, Porthkennack Mediation",
        "recorded in writing under regulation 42(1) of the Special Educational Needs and "
        "Disability Regulations 2014",
        f"A mediation certificate will be issued to {PARENT} within 3 working days of the "
        "conclusion of the mediation (Children and Families Act 2014 section 55(5); regulation 39)",
        "must be received by 5pm on Monday 4 January 2027 (2 months after the decision notice "
        "was sent, Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c)(i)) or, if "
        "that is later, 1 month after the date the mediation certificate is issued "
        "(r20(1)(c)(ii))",
        "DRAFT: this statement has not been sealed.",
    ],
    "meeting-letter": [
        TODAY_LONG,
        "Our reference: MD-2026-0001",
        f"Dear {PARENT},",
        "the mediation meeting about Lowenna Tregothnan.",
        f"Date {MEETING}",
        "Format Online",
        "The meeting should last about 2 hours 30 minutes.",
        "Within 3 working days of the mediation ending you will receive a mediation certificate",
        "Lowenna's views have been gathered",
        "Yours sincerely, Alex Mercer Mediator, Porthkennack Mediation",
    ],
    "letter-declined": [
        TODAY_LONG,
        "Our reference: MD-2026-0001",
        f"Dear {PARENT},",
        "mediation for Lowenna Tregothnan.",
        "You told me on Monday 2 November 2026 that you do not wish to go ahead with mediation "
        "about Fernleigh County Council's decision: not to carry out an EHC needs assessment "
        f"(notice dated {NOTICE}).",
        f"I enclose your mediation certificate, dated {TODAY_LONG}.",
        "your appeal must reach the Tribunal by 5pm on Monday 4 January 2027.",
        "Yours sincerely, Sam Okoro Mediation adviser, Porthkennack Mediation",
    ],
    "child-views": [
        "All about me: Lowenna",
        "In Lowenna's own words, for the mediation meeting about case MD-2026-0001.",
        f"Shared with {PARENT} only, with permission.",
        "What I would like to happen Aros yn fy ysgol",
        "In my words “I like Mrs Kerr.”",
    ],
}  # fmt: skip


def test_every_kind_has_its_expectations():
    assert set(EXPECTED) == set(KINDS)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_kind_reads_field_by_field_in_both_formats(desk, full_case, kind, fmt):
    """What a reader sees on each page: the service's letterhead; in order, the names, the dates
    written out ("Friday 20 November 2026") and the sentences the law chooses for this kind of
    document and case; the reference, the document's date and "Page N of M" in the footer."""
    case, parent, _ = full_case
    case = case_for_kind(desk, case, kind)
    recipient = parent.id if kind == "child-views" else None
    document = desk.documents.build(case, kind, recipient)
    seen = read_document(render(document, fmt), fmt)
    letterhead = LETTERHEAD | ({"DRAFT: not sealed"} if document.draft else set())
    assert set(seen.headers) == {letterhead}
    assert set(seen.footers) == {f"{case.reference} · {TODAY_LONG} · {PAGE_FIELDS}"}
    at = 0
    for expected in EXPECTED[kind]:
        found = seen.body.find(expected, at)
        assert found >= 0, f"{expected!r} is not after position {at} in {seen.body!r}"
        at = found + len(expected)


def test_the_outcome_statement_in_order_with_hostile_text_kept_literally(desk, full_case):
    case, *_ = full_case
    document = desk.documents.build(case, "outcome-statement")
    assert document.draft
    for fmt, reader in (("docx", docx_text), ("pdf", pdf_text)):
        text = squash(reader(render(document, fmt)))
        order = [
            text.index(t)
            for t in (
                "Present",
                "Section F: therapy",
                "Weekly sessions",
                "Outcome: Agreed",
                "Placement",
                "Outcome: Not agreed",
            )
        ]
        assert order == sorted(order)
        assert "<b>bold?</b> {child_name} &amp; %s" in text
        assert "\x00" not in text and "\x07" not in text
        assert "Małgorzata Wiśniewska-Żak" in text


def test_draft_is_marked_on_every_pdf_page_and_metadata_is_set(desk, full_case):
    case, *_ = full_case
    statement = desk.statement
    issue = statement.issues.list(case.id)[1]
    statement.issues.update(issue.id, {"discussion": " ".join(["word"] * 10_000)})
    data = render(desk.documents.build(case, "outcome-statement"), "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 10
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "DRAFT" in text
        assert f"Page {number} of {len(reader.pages)}" in text
    assert reader.metadata.title == "Outcome statement"
    assert reader.metadata.author == "Alex Mercer"
    assert "mediation" in reader.metadata.subject
    for name, font in embedded_fonts(reader):
        assert font, f"{name} is not embedded"


def embedded_fonts(reader):
    """(name, embedded?) for every font a page's text is set in. (reportlab lists a Helvetica
    resource on every page; it is never selected, which is what matters.)"""
    found = {}
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")
        for key, font in page["/Resources"]["/Font"].items():
            if f"{key} " not in content:
                continue  # listed but never used
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    assert any("DejaVuSans" in name for name in found)
    return sorted(found.items())


def test_the_sealed_statement_carries_its_seal(desk, full_case):
    case, parent, la = full_case
    statement = desk.statement
    statement.confirm(case, parent.id, ConfirmedHow.IN_WRITING, D(2026, 11, 20))
    statement.confirm(case, la.id, ConfirmedHow.IN_WRITING)
    seal = statement.seal(case)
    document = desk.documents.build(case, "outcome-statement")
    assert not document.draft
    for fmt, reader in (("docx", docx_text), ("pdf", pdf_text)):
        text = reader(render(document, fmt))
        assert seal.sha256 in squash(text).replace(" ", "") or seal.sha256 in text
        assert "DRAFT" not in text
        assert "Confirmed in writing on Friday 20 November 2026" in squash(text)
        assert "Confirmed in writing on Monday 23 November 2026" in squash(text)


# عائشہ قریشی as a page shows it, left to right: the surname first (it stands to the left in a
# right-to-left name), each word's letters reversed and in their joined (presentation) forms.
QURESHI_DRAWN = "\ufbfd\ufeb8\ufbfe\ufeae\ufed7"  # final yeh, sheen, yeh, reh, initial qaf
AISHA_DRAWN = "\ufba7\ufeb8\ufe8b\ufe8e\ufecb"  # final heh goal ... initial ain


def test_right_to_left_names_display_in_reading_order(desk, full_case):
    """Unicode bidirectional algorithm (UAX #9, L2) and Arabic joining (Unicode 15 section
    9.2): a PDF draws glyphs left to right, so an Arabic-script name must be written to it
    already shaped and reversed; Word gets the logical order and lays it out itself."""
    case = desk.update_case(full_case[0].id, {"declined_on": None})
    document = desk.documents.build(case, "meeting-letter")
    pieces = drawn_pieces(render(document, "pdf"))
    assert "\ufffd" not in "".join(pieces)  # every glyph has a character: none missing
    at = [i for i, piece in enumerate(pieces) if piece == QURESHI_DRAWN]
    assert at, "the name is not drawn shaped and in display order"
    assert all(pieces[i + 1 : i + 3] == [" ", AISHA_DRAWN] for i in at)
    assert not any("عائشہ" in piece or "قریشی" in piece for piece in pieces)
    word = read_document(render(document, "docx"), "docx")
    assert "عائشہ قریشی" in word.body


def test_documents_that_are_not_ready_say_why(desk):
    dr = desk.create_case(
        make_case(
            kind=__import__(
                "mediator_desk.domain.case", fromlist=["x"]
            ).CaseKind.DISAGREEMENT_RESOLUTION,
            decision_kind=None,
            local_authority="",
        )
    )
    with pytest.raises(CannotMakeDocument, match="no mediation certificate"):
        desk.documents.build(dr, "certificate-not-pursued")
    plain = desk.create_case(make_case())
    with pytest.raises(CannotMakeDocument, match="do not wish to mediate"):
        desk.documents.build(plain, "certificate-not-pursued")
    with pytest.raises(CannotMakeDocument, match="shared with"):
        desk.documents.build(plain, "child-views")


def test_the_childs_views_only_go_to_someone_they_may_be_shared_with(desk, full_case):
    case, parent, la = full_case
    with pytest.raises(CannotMakeDocument):
        desk.documents.build(case, "child-views", la.id)
    text = docx_text(render(desk.documents.build(case, "child-views", parent.id), "docx"))
    assert "Aros yn fy ysgol" in text and "Małgorzata" in text


def test_export_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "certificate.pdf"
    target.write_bytes(b"the previous good file")
    import os

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomically(target, b"new content")
    assert target.read_bytes() == b"the previous good file"
    assert [p.name for p in tmp_path.iterdir()] == ["certificate.pdf"]


def test_export_names_files_by_reference_and_kind(desk, full_case, tmp_path):
    case, *_ = full_case
    path = export(desk.documents.build(case, "certificate-concluded"), tmp_path, "pdf")
    assert path.name == f"{case.reference} certificate-concluded.pdf"


def test_clean_keeps_every_script_and_drops_only_what_word_cannot_hold():
    assert clean("Siân\x00 Wiśniewska\x1f فاطمة \ud800 🙂") == "Siân Wiśniewska فاطمة  🙂"
    assert clean("a\r\nb\rc\td") == "a\nb\nc\td"


SIMPLE = Document("test", "T", "S", "A", "MD-2026-0001", D(2026, 11, 23), Letterhead("Service"), ())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_no_string_crashes_either_renderer(text):
    document = Document(
        "test", text or "T", text, text, text, D(2026, 11, 23), Letterhead(text), (Paragraph(text),)
    )
    assert render(document, "pdf").startswith(b"%PDF")
    assert render(document, "docx")[:2] == b"PK"


def test_the_meeting_letter_says_how_long_the_meeting_lasts(desk, full_case):
    """From the arranged times; without them, from the usual length in Settings ▸ Meetings."""
    case = desk.update_case(full_case[0].id, {"declined_on": None})

    def letter() -> str:
        return squash(pdf_text(render(desk.documents.build(case, "meeting-letter"), "pdf")))

    desk.arrangements.update(case.id, {"start_time": "10:00", "end_time": "12:30"})
    assert "should last about 2 hours 30 minutes" in letter()
    desk.arrangements.update(case.id, {"start_time": "", "end_time": ""})
    desk.set_preference("meeting_minutes", 90)
    assert "should last about 1 hour 30 minutes" in letter()
