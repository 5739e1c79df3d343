#!/usr/bin/env python3
"""Set up and run Mediator Desk from a fresh clone, with nothing but Python 3.11+.

    python3 dev.py start [ARGS...]   create .venv, install the locked dependencies, start the app
    python3 dev.py test [ARGS...]    the same with the test tools, then the everyday test suite:
                                     every test but the slow ones, in a random order
    python3 dev.py test --all        the whole suite, as CI runs it: the everyday tests, the slow
                                     ones (crash and kill trials, install, bundle, model-based)
                                     sized for CI, then the quick benchmark check. --full-size:
                                     the slow tests at full size. docs/testing.md has the figures
    python3 dev.py bench [ARGS...]   the same, then run the benchmarks (tests/benchmarks/run.py):
                                     a table of figures; exit 1 on a regression. --help for more
    python3 dev.py bench day [CASES] a mediator's day on a CASES-case file (50,000 by default)
                                     with a watchdog on the GUI thread (tests/benchmarks/day.py)
    python3 dev.py bench growth [N...] the everyday figures at 1,000, 10,000 and 50,000 cases
                                     (tests/benchmarks/growth.py)
    python3 dev.py lint              ruff over the project, mypy (strict) over the package, dev.py
                                     and packaging/build.py
    python3 dev.py package [ARGS...] the test tools plus PyInstaller (packaging/requirements-build
                                     .lock), then build the one-folder app into dist/mediator-desk
                                     (packaging/build.py; ARGS: --clean, --self-test)
    python3 dev.py mutate [PACKAGE]  the test tools plus mutmut (requirements-mutate.lock), then
                                     mutation-test domain, store, documents or all (the default)
                                     and print the score of each package (mutants recorded in
                                     tests/mutation_equivalents.toml left out); exit 1 below the
                                     goal (docs/testing.md, "Mutation testing"). --sample N: only N
                                     of one package's mutants, the same N each time (--seed S:
                                     another N)

The virtual environment lives in .venv beside this file. It is reinstalled only when a lock file
changes, so the second run starts at once. ARGS go to the app (or to pytest, or the build).
"""

from __future__ import annotations

import functools
import hashlib
import os
import random
import re
import subprocess
import sys
import time
import tomllib
import venv
from collections.abc import Callable, Collection
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
BUILD_LOCK = ROOT / "packaging" / "requirements-build.lock"
MUTATE_LOCK = ROOT / "requirements-mutate.lock"
# The share of mutants each package's tests must kill (docs/testing.md).
MUTATION_GOALS = {"domain": 0.90, "store": 0.90, "documents": 0.80}
# Mutants no test could tell apart from the code, each with the change it makes and why.
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.toml"
SAMPLE_SEED = 20261130  # `dev.py mutate PACKAGE --sample N` always draws the same mutants
BUNDLE = ROOT / "dist" / "mediator-desk"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment(lock: Path) -> Path:
    """Create .venv and install `lock` into it unless that exact lock is installed already."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit(f"Mediator Desk needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp = VENV / ".installed-lock"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest() + " " + lock.name
    installed = stamp.read_text().splitlines() if stamp.exists() else []
    if wanted not in installed:
        print(f"Installing the locked dependencies from {lock.name} ...", flush=True)
        pip = [str(python), "-m", "pip", "--disable-pip-version-check", "-q"]
        # Every package at its locked version, checked against the lock's SHA-256 hashes.
        subprocess.run([*pip, "install", "--require-hashes", "-r", str(lock)], check=True)
        # The runtime lock is a subset of the dev lock, so both stamps may stand together.
        keep = [line for line in installed if line.endswith(" " + lock.name) is False]
        stamp.write_text("\n".join([*keep, wanted]) + "\n")
    return python


def run(python: Path, args: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run([str(python), *args], cwd=ROOT, env=env).returncode


def offscreen_env() -> dict[str, str]:
    """This environment, with Qt drawing off screen unless a platform was chosen."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def pytest_run(python: Path, args: list[str], env: dict[str, str]) -> int:
    code = run(python, ["-m", "pytest", *args], env)
    if code == 5:
        print("dev.py: pytest collected no tests; that counts as a failure.", file=sys.stderr)
        return 1
    return code


