"""Generated fictional case files for the benchmarks: 100, 2,000 or 10,000 cases.

Each batch of seven cases is the demo set (attendees, contacts, the child's views, agreed actions,
drafted and sealed statements) placed a few days further into the past, with the children and
their parents renamed from invented first names and surnames. Every name is fictional.

The files are cached in .bench-cache/ beside the project (generating 10,000 cases takes a couple
of minutes); a change to GENERATOR_VERSION makes new ones, and a change to the schema upgrades
the cached ones.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

from mediator_desk.domain.case import CaseStatus
from mediator_desk.domain.parents import ParentCarer
from mediator_desk.services import open_desk
from mediator_desk.store.erasure import erase_case
from mediator_desk.store.migrations import SCHEMA_VERSION

GENERATOR_VERSION = 2
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".bench-cache"
TODAY = dt.date(2026, 11, 23)
OPEN_FOR = dt.timedelta(days=180)  # older generated cases are closed

FIRST_NAMES = (
    "Alys",
    "Bryn",
    "Cai",
    "Dara",
    "Efa",
    "Ffion",
    "Gethin",
    "Hana",
    "Idris",
    "Jonah",
    "Kezia",
    "Lowri",
    "Macsen",
    "Nia",
    "Osian",
    "Peri",
    "Rhodri",
    "Seren",
    "Tomos",
    "Yara",
    "Ahmed",
    "Beatrix",
    "Callum",
    "Delphine",
    "Eshan",
    "Florin",
    "Greta",
    "Hamza",
    "Ines",
    "Jude",
    "Kofi",
    "Leonie",
    "Mateo",
    "Nadia",
    "Orla",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sami",
    "Tamsin",
    "Uma",
    "Viktor",
    "Wren",
    "Xavi",
    "Yusuf",
    "Zara",
)
SURNAMES = (
    "Abernethy",
    "Bracewell",
    "Carrow",
    "Dunmore",
    "Elsworth",
    "Fenwick",
    "Garside",
    "Holloway",
    "Inchbald",
    "Jarrold",
    "Kettlewell",
    "Lanyon",
    "Merriman",
    "Nettleford",
    "Ormerod",
    "Pendlebury",
    "Quarrie",
    "Ravensworth",
    "Stainthorpe",
    "Trevelyan",
    "Umfreville",
    "Vosper",
    "Wetherall",
    "Yardley",
    "Zennor",
    "Achterberg",
    "Bellamy-Rowe",
    "Castellanos",
    "Dubrovska",
    "Eze-Hartley",
    "Fairweather",
    "Gallagher",
    "Haworth-Singh",
    "Ibekwe",
    "Jaskolska",
    "Kowalczyk",
    "Lindqvist",
    "Mbatha",
    "Nakamura-Reid",
    "O'Donoghue",
)


def fictional_name(n: int) -> tuple[str, str]:
    """A first name and surname for the n-th generated child (about 1,800 combinations)."""
    return FIRST_NAMES[n % len(FIRST_NAMES)], SURNAMES[(n // len(FIRST_NAMES)) % len(SURNAMES)]


def generate(path: Path, count: int, progress: bool = False, label: str = "") -> Path:
    """Write a case file of `count` generated cases at `path` (replacing nothing: it must not
    exist)."""
    state = {"day": TODAY}
    desk = open_desk(
        path,
        today=lambda: state["day"],
        clock=lambda: dt.datetime.combine(state["day"], dt.time(10, 0)),
    )
    try:
        made = 0
        batch = 0
        while made < count:
            # Seven cases every four days: 10,000 cases reach back about 15 years.
            state["day"] = TODAY - dt.timedelta(days=4 * batch)
            created = desk.load_demo_cases()
            extras = created[max(0, count - made) :]  # the last batch may hold too many
            with desk.casefile.db.atomic():
                for case in created[: len(created) - len(extras)]:
                    assert case.id is not None
                    first, surname = fictional_name(made)
                    changes: dict[str, object] = {
                        "child_name": f"{first} {surname}",
                        "child_known_as": "",
                        "parents": (
                            ParentCarer(f"Morgan {surname}", "Parent"),
                            ParentCarer(f"Sam {surname}", "Parent"),
                        ),
                    }
                    if TODAY - state["day"] > OPEN_FOR:
                        changes["status"] = CaseStatus.CLOSED  # as a mediator's old cases are
                    desk.casefile.cases.update(case.id, changes)
                    made += 1
            for case in extras:
                assert case.id is not None
                desk.casefile.cases.update(case.id, {"status": CaseStatus.CLOSED})
                erase_case(desk.casefile.cases, case.id, due=True)
            batch += 1
            if progress and batch % 50 == 0:
                print(
                    f"\r  generating {label or path.name}: {made:,} of {count:,}",
                    end="",
                    flush=True,
                )
        if progress:
            print(f"\r  generated {label or path.name}: {count:,} cases" + " " * 20, flush=True)
    finally:
        desk.close()
    return path


def cached_casefile(count: int, progress: bool = True) -> Path:
    """The generated case file of `count` cases, made once and kept in .bench-cache/."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"cases-{count}-g{GENERATOR_VERSION}-s{SCHEMA_VERSION}.mdesk"
    if not path.exists():
        partial = path.with_name(path.name + f".{os.getpid()}.partial")
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink()
        older = sorted(
            CACHE.glob(f"cases-{count}-g{GENERATOR_VERSION}-s*.mdesk"),
            key=lambda p: int(p.stem.rsplit("-s", 1)[1]),
        )
        if older:  # the same cases, upgraded as a mediator's file would be
            shutil.copyfile(older[-1], partial)
            open_desk(partial, today=lambda: TODAY).close()
            for kept in partial.parent.glob(partial.name + ".v*.backup"):
                kept.unlink()
        else:
            generate(partial, count, progress=progress, label=path.name)
        for extra in ("-wal", "-shm", ".lock"):
            Path(str(partial) + extra).unlink(missing_ok=True)
        partial.rename(path)
    return path


if __name__ == "__main__":
    for size in [int(arg) for arg in sys.argv[1:]] or [100, 2000, 10000]:
        print(cached_casefile(size))
