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
    python3 dev.py lint              ruff over the project, mypy (strict) over the package, dev.py
                                     and packaging/build.py
    python3 dev.py package [ARGS...] the test tools plus PyInstaller (packaging/requirements-build
                                     .lock), then build the one-folder app into dist/mediator-desk
                                     (packaging/build.py; ARGS: --clean, --self-test)
    python3 dev.py mutate [PACKAGE]  the test tools plus mutmut (requirements-mutate.lock), then
                                     mutation-test domain, store, documents or all (the default)
                                     and print the score of each package; exit 1 below the goal
                                     (docs/testing.md, "Mutation testing"). --sample N: only N
                                     of one package's mutants, the same N each time (--seed S:
                                     another N)

The virtual environment lives in .venv beside this file. It is reinstalled only when a lock file
changes, so the second run starts at once. ARGS go to the app (or to pytest, or the build).
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
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
    verdicts: dict[str, str], only: Collection[str] | None = None
) -> dict[str, dict[str, int]]:
    """Count the verdicts per package (of the mutants in `only`, when given)."""
    counts: dict[str, dict[str, int]] = {package: {} for package in MUTATION_GOALS}
    for name, status in verdicts.items():
        package = name.split(".")[1]
        if package in counts and (only is None or name in only):
            counts[package][status] = counts[package].get(status, 0) + 1
    return counts


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
    short = 0
    print(
        f"{'package':<10} {'mutants':>7} {'killed':>7} {'survived':>8} {'timeout':>7} "
        f"{'no tests':>8} {'other':>5} {'score':>6} {'goal':>5}"
    )
    for package, verdicts in mutation_scores(mutant_verdicts(python), chosen).items():
        if package not in packages:
            continue
        total = sum(verdicts.values())
        killed, timeout = verdicts.get("killed", 0), verdicts.get("timeout", 0)
        survived, no_tests = verdicts.get("survived", 0), verdicts.get("no tests", 0)
        other = total - killed - timeout - survived - no_tests
        # A mutant that makes the tests hang has been noticed: it counts as killed.
        score = (killed + timeout) / total if total else 0.0
        goal = MUTATION_GOALS[package]
        short += score < goal
        print(
            f"{package:<10} {total:>7} {killed:>7} {survived:>8} {timeout:>7} {no_tests:>8} "
            f"{other:>5} {score:>6.1%} {goal:>5.0%}"
        )
        if chosen is not None:
            low, high = wilson_interval(killed + timeout, total)
            print(f"A sample of {total} mutants: the package's score is {low:.1%} to {high:.1%}"
                  " (95% interval).")  # fmt: skip
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
