"""People, preparation and the child's views, driven through the real tabs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mediator_desk.domain.preparation import Attendee, ContactKind, Role, ViewMethod
from tests.conftest import make_case, picture

PNG = picture()


def open_case(window, **fields):
    case = window.desk.create_case(make_case(**fields))
    window.casebook.refresh()
    window.show_case(case.id)
    return case


def readiness_texts(window):
    box = window.workspace.overview.readiness
    return [box.item(i).text() for i in range(box.count())]


def test_add_every_kind_of_attendee(qtbot, window):
    case = open_case(window)
    people = window.workspace.people
    window.workspace.tabs.setCurrentWidget(people)
    editor = people.editor
    for number, role in enumerate(Role):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(editor.widgets["name"], f"Person {number}")
        role_box = editor.widgets["role"]
        role_box.setCurrentIndex(role_box.findData(role))
    editor.flush()
    stored = window.desk.attendees.list(case.id)
    assert [a.role for a in stored] == list(Role)
    assert [a.name for a in stored] == [f"Person {n}" for n in range(len(Role))]
    assert editor.table.rowCount() == len(Role)


def test_la_authority_and_readiness_follow_the_people(qtbot, window):
    open_case(window)
    texts = readiness_texts(window)
    assert any("No local authority attendee has authority" in t for t in texts)
    assert any("Add the parent or carer" in t for t in texts)
    editor = window.workspace.people.editor
    editor.add_record()
    qtbot.keyClicks(editor.widgets["name"], "Kenan Aydin")
    editor.widgets["role"].setCurrentIndex(editor.widgets["role"].findData(Role.LA_DECISION_MAKER))
    assert editor.widgets["decision_authority"].isVisibleTo(editor)
    editor.widgets["decision_authority"].setChecked(True)
    editor.add_record()
    qtbot.keyClicks(editor.widgets["name"], "Morwenna Tregothnan")
    assert not editor.widgets["decision_authority"].isVisibleTo(editor)  # parents: no
    qtbot.waitUntil(lambda: not any("authority" in t for t in readiness_texts(window)))
    assert not any("Add the parent or carer" in t for t in readiness_texts(window))


def test_a_readiness_item_leads_to_its_fix(qtbot, window):
    open_case(window)
    box = window.workspace.overview.readiness
    item = next(box.item(i) for i in range(box.count()) if "child's views" in box.item(i).text())
    box.itemActivated.emit(item)
    assert window.workspace.tabs.currentWidget() is window.workspace.child_views


def test_non_ascii_names_round_trip_through_the_gui(qtbot, window):
    case = open_case(window)
    editor = window.workspace.people.editor
    names = ["Gwenllïan ap Rhys", "Małgorzata Wiśniewska-Żak", "فاطمة الزهراء", "عائشہ قریشی"]
    for name in names:
        editor.add_record()
        field = editor.widgets["name"]
        field.setText(name)  # non-ASCII text is set, not typed
        field.textEdited.emit(name)
    editor.flush()
    assert [a.name for a in window.desk.attendees.list(case.id)] == names
    window.close_case()
    window.show_case(case.id)
    shown = [window.workspace.people.editor.table.item(r, 0).text() for r in range(4)]
    assert shown == names


def test_record_a_contact_and_a_pre_meeting_call_clears_readiness(qtbot, window):
    case = open_case(window, meeting_date=dt.date(2026, 12, 2), notice_sent=dt.date(2026, 11, 20))
    parent = window.desk.attendees.add(case.id, make_parent())
    window.show_case(case.id)
    assert any("No pre-meeting call with Morwenna" in t for t in readiness_texts(window))
    preparation = window.workspace.preparation
    window.workspace.tabs.setCurrentWidget(preparation)
    contacts = preparation.contacts
    qtbot.mouseClick(contacts.add_button, Qt.MouseButton.LeftButton)
    kind = contacts.widgets["kind"]
    kind.setCurrentIndex(kind.findData(ContactKind.PRE_MEETING_CALL))
    who = contacts.widgets["attendee_id"]
    who.setCurrentIndex(who.findData(parent.id))
    summary = contacts.widgets["summary"]
    summary.setFocus()
    qtbot.keyClicks(summary, "Explained the day; she would like breaks.")
    qtbot.waitUntil(
        lambda: (
            window.desk.contacts.list(case.id)
            and window.desk.contacts.list(case.id)[0].summary.endswith("breaks.")
        )
    )
    stored = window.desk.contacts.list(case.id)[0]
    assert stored.kind is ContactKind.PRE_MEETING_CALL and stored.attendee_id == parent.id
    qtbot.waitUntil(lambda: not any("pre-meeting" in t for t in readiness_texts(window)))


def test_arrangements_autosave(qtbot, window):
    case = open_case(window)
    preparation = window.workspace.preparation
    preparation.start_time.setFocus()
    qtbot.keyClicks(preparation.start_time, "10:00")
    qtbot.keyClicks(preparation.link, "https://meet.example.org/abc")
    qtbot.waitUntil(lambda: window.desk.arrangements.get(case.id).link.endswith("abc"))
    assert window.desk.arrangements.get(case.id).start_time == "10:00"


def test_child_views_attach_a_picture_and_refusals(qtbot, window, tmp_path):
    case = open_case(window)
    views = window.workspace.child_views
    window.workspace.tabs.setCurrentWidget(views)
    area = views.texts["wishes"]
    area.setFocus()
    qtbot.keyClicks(area, "I want to stay with my friends")
    views.methods[ViewMethod.DRAWING].setChecked(True)
    qtbot.waitUntil(lambda: window.desk.child_views.get(case.id).wishes.endswith("friends"))
    assert window.desk.child_views.get(case.id).methods == frozenset({ViewMethod.DRAWING})

    drawing = tmp_path / "class.png"
    drawing.write_bytes(PNG)
    assert views.attach(drawing)
    assert views.attachments.count() == 1 and "Added class.png" in views.attachment_message.text()
    fake = tmp_path / "virus.png"
    fake.write_bytes(b"MZ" + b"\x00" * 50)
    assert not views.attach(fake)
    assert "not a picture or PDF" in views.attachment_message.text()
    assert views.attachments.count() == 1
    assert not views.attach(tmp_path / "missing.png")
    assert "could not be read" in views.attachment_message.text()
    assert len(window.desk.attachments(case.id)) == 1


def test_the_readiness_list_changes_with_the_views(qtbot, window):
    case = open_case(window)
    assert any("child's views are not recorded" in t for t in readiness_texts(window))
    reason = window.workspace.child_views.texts["no_views_reason"]
    reason.setFocus()
    qtbot.keyClicks(reason, "Unwell this term")
    qtbot.waitUntil(lambda: not any("child's views" in t for t in readiness_texts(window)))
    assert window.desk.child_views.get(case.id).no_views_reason == "Unwell this term"


def make_parent():
    return Attendee("Morwenna Tregothnan", Role.PARENT_CARER)


def test_twelve_large_pictures_are_shown_from_small_thumbnails(qtbot, window, tmp_path):
    """Each icon is a thumbnail of at most 256 pixels a side, never the full-size decode (a
    4000 × 3000 picture decodes to 48 MB; twelve of them kept as icons took gigabytes)."""
    case = open_case(window)
    views = window.workspace.child_views
    window.workspace.tabs.setCurrentWidget(views)
    large = tmp_path / "large.png"
    large.write_bytes(picture((4000, 3000)))
    for _ in range(12):
        assert views.attach(large)
    views.show_case(window.desk.case(case.id))
    qtbot.waitUntil(lambda: views.attachments.count() == 12)
    for row in range(12):
        sizes = views.attachments.item(row).icon().availableSizes()
        assert sizes, "every picture is shown"
        assert all(max(s.width(), s.height()) <= 256 for s in sizes)
    assert max(s.width() for s in views.attachments.item(0).icon().availableSizes()) == 256


def test_a_pasted_control_character_is_dropped_and_autosave_succeeds(qtbot, window):
    case = open_case(window)
    views = window.workspace.child_views
    window.workspace.tabs.setCurrentWidget(views)
    failures: list[str] = []
    views.save_failed.connect(failures.append)
    views.texts["wishes"].setPlainText("Stay\x07 with\x00 my\x1b friends\ufffe")
    qtbot.waitUntil(lambda: window.desk.child_views.get(case.id).wishes == "Stay with my friends")
    assert views.flush() and failures == []


def test_a_future_date_of_birth_typed_is_refused_with_its_reason(qtbot, window):
    case = open_case(window)
    overview = window.workspace.overview
    failures: list[str] = []
    overview.save_failed.connect(failures.append)
    overview.child_dob.edit.clear()
    qtbot.keyClicks(overview.child_dob.edit, "1/1/2030")
    qtbot.waitUntil(lambda: bool(failures))
    assert failures[-1] == "The date of birth is in the future."
    assert "The date of birth is in the future." in overview.problems.text()
    assert window.desk.case(case.id).child_dob == case.child_dob
    overview.child_dob.edit.clear()  # put right: the refused edit is replaced and saved
    qtbot.keyClicks(overview.child_dob.edit, "3/2/2014")
    qtbot.waitUntil(lambda: window.desk.case(case.id).child_dob == dt.date(2014, 2, 3))
    assert overview.flush()