def whole_suite(env: dict[str, str], args: list[str], full_size: bool) -> int:
    """Every test, slow ones included, then the quick benchmark check: what CI runs. The build
    tools are installed too, so the bundle tests build the app rather than skip."""
    ensure_environment(DEV_LOCK)
    python = ensure_environment(BUILD_LOCK)
    env["MEDIATOR_DESK_SLOW_TESTS"] = (
        "full" if full_size else env.get("MEDIATOR_DESK_SLOW_TESTS", "ci")
    )
    steps: list[tuple[str, Callable[[], int]]] = [
        ("the tests, slow ones included", lambda: pytest_run(
            python, ["-m", "slow or not slow", "--durations=15", *args], env)),
        ("the quick benchmark check", lambda: run(
            python, ["-m", "tests.benchmarks.run", "--quick"], env)),
    ]  # fmt: skip
    for name, step in steps:
        started = time.monotonic()
        print(f"\n== dev.py test --all: {name} ==", flush=True)
        code = step()
        took = time.monotonic() - started
        print(f"== {name}: {'passed' if code == 0 else 'FAILED'} in {took / 60:.1f} min ==")
        if code != 0:
            return code
    return 0


def mutant_verdicts(python: Path) -> dict[str, str]:
    """Each mutant's verdict by its name, from `mutmut results --all true`."""
    listing = subprocess.run(
        [str(python), "-m", "mutmut", "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    verdicts = {}
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith("mediator_desk."):
            verdicts[name] = status
    return verdicts


def mutation_scores(
    verdicts: dict[str, str],
    only: Collection[str] | None = None,
    equivalent: Collection[str] = (),
) -> dict[str, dict[str, int]]:
    """Count the verdicts per package (of the mutants in `only`, when given); a survivor in
    `equivalent` counts as "equivalent"."""
    counts: dict[str, dict[str, int]] = {package: {} for package in MUTATION_GOALS}
    for name, status in verdicts.items():
        package = name.split(".")[1]
        if package in counts and (only is None or name in only):
            if status == "survived" and name in equivalent:
                status = "equivalent"
            counts[package][status] = counts[package].get(status, 0) + 1
    return counts


def package_score(counts: dict[str, int]) -> tuple[int, int]:
    """(caught, of how many): every mutant but the equivalent ones is one the tests should
    catch, and one that makes them hang has been noticed, so a timeout counts as caught."""
    told_apart = sum(counts.values()) - counts.get("equivalent", 0)
    return counts.get("killed", 0) + counts.get("timeout", 0), told_apart


def read_equivalents(path: Path = EQUIVALENTS) -> dict[str, str] | str:
    """The ledger of equivalent mutants, each name with the change it makes (the `+` line of
    `mutmut show`); or the sentence saying what is wrong with the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return f"{path.name} cannot be read as TOML: {error}"
    entries = data.get("equivalent", [])
    if set(data) - {"equivalent"} or not isinstance(entries, list):
        return f"{path.name}: it holds only [[equivalent]] entries."
    ledger: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        where = f"{path.name}, entry {number}"
        if not (
            isinstance(entry, dict)
            and set(entry) == {"mutant", "change", "why"}
            and all(isinstance(value, str) and value.strip() for value in entry.values())
        ):
            return (
                f"{where}: it needs a mutant, the change it makes and why it is equivalent "
                "(mutant, change, why), each a text, and nothing else."
            )
        mutant = entry["mutant"]
        if mutant.split(".")[:2] not in [["mediator_desk", p] for p in MUTATION_GOALS]:
            return f"{where}: {mutant} is not a mutant of domain, store or documents."
        if mutant in ledger:
            return f"{where}: {mutant} is listed twice."
        ledger[mutant] = entry["change"]
    return ledger


def function_lines(lines: list[str], name: str) -> list[str] | None:
    """The lines of the function `name` defined in `lines`, its signature included."""
    starts = re.compile(rf"^(\s*)def {re.escape(name)}\(")
    for at, line in enumerate(lines):
        found = starts.match(line)
        if found:
            indent = len(found[1])
            end = at + 1
            while end < len(lines) and (
                not lines[end].strip()
                or len(lines[end]) - len(lines[end].lstrip()) > indent
                or lines[end].lstrip().startswith(")")  # a signature over several lines
            ):
                end += 1
            return lines[at:end]
    return None


@functools.lru_cache(maxsize=8)
def _mutated_module(path: Path) -> list[str] | None:
    """A mutated module's lines, read once for all the ledger's entries in it."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None


def makes_change(mutant: str, change: str, root: Path = ROOT) -> bool:
    """Whether the mutant `mutant` (as mutmut last generated it, under `root`/mutants) still
    makes the change recorded: every line of `change` is in it, and one of them is not in the
    original function. mutmut numbers a function's mutants afresh when it changes, so a name
    alone may come to mean another change."""
    module, _, function = mutant.rpartition(".")
    lines = _mutated_module((root / "mutants").joinpath(*module.split(".")).with_suffix(".py"))
    if lines is None:
        return False
    body = function_lines(lines, function)
    original = function_lines(lines, re.sub(r"__mutmut_\d+$", "__mutmut_orig", function))
    if body is None or original is None:
        return False
    made = {line.strip() for line in body}
    before = {line.strip() for line in original}
    wanted = [line.strip() for line in change.splitlines() if line.strip()]
    return all(line in made for line in wanted) and any(line not in before for line in wanted)


def judge_equivalents(
    verdicts: dict[str, str],
    ledger: dict[str, str],
    packages: Collection[str],
    only: Collection[str] | None = None,
    root: Path = ROOT,
) -> tuple[set[str], list[str], list[str]]:
    """The ledger's entries for `packages`, judged: (the survivors counted out as equivalent;
    the stale entries, whose mutant no longer makes the change recorded; the entries the tests
    killed, among the mutants in `only` when given)."""
    equivalent, stale, killed = set(), [], []
    for name, change in sorted(ledger.items()):
        if name.split(".")[1] not in packages:
            continue
        if not makes_change(name, change, root):
            stale.append(name)
        elif verdicts.get(name) == "survived":
            equivalent.add(name)
        elif verdicts.get(name) in {"killed", "timeout"} and (only is None or name in only):
            killed.append(name)
    return equivalent, stale, killed


def choose_sample(names: Collection[str], size: int, seed: int = SAMPLE_SEED) -> list[str]:
    """`size` of the mutants, chosen at random but the same each time for the same mutants,
    so a sample can be re-run after the tests change and compared."""
    return sorted(random.Random(seed).sample(sorted(names), min(size, len(names))))


def wilson_interval(caught: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% interval around a score measured on a sample (Wilson's, which stays inside 0 to
    1 and is honest near either end)."""
    if total == 0:
        return 0.0, 1.0
    share = caught / total
    centre = share + z * z / (2 * total)
    spread = z * ((share * (1 - share) + z * z / (4 * total)) / total) ** 0.5
    return (centre - spread) / (1 + z * z / total), (centre + spread) / (1 + z * z / total)


def forget_stale_test_map(root: Path = ROOT) -> None:
    """mutmut learns once which test reaches which function, and afterwards only for tests it
    has not seen: a test that was changed keeps its old map, and a mutant may then never meet
    the test written to kill it. So when any test file has changed since the map was made,
    the map is deleted and mutmut learns it again (a few minutes)."""
    stats = root / "mutants" / "mutmut-stats.json"
    digest = hashlib.sha256()
    for path in sorted((root / "tests").rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    seen = root / "mutants" / "tests.sha256"
    if stats.exists() and (not seen.exists() or seen.read_text() != digest.hexdigest()):
        print("The tests have changed since mutmut mapped them: mapping them again.")
        stats.unlink()
    seen.parent.mkdir(exist_ok=True)
    seen.write_text(digest.hexdigest())


def mutate_options(rest: list[str]) -> tuple[str, int, int] | str:
    """`dev.py mutate`'s arguments: the package (or all), the sample size (0 for every
    mutant) and the sample's seed; or the sentence that refuses them."""
    values = {"--sample": "", "--seed": ""}
    rest = list(rest)
    for option in values:
        if option in rest:
            at = rest.index(option)
            values[option] = rest[at + 1] if at + 1 < len(rest) else ""
            rest = rest[:at] + rest[at + 2 :]
            if not values[option].isdigit():
                values[option] = "?"
    if values["--sample"] == "?" or values["--sample"] == "0":
        return "dev.py mutate: --sample needs a number of mutants, like 300."
    if values["--seed"] == "?":
        return "dev.py mutate: --seed needs a whole number, like 2."
    if values["--seed"] and not values["--sample"]:
        return "dev.py mutate: --seed goes with --sample."
    which = rest[0] if rest else "all"
    packages = list(MUTATION_GOALS)
    if values["--sample"] and which not in MUTATION_GOALS:
        return f"dev.py mutate: choose one of {', '.join(packages[:-1])} or {packages[-1]}."
    if which not in {*MUTATION_GOALS, "all"}:
        return f"dev.py mutate: choose one of {', '.join(packages)} or all."
    return which, int(values["--sample"] or 0), int(values["--seed"] or SAMPLE_SEED)


def mutate(rest: list[str]) -> int:
    """Mutation-test one package (or all), or a fixed random sample of one package's mutants
    (`--sample N`), and hold each package tested to its goal."""
    options = mutate_options(rest)
    if isinstance(options, str):
        print(options, file=sys.stderr)
        return 2
    which, sample, seed = options
    ledger = read_equivalents()
    if isinstance(ledger, str):
        print(f"dev.py mutate: {ledger}", file=sys.stderr)
        return 2
    python = ensure_environment(MUTATE_LOCK)
    env = offscreen_env()
    names = [] if which == "all" else [f"mediator_desk.{which}.*"]
    forget_stale_test_map()
    chosen: list[str] | None = None
    if sample:
        prefix = f"mediator_desk.{which}."
        every = [n for n in mutant_verdicts(python) if n.startswith(prefix)]
        if not every:  # not generated yet: a run that matches no mutant generates them all
            run(python, ["-m", "mutmut", "run", f"{prefix}none_of_them"], env)
            every = [n for n in mutant_verdicts(python) if n.startswith(prefix)]
        chosen = names = choose_sample(every, sample, seed)
    started = time.monotonic()
    # Two workers: the test suite is heavy and the machine is usually shared.
    code = run(python, ["-m", "mutmut", "run", "--max-children", "2", *names], env)
    print(f"mutmut ran for {(time.monotonic() - started) / 60:.0f} min (exit {code}).")
    if code != 0:
        return code
    packages = list(MUTATION_GOALS) if which == "all" else [which]
    verdicts = mutant_verdicts(python)
    equivalent, stale, killed_anyway = judge_equivalents(verdicts, ledger, packages, chosen)
    return report_scores(mutation_scores(verdicts, chosen, equivalent), packages, sample > 0,
                         stale, killed_anyway)  # fmt: skip


def report_scores(
    counts: dict[str, dict[str, int]],
    packages: Collection[str],
    sampled: bool,
    stale: Collection[str] = (),
    killed_anyway: Collection[str] = (),
) -> int:
    """Print each package's score against its goal, and what is amiss with the ledger of
    equivalent mutants; 1 when a package falls short of its goal."""
    short = 0
    print(
        f"{'package':<10} {'mutants':>7} {'killed':>7} {'survived':>8} {'equiv':>5} "
        f"{'timeout':>7} {'no tests':>8} {'other':>5} {'score':>6} {'goal':>5}"
    )
    for package, verdicts in counts.items():
        if package not in packages:
            continue
        total = sum(verdicts.values())
        caught, told_apart = package_score(verdicts)
        named = ("killed", "survived", "equivalent", "timeout", "no tests")
        other = total - sum(verdicts.get(status, 0) for status in named)
        score = caught / told_apart if told_apart else 0.0
        goal = MUTATION_GOALS[package]
        short += score < goal
        print(
            f"{package:<10} {total:>7} {verdicts.get('killed', 0):>7} "
            f"{verdicts.get('survived', 0):>8} {verdicts.get('equivalent', 0):>5} "
            f"{verdicts.get('timeout', 0):>7} {verdicts.get('no tests', 0):>8} {other:>5} "
            f"{score:>6.1%} {goal:>5.0%}"
        )
        if sampled:
            low, high = wilson_interval(caught, told_apart)
            print(f"A sample of {total} mutants, {told_apart} of them told apart from the code: "
                  f"the package's score is {low:.1%} to {high:.1%} (95% interval).")  # fmt: skip
    print(
        "The score is the share caught (killed, or timed out) of the mutants not recorded as "
        f"equivalent in {EQUIVALENTS.relative_to(ROOT).as_posix()}."
    )
    for name in stale:
        print(f"Stale: {name} no longer makes the change recorded for it (its function has "
              "changed since), so it counts like any other mutant. Look at it again.")  # fmt: skip
    for name in killed_anyway:
        print(f"Killed: {name} is recorded as equivalent, yet the tests caught it. Take it off "
              "the ledger.")  # fmt: skip
    print("Survivors: python -m mutmut results; one of them: python -m mutmut show NAME")
    return 1 if short else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "start":
        python = ensure_environment(RUNTIME_LOCK)
        return run(python, ["-m", "mediator_desk", *rest])
    if command == "test":
        python = ensure_environment(DEV_LOCK)
        env = offscreen_env()
        if "--all" in rest:
            return whole_suite(env, [a for a in rest if a not in {"--all", "--full-size"}],
                               full_size="--full-size" in rest)  # fmt: skip
        return pytest_run(python, rest, env)
    if command == "bench":
        python = ensure_environment(DEV_LOCK)
        env = offscreen_env()
        if rest and rest[0] in ("day", "growth"):
            return run(python, ["-m", f"tests.benchmarks.{rest[0]}", *rest[1:]], env)
        return run(python, ["-m", "tests.benchmarks.run", *rest], env)
    if command == "lint":
        python = ensure_environment(DEV_LOCK)
        return run(python, ["-m", "ruff", "check", "."]) or run(python, ["-m", "mypy"])
    if command == "package":
        ensure_environment(DEV_LOCK)
        python = ensure_environment(BUILD_LOCK)
        started = time.monotonic()
        code = run(python, [str(ROOT / "packaging" / "build.py"), *rest])
        took = time.monotonic() - started
        if code == 0:
            files = [f for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink()]
            size = sum(f.stat().st_size for f in files)
            print(f"The app is in {BUNDLE} ({size / 1024 / 1024:.0f} MB); built in {took:.0f} s.")
            program = "mediator-desk-cli.exe" if os.name == "nt" else "mediator-desk"
            print(f"Try it: {BUNDLE / program} self-test")
        return code
    if command == "mutate":
        return mutate(rest)
    print(
        f"dev.py: unknown command {command!r}. Try: start, test, bench, lint, package, mutate.",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
