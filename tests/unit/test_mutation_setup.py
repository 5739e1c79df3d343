"""The mutation run can only judge a mutant by the tests it saw reach the mutated function
(mutmut's test selection, pyproject.toml). A fixture shared by a module or a session runs the
code it calls during the first test only, so every later test that reads its result is never
tried against that code's mutants: the mutants survive however good those tests are. (This is
how the service report's section tallies showed 265 survivors.) So a test module the mutation
run selects may share a fixture only for a stated reason, listed here."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

import dev

ROOT = Path(__file__).resolve().parents[2]

# Shared on purpose: what they share is a place to write to, not a result to check.
SHARED_FIXTURES = {
    # An empty case file the Hypothesis examples import into (opening one per example would
    # take minutes); each example's own calls into the importer are seen as usual.
    ("tests/store/test_exchange_schema.py", "imports"),
    ("tests/store/test_import_properties.py", "target"),
}


def selected_test_files() -> list[Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    selection = config["tool"]["mutmut"]["pytest_add_cli_args_test_selection"]
    ignored = {ROOT / a.removeprefix("--ignore=") for a in selection if a.startswith("--ignore=")}
    folders = [ROOT / a for a in selection if not a.startswith("-")]
    return [
        path for folder in folders for path in sorted(folder.rglob("*.py")) if path not in ignored
    ]


def wide_fixtures(path: Path, root: Path = ROOT) -> set[tuple[str, str]]:
    """(file, fixture name) for each fixture in `path` declared with a scope wider than one
    test."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if not isinstance(decorator, ast.Call):
                continue
            scope = next((k.value for k in decorator.keywords if k.arg == "scope"), None)
            if isinstance(scope, ast.Constant) and scope.value != "function":
                found.add((path.relative_to(root).as_posix(), node.name))
    return found


def test_the_selection_is_read_from_the_folders_it_names():
    files = {p.relative_to(ROOT).as_posix() for p in selected_test_files()}
    assert "tests/unit/test_reporting.py" in files
    assert "tests/store/test_crash.py" not in files  # ignored by the selection
    assert not any(f.startswith("tests/gui/") for f in files)


def test_no_selected_test_module_shares_a_fixture_without_a_reason():
    wide = set().union(*(wide_fixtures(p) for p in selected_test_files()))
    assert wide - SHARED_FIXTURES == set()
    assert SHARED_FIXTURES - wide == set()  # the list names no fixture that has gone


def test_a_wider_fixture_is_found_and_a_test_wide_one_is_not(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "import pytest\n\n"
        "@pytest.fixture(scope='module')\ndef report():\n    return 1\n\n"
        "@pytest.fixture(scope='session')\ndef casebook():\n    return 2\n\n"
        "@pytest.fixture(scope='function')\ndef one():\n    return 3\n\n"
        "@pytest.fixture\ndef two():\n    return 4\n",
        encoding="utf-8",
    )
    assert wide_fixtures(sample, tmp_path) == {
        ("test_sample.py", "report"),
        ("test_sample.py", "casebook"),
    }


def test_the_test_map_is_forgotten_when_a_test_changes_and_kept_otherwise(tmp_path):
    """mutmut re-maps only tests it has not seen; `dev.py mutate` deletes its map when any test
    file has changed, so an edited test is tried against the mutants it now reaches."""
    (tmp_path / "tests").mkdir()
    test_file = tmp_path / "tests" / "test_a.py"
    test_file.write_text("def test_a():\n    assert True\n", encoding="utf-8")
    stats = tmp_path / "mutants" / "mutmut-stats.json"
    stats.parent.mkdir()
    stats.write_text("{}", encoding="utf-8")
    dev.forget_stale_test_map(tmp_path)  # no record of the tests yet: mapped afresh
    assert not stats.exists()
    stats.write_text("{}", encoding="utf-8")  # mutmut maps them
    dev.forget_stale_test_map(tmp_path)
    assert stats.exists()  # nothing changed: kept
    test_file.write_text("def test_a():\n    assert 1 == 1\n", encoding="utf-8")
    dev.forget_stale_test_map(tmp_path)
    assert not stats.exists()


