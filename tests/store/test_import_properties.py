"""Property-based tests of the importer: genuine exports of a demo case, mutated (types changed,
hostile strings, huge numbers, odd dates, repeated records, keys removed, values nested).

Whatever the file, only ExchangeError escapes decoding (InvalidChange from the desk), and a
refused file leaves every table as it was; whatever is imported can be listed, timed (checks,
deadlines, readiness, the dashboard) and made into every kind of document in both formats."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediator_desk.documents.build import KINDS
from mediator_desk.documents.export import render
from mediator_desk.domain.case import CaseKind
from mediator_desk.services import Desk, open_desk
from mediator_desk.services.documents import CannotMakeDocument
from mediator_desk.services.exchange import ExchangeError, decode, parse_text
from mediator_desk.store import errors
from tests.conftest import fixed_clock, fixed_today, picture, slow_size

CASES_PER_DESK = 200  # a fresh case file now and then keeps listing every case cheap


@cache
def genuine_exports() -> tuple[dict[str, Any], ...]:
    """Each demo case as exported (one with a picture attached, one sealed)."""
    folder = Path(tempfile.mkdtemp(prefix="exports-"))
    try:
        desk = open_desk(folder / "demo.mdesk", today=fixed_today, clock=fixed_clock)
        try:
            desk.load_demo_cases()
            drawing = folder / "drawing.png"
            drawing.write_bytes(picture())
            sealed = desk.case_by_reference("MD-2026-0004")
            desk.attach_file(sealed.id, drawing, "A drawing of the class")
            return tuple(
                json.loads(desk.export_case(s.reference, include_private_notes=True))
                for s in desk.list_cases()
            )
        finally:
            desk.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Target:
    """The case file imports go into, replaced by an empty one every CASES_PER_DESK cases."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="imports-"))
        self.number = 0
        self.desk: Desk | None = None

    def get(self) -> Desk:
        if self.desk is None or self.desk.count() >= CASES_PER_DESK:
            if self.desk is not None:
                self.desk.close()
            self.number += 1
            path = self.folder / f"target-{self.number}.mdesk"
            self.desk = open_desk(path, today=fixed_today, clock=fixed_clock)
        return self.desk

    def close(self) -> None:
        if self.desk is not None:
            self.desk.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def target():
    holder = Target()
    yield holder
    holder.close()


# -- mutations -------------------------------------------------------------------------------
HOSTILE_TEXT = st.sampled_from(
    [
        "\ud800", "Ayaan \udfff Qureshi", "\x00", "\x1b[31m", "\ufffe", "\uffff", "\x7f",
        "=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example")', "x" * 3000, "\n" * 60,
        "Kernow" * 800, "<b>bold</b> &amp;", "{child_name}", "", " ", "\u202eRTL", "عائشہ",
        "10:00", "25:99", "not a time",
    ]
) | st.text(max_size=40)  # fmt: skip
HOSTILE_NUMBER = (
    st.sampled_from([2**63, 2**63 - 1, -(2**63), -(2**63) - 1, 2**64, 10**30, -1, 0, 1, 2, 3, 999])
    | st.integers()
)
ODD_DATE = st.sampled_from(
    [
        "9999-12-31", "0001-01-01", "2026-02-29", "2028-02-29", "2199-12-31", "1900-01-01",
        "1899-12-31", "2200-01-01", "2026-13-01", "2026-1-1", "26-11-23", "2026-11-23T10:00",
        "9999-12-31T23:59:59", "2026-11-23T25:00:00", "2026-11-23T10:00:00+14:00",
    ]
) | st.dates().map(dt.date.isoformat) | st.datetimes().map(dt.datetime.isoformat)  # fmt: skip
SCALAR = st.none() | st.booleans() | st.floats() | HOSTILE_TEXT | HOSTILE_NUMBER | ODD_DATE
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=6,
)
# Most mutations keep a value's type, so that many files pass the type checks and bring their
# hostile text, numbers and dates a long way in; the others break the file's shape.
OPERATIONS = ("alike",) * 12 + ("replace", "delete", "duplicate", "nest", "retype", "add key",
                                "swap")  # fmt: skip
DATE_LIKE = re.compile(r"\d{4}-\d\d-\d\d")


