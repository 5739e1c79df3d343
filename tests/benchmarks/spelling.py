"""Spelling as the mediator types, on the long statement (12 issues, each with about twenty
discussion points): the spelling work each keystroke does on the GUI thread (underlining the
field again: the paragraph typed in checked, the others remembered), the whole keystroke with
spelling on and off, the dictionary read once a session (on a worker), the spellings offered
for a misspelt word (on a worker), and the two checkers weighed against each other: spylls
(pure Python, shipped) and the Hunspell library through a binding, where this machine has it.
Part of `python3 dev.py bench`; alone:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.spelling
"""

from __future__ import annotations

import ctypes
import ctypes.util
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TYPED = "The schol will sahre the therapist's plan with the child's famly by Friday, as agreed."
MISSPELT = ("recieve", "behavoiur", "apropriate", "famly", "sahre")
LABELS = {
    "spelling_key_p50": "Spelling per keystroke, GUI thread (median)",
    "spelling_key_p95": "Spelling per keystroke, GUI thread (p95)",
    "spelling_key_worst": "Spelling per keystroke, GUI thread (worst)",
    "typing_key_on_p95": "Whole keystroke with spelling on (p95)",
    "typing_key_off_p95": "Whole keystroke with spelling off (p95)",
    "spelling_load": "Read the dictionary, once a session (worker)",
    "spelling_memory": "Memory the dictionary takes",
    "spelling_suggest": "Spellings for a misspelt word (median, worker)",
    "spylls_lookup_us": "One word looked up: spylls, pure Python (median)",
    "binding_lookup_us": "One word looked up: the Hunspell library by a binding (median)",
    "binding_suggest": "Spellings for a misspelt word: the Hunspell library (median)",
}
UNITS = {"spelling_memory": "MB", "spylls_lookup_us": "µs", "binding_lookup_us": "µs"}


def keystroke_ms(folder: Path | None = None) -> dict[str, float]:
    """Type a sentence into a discussion point of the long statement, through real key events,
    twice: with spelling on, timing every underlining the keys set off, and with it off."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from mediator_desk.services.spelling import british_english
    from tests.benchmarks.presenter import long_statement_window

    british_english()  # read once a session, on a worker: not a keystroke's work
    app, window = long_statement_window(folder, "spelling")
    meeting = window.workspace.meeting
    app.processEvents()
    speller = meeting.speller
    speller.refresh()
    field = meeting.discussion
    spelling: list[float] = []
    underline = speller.underline

    def timed(f: Any) -> None:
        start = time.perf_counter()
        underline(f)
        spelling.append((time.perf_counter() - start) * 1000)

    speller.underline = timed  # the fields' signals call it through the object

    def type_sentence() -> list[float]:
        field.setFocus()
        field.moveCursor(field.textCursor().MoveOperation.End)
        QTest.keyClick(field, Qt.Key.Key_Return)
        app.processEvents()
        keys: list[float] = []
        for char in TYPED:
            start = time.perf_counter()
            QTest.keyClicks(field, char)
            keys.append((time.perf_counter() - start) * 1000)
            app.processEvents()
        return keys

    on = type_sentence()
    per_key = [sum(spelling[i : i + 2]) for i in range(0, len(spelling) - 1, 2)]  # two a key
    underlined = [s.cursor.selectedText() for s in field.extraSelections()]
    desk_now = window.desk
    desk_now.spelling.set_enabled(False)
    speller.refresh()
    off = type_sentence()
    desk_now.spelling.set_enabled(True)
    meeting.flush()
    window.close_casefile()
    if underlined != ["schol", "sahre", "famly"]:
        raise RuntimeError(f"spelling did not underline what it should: {underlined}")

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    return {
        "spelling_key_p50": statistics.median(per_key),
        "spelling_key_p95": p95(per_key),
        "spelling_key_worst": max(per_key),
        "typing_key_on_p95": p95(on),
        "typing_key_off_p95": p95(off),
    }


def load_figures() -> dict[str, float]:
    """The dictionary read in a fresh process (as at the start of a session): its time and the
    memory it holds after (Linux: /proc/self/statm's resident pages)."""
    # The resident size now, not the peak: a child process starts with its parent's peak.
    code = (
        "import os, time;"
        "from mediator_desk.services.spelling import british_english;"
        "page = os.sysconf('SC_PAGE_SIZE');"
        "rss = lambda: int(open('/proc/self/statm').read().split()[1]) * page / 2**20;"
        "before = rss();"
        "start = time.perf_counter(); british_english();"
        "took = (time.perf_counter() - start) * 1000;"
        "print(took, rss() - before)"
    )
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    return {
        "spelling_load": statistics.median(r[0] for r in runs),
        "spelling_memory": statistics.median(r[1] for r in runs),
    }


def checker_figures() -> dict[str, float]:
    """Looking up and suggesting with spylls, and (where the Hunspell library is installed)
    with the library itself through ctypes, the thinnest binding there is."""
    from mediator_desk.domain.spelling import Checker
    from mediator_desk.services.spelling import british_english, dictionary_path

    words = TYPED.replace(",", "").replace(".", "").split() * 20
    dictionary = british_english()

    def per_word_us(lookup: Any) -> float:
        times = []
        for word in words:
            start = time.perf_counter()
            lookup(word)
            times.append((time.perf_counter() - start) * 1e6)
        return statistics.median(times)

    figures = {"spylls_lookup_us": per_word_us(dictionary.lookup)}
    checker = Checker(dictionary)
    suggesting = []
    for word in MISSPELT:
        start = time.perf_counter()
        checker.suggestions(word)
        suggesting.append((time.perf_counter() - start) * 1000)
    figures["spelling_suggest"] = statistics.median(suggesting)
    found = ctypes.util.find_library("hunspell-1.7") or ctypes.util.find_library("hunspell")
    if found:
        library = ctypes.CDLL(found)
        library.Hunspell_create.restype = ctypes.c_void_p
        library.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        library.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        library.Hunspell_suggest.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p)), ctypes.c_char_p,
        ]  # fmt: skip
        base = str(dictionary_path())
        handle = library.Hunspell_create(f"{base}.aff".encode(), f"{base}.dic".encode())
        figures["binding_lookup_us"] = per_word_us(
            lambda w: library.Hunspell_spell(handle, w.encode())
        )
        suggesting = []
        for word in MISSPELT:
            offered = ctypes.POINTER(ctypes.c_char_p)()
            start = time.perf_counter()
            library.Hunspell_suggest(handle, ctypes.byref(offered), word.encode())
            suggesting.append((time.perf_counter() - start) * 1000)
        figures["binding_suggest"] = statistics.median(suggesting)
    return figures


def spelling_figures() -> dict[str, float]:
    return keystroke_ms() | load_figures() | checker_figures()


def main() -> int:
    found = spelling_figures()
    for key, label in LABELS.items():
        if key in found:
            print(f"{label}: {found[key]:.2f} {UNITS.get(key, 'ms')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