def test_a_sample_is_the_same_each_time_and_drawn_from_the_mutants_given():
    names = [f"mediator_desk.store.chain.x_rechain__mutmut_{n}" for n in range(1, 501)]
    first = dev.choose_sample(names, 50)
    assert first == dev.choose_sample(list(reversed(names)), 50)  # order given: no matter
    assert len(set(first)) == 50 and set(first) <= set(names)
    assert first != dev.choose_sample(names, 50, seed=1)
    assert dev.choose_sample(names[:10], 50) == sorted(names[:10])  # never more than there are


def test_the_interval_around_a_sampled_score():
    """Wilson's 95% interval: 90 of 100 caught is 82.6% to 94.5% (the textbook figures)."""
    low, high = dev.wilson_interval(90, 100)
    assert (round(low, 4), round(high, 4)) == (0.8256, 0.9448)
    assert dev.wilson_interval(0, 0) == (0.0, 1.0)
    low, high = dev.wilson_interval(300, 300)
    assert high == pytest.approx(1.0) and 0.98 < low < 1.0


def test_scores_count_each_package_and_only_the_sample_when_given():
    verdicts = {
        "mediator_desk.store.a__mutmut_1": "killed",
        "mediator_desk.store.a__mutmut_2": "survived",
        "mediator_desk.store.a__mutmut_3": "timeout",
        "mediator_desk.domain.b__mutmut_1": "no tests",
        "mediator_desk.ui.c__mutmut_1": "killed",  # not a package the run measures
    }
    assert dev.mutation_scores(verdicts) == {
        "domain": {"no tests": 1},
        "store": {"killed": 1, "survived": 1, "timeout": 1},
        "documents": {},
    }
    only = {"mediator_desk.store.a__mutmut_2"}
    assert dev.mutation_scores(verdicts, only)["store"] == {"survived": 1}


def test_mutate_reads_its_package_sample_and_seed():
    """`--seed S` draws another sample: the figure for a sample the tests were written for
    flatters the package, so the next estimate needs fresh mutants."""
    assert dev.mutate_options(["store"]) == ("store", 0, dev.SAMPLE_SEED)
    assert dev.mutate_options([]) == ("all", 0, dev.SAMPLE_SEED)
    assert dev.mutate_options(["documents", "--sample", "150"]) == (
        "documents", 150, dev.SAMPLE_SEED)  # fmt: skip
    assert dev.mutate_options(["--seed", "7", "store", "--sample", "300"]) == ("store", 300, 7)
    refusals = {
        ("store", "--sample"): "dev.py mutate: --sample needs a number of mutants, like 300.",
        ("store", "--sample", "0"): "dev.py mutate: --sample needs a number of mutants, like 300.",
        ("store", "--seed", "x"): "dev.py mutate: --seed needs a whole number, like 2.",
        ("store", "--seed", "7"): "dev.py mutate: --seed goes with --sample.",
        ("all", "--sample", "9"): "dev.py mutate: choose one of domain, store or documents.",
        ("cases",): "dev.py mutate: choose one of domain, store, documents or all.",
    }
    for args, message in refusals.items():
        assert dev.mutate_options(list(args)) == message


# A mutated module as mutmut writes it: the original of each function beside its numbered
# mutants, methods inside their class.
MUTATED_MODULE = """\
def x_add_months__mutmut_orig(day, months):
    index = day.month - 1 + months
    if index > 11:
        raise AssertionError("unreachable")
    return index


def x_add_months__mutmut_1(day, months):
    index = day.month - 1 + months
    if index > 11:
        raise AssertionError(None)
    return index


def x_add_months__mutmut_2(day, months):
    index = day.month + 1 + months
    if index > 11:
        raise AssertionError("unreachable")
    return index

class WorkingCalendar:
    def xǁWorkingCalendarǁuntil__mutmut_orig(self, today, due):
        step = 1 if due > today else -1
        return step

    def xǁWorkingCalendarǁuntil__mutmut_3(
        self, today, due
    ):
        step = 1 if due >= today else -1
        return step
"""