def _alike(draw: st.DrawFn, value: Any) -> Any:
    """A hostile value of the same type as `value` (a date for a date)."""
    if isinstance(value, bool):
        return draw(st.booleans())
    if isinstance(value, int):
        return draw(HOSTILE_NUMBER)
    if isinstance(value, str):
        return draw(ODD_DATE if DATE_LIKE.match(value) else HOSTILE_TEXT)
    if value is None:
        return draw(ODD_DATE | HOSTILE_TEXT | HOSTILE_NUMBER | st.none())
    return draw(VALUE)


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every value in the document."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_places(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_places(value, (*path, index)))
    return found


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _retyped(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return int(value) if value.lstrip("-").isdigit() else [value]
    if isinstance(value, list):
        return {str(n): item for n, item in enumerate(value)}
    if isinstance(value, dict):
        return list(value.values())
    return 0


@st.composite
def mutated_exports(draw: st.DrawFn) -> dict[str, Any]:
    document = copy.deepcopy(draw(st.sampled_from(genuine_exports())))
    for _ in range(draw(st.integers(1, 3))):
        places = _places(document)
        inner = [p for p in places if len(p) > 1]  # the file's own header, only now and then
        path = draw(st.sampled_from(inner if draw(st.integers(0, 9)) else places))
        parent, key = _at(document, path[:-1]), path[-1]
        operation = draw(st.sampled_from(OPERATIONS))
        if operation == "alike":
            parent[key] = _alike(draw, parent[key])
        elif operation == "replace":
            parent[key] = draw(VALUE)
        elif operation == "delete":
            del parent[key]
        elif operation == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))  # repeated ids, presence, confirmations
        elif operation == "nest":
            parent[key] = draw(st.sampled_from([[parent[key]], {"value": parent[key]}]))
        elif operation == "retype":
            parent[key] = _retyped(parent[key])
        elif operation == "add key" and isinstance(parent, dict):
            parent[draw(HOSTILE_TEXT)] = draw(VALUE)
        elif operation == "swap":  # another field's value of another type, or an id elsewhere
            other = _at(document, draw(st.sampled_from(places)))
            parent[key] = copy.deepcopy(other)
    return document


# -- the properties --------------------------------------------------------------------------
def _row_counts(desk: Desk) -> dict[str, int]:
    db = desk.casefile.db
    return {name: db[name].count for name in db.table_names()}


def _check_one(target: Target, document: dict[str, Any], make_documents: bool) -> None:
    text = json.dumps(document)  # lone surrogates and all, as \u escapes
    try:
        decode(parse_text(text), today=fixed_today())
        refused = False
    except ExchangeError as problem:
        problem.message.encode("utf-8")  # always printable
        refused = True
    desk = target.get()
    before = _row_counts(desk)
    source = target.folder / "case.json"
    source.write_text(text, encoding="utf-8")
    if refused:
        with pytest.raises(errors.InvalidChange):
            desk.import_case(source)
        assert _row_counts(desk) == before, "a refused file changed the case file"
        return
    case, _notes = desk.import_case(source)
    assert case.id in {summary.id for summary in desk.list_cases()}
    assert case.id in desk.casebook_ids()
    desk.checks(case)
    desk.timeline(case)
    desk.events(case)
    desk.readiness(case)
    desk.dashboard()
    statuses = desk.documents.statuses(case)
    young = case.is_young_person(desk.today())  # the party: no child's-views profile
    # No certificate exists for disagreement resolution (CFA 2014 s57) or Section I only (s55).
    certificates = case.kind is CaseKind.MEDIATION and not case.section_i_only
    assert [s.kind for s in statuses] == [
        k
        for k in KINDS
        if not (young and k == "child-views") and (certificates or not k.startswith("certificate-"))
    ]
    if make_documents:
        _make_every_document(desk, case)


def _make_every_document(desk: Desk, case: Any) -> None:
    views = desk.child_views.get(case.id)
    shared = next((a.id for a in desk.attendees.list(case.id) if a.id in views.share_with), None)
    for kind in KINDS:
        try:
            document = desk.documents.build(case, kind, shared if kind == "child-views" else None)
        except CannotMakeDocument:
            continue  # not ready, and saying why is the right answer
        assert render(document, "pdf").startswith(b"%PDF")
        assert render(document, "docx")[:2] == b"PK"


HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


@settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=HEALTH)
@given(document=mutated_exports())
def test_any_mutated_export_is_refused_cleanly_or_imported_whole(target, document):
    _check_one(target, document, make_documents=True)


@pytest.mark.slow
@pytest.mark.timeout(slow_size(full=3600, ci=900))
@settings(
    max_examples=slow_size(full=10_000, ci=1_000),
    deadline=None,
    derandomize=True,
    suppress_health_check=HEALTH,
)
@given(document=mutated_exports(), make_documents=st.integers(0, 49).map(lambda n: n == 0))
def test_ten_thousand_mutated_exports(target, document, make_documents):
    """About one in fifty of the imported cases is also made into every document."""
    _check_one(target, document, make_documents)


def test_the_genuine_exports_import(target):
    for document in genuine_exports():
        _check_one(target, document, make_documents=True)
