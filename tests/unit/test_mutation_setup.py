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