def mutants_tree(tmp_path: Path) -> Path:
    module = tmp_path / "mutants" / "mediator_desk" / "domain" / "calendar.py"
    module.parent.mkdir(parents=True)
    module.write_text(MUTATED_MODULE, encoding="utf-8")
    return tmp_path


def test_a_recorded_change_is_looked_for_in_the_mutant_and_not_in_the_original(tmp_path):
    """mutmut numbers a function's mutants afresh when the function changes, so a name in the
    ledger may come to mean another change. An entry holds only while the mutant it names still
    makes the change recorded, and the original does not."""
    root = mutants_tree(tmp_path)
    name = "mediator_desk.domain.calendar.x_add_months__mutmut_{}"
    assert dev.makes_change(name.format(1), "raise AssertionError(None)", root)
    # the same entry once the numbers have moved on: _2 makes another change
    assert not dev.makes_change(name.format(2), "raise AssertionError(None)", root)
    # a line the original has as well is not the change
    assert not dev.makes_change(name.format(1), "index = day.month - 1 + months", root)
    assert not dev.makes_change(name.format(9), "raise AssertionError(None)", root)  # gone
    method = "mediator_desk.domain.calendar.xǁWorkingCalendarǁuntil__mutmut_3"
    assert dev.makes_change(method, "step = 1 if due >= today else -1", root)
    assert not dev.makes_change(method, "return index", root)  # another function's line
    other = "mediator_desk.store.chain.x_rechain__mutmut_1"  # no such mutated module
    assert not dev.makes_change(other, "return index", root)


def test_recorded_equivalents_are_judged_against_the_verdicts(tmp_path):
    root = mutants_tree(tmp_path)
    name = "mediator_desk.domain.calendar.x_add_months__mutmut_{}"
    method = "mediator_desk.domain.calendar.xǁWorkingCalendarǁuntil__mutmut_3"
    verdicts = {name.format(1): "survived", name.format(2): "survived", method: "killed"}
    ledger = {
        name.format(1): "raise AssertionError(None)",  # still that change: counted out
        name.format(2): "raise AssertionError(None)",  # renumbered: stale, a survivor again
        method: "step = 1 if due >= today else -1",  # the tests tell it apart after all
        "mediator_desk.store.chain.x_rechain__mutmut_1": "return 1",  # another package
    }
    judged = dev.judge_equivalents(verdicts, ledger, {"domain"}, root=root)
    assert judged == ({name.format(1)}, [name.format(2)], [method])
    # a sample judges the killed only among the mutants it ran
    judged = dev.judge_equivalents(verdicts, ledger, {"domain"}, {name.format(1)}, root)
    assert judged == ({name.format(1)}, [name.format(2)], [])


def test_equivalents_count_apart_and_out_of_the_score():
    verdicts = {
        "mediator_desk.store.a__mutmut_1": "killed",
        "mediator_desk.store.a__mutmut_2": "survived",
        "mediator_desk.store.a__mutmut_3": "survived",
        "mediator_desk.store.a__mutmut_4": "timeout",
    }
    counts = dev.mutation_scores(verdicts, equivalent={"mediator_desk.store.a__mutmut_3"})
    assert counts["store"] == {"killed": 1, "survived": 1, "equivalent": 1, "timeout": 1}
    assert dev.package_score(counts["store"]) == (2, 3)  # caught, of those told apart
    assert dev.package_score({}) == (0, 0)


def test_a_ledger_that_cannot_be_read_is_refused_in_words(tmp_path):
    ledger = tmp_path / "mutation_equivalents.toml"
    assert dev.read_equivalents(ledger) == {}  # none recorded
    entry = 'mutant = "mediator_desk.domain.a.x_f__mutmut_1"\nchange = "x = 2"\nwhy = "unused"\n'
    ledger.write_text(f"[[equivalent]]\n{entry}", encoding="utf-8")
    assert dev.read_equivalents(ledger) == {"mediator_desk.domain.a.x_f__mutmut_1": "x = 2"}
    blank_why = entry.replace('"unused"', '" "')
    refusals = {
        "[[equivalent]\n": "mutation_equivalents.toml cannot be read as TOML: ",
        f"[[equivalent]]\n{entry}[[equivalent]]\n{entry}": (
            "mutation_equivalents.toml, entry 2: mediator_desk.domain.a.x_f__mutmut_1 is "
            "listed twice."),
        f"[[equivalent]]\n{entry.replace('why', 'reason')}": (
            "mutation_equivalents.toml, entry 1: it needs a mutant, the change it makes and "
            "why it is equivalent (mutant, change, why), each a text, and nothing else."),
        f"[[equivalent]]\n{blank_why}": (
            "mutation_equivalents.toml, entry 1: it needs a mutant, the change it makes and "
            "why it is equivalent (mutant, change, why), each a text, and nothing else."),
        f"[[equivalent]]\n{entry.replace('domain', 'ui')}": (
            "mutation_equivalents.toml, entry 1: mediator_desk.ui.a.x_f__mutmut_1 is not a "
            "mutant of domain, store or documents."),
        f"[[equivalents]]\n{entry}": (
            "mutation_equivalents.toml: it holds only [[equivalent]] entries."),
    }  # fmt: skip
    for text, message in refusals.items():
        ledger.write_text(text, encoding="utf-8")
        refused = dev.read_equivalents(ledger)
        assert isinstance(refused, str) and refused.startswith(message), text
        assert refused == message or message.endswith(": "), text


def test_the_ledger_kept_with_the_tests_reads():
    ledger = dev.read_equivalents()
    assert isinstance(ledger, dict), ledger
    assert len(ledger) >= 50
    for name, change in ledger.items():
        assert change.strip() and "\n" not in change.strip(), name  # one `+` line of a diff


def test_the_report_scores_what_can_be_told_apart_and_names_what_is_amiss(capsys):
    """9 killed and 1 timed out of 10 told apart is 100%, however many are equivalent; the goal
    is held to that share, and the ledger's stale and contradicted entries are named."""
    counts = {
        "domain": {"killed": 9, "timeout": 1, "equivalent": 5},
        "store": {"killed": 8, "survived": 2, "equivalent": 1},
        "documents": {"killed": 1},
    }
    stale, killed = (
        ["mediator_desk.store.a.x_f__mutmut_4"],
        ["mediator_desk.domain.b.x_g__mutmut_2"],
    )
    assert dev.report_scores(counts, ["domain"], sampled=True) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].split() == ["domain", "15", "9", "0", "5", "1", "0", "0", "100.0%", "90%"]
    assert out[2] == (
        "A sample of 15 mutants, 10 of them told apart from the code: the package's score is "
        "72.2% to 100.0% (95% interval)."
    )
    assert not any(line.startswith("store") for line in out)  # not the package tested
    assert dev.report_scores(counts, ["store", "domain"], False, stale, killed) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[2].split() == ["store", "11", "8", "2", "1", "0", "0", "0", "80.0%", "90%"]
    assert not any(line.startswith("A sample") for line in out)
    assert out[4:6] == [
        "Stale: mediator_desk.store.a.x_f__mutmut_4 no longer makes the change recorded for it "
        "(its function has changed since), so it counts like any other mutant. Look at it again.",
        "Killed: mediator_desk.domain.b.x_g__mutmut_2 is recorded as equivalent, yet the tests "
        "caught it. Take it off the ledger.",
    ]
