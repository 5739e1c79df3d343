"""`mediator-desk report`: each format written, what it prints, and one-line errors with the
right exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pypdf import PdfReader

from mediator_desk.cli import main

PERIOD = ["--from", "2026-01-01", "--to", "2026-12-31"]
AUTHORITIES = (
    "Brackenshire County Council, Eastwold City Council, Kingsmere Council, "
    "Northmoor Borough Council"
)


@pytest.fixture
def demo_file(casefile_path, capsys):
    assert main(["demo", "--no-encryption", "--casefile", str(casefile_path)]) == 0
    capsys.readouterr()
    return str(casefile_path)


def report(casefile: str, *args: str) -> int:
    return main(["report", "--casefile", casefile, *PERIOD, *args])


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("mediator-desk: ")
    return captured.err.strip()


@pytest.mark.parametrize("fmt", ["csv", "pdf", "json"])
def test_each_format_is_written_and_named(demo_file, tmp_path, capsys, fmt):
    out = tmp_path / f"service report.{fmt}"
    assert report(demo_file, "--format", fmt, "--out", str(out)) == 0
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1
    assert str(out) in printed and fmt.upper() in printed
    assert "1 January 2026 to 31 December 2026" in printed
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF-") and len(PdfReader(io.BytesIO(data)).pages) >= 2
    elif fmt == "json":
        assert json.loads(data)["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    else:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert rows[0]["period_from"] == "2026-01-01"


def test_the_format_follows_the_file_name(demo_file, tmp_path):
    out = tmp_path / "report.json"
    assert report(demo_file, "--out", str(out)) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "mediator-desk-service-report"


def test_a_local_authority_and_kind_narrow_the_report(demo_file, tmp_path, capsys):
    out = tmp_path / "eastwold.json"
    args = ["--la", "eastwold  city COUNCIL", "--kind", "disagreement-resolution"]
    assert report(demo_file, *args, "--out", str(out)) == 0
    assert "Eastwold City Council; Disagreement resolution" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["filter"] == {
        "local_authority": "Eastwold City Council",
        "kind": "disagreement_resolution",
        "kind_label": "Disagreement resolution",
    }
    assert [a["local_authority"] for a in data["local_authorities"]] in (
        [],
        ["Eastwold City Council"],
    )


def test_an_unknown_local_authority_lists_the_known_ones(demo_file, tmp_path, capsys):
    out = tmp_path / "report.csv"
    assert report(demo_file, "--la", "Westhaven Council", "--out", str(out)) == 1
    error = one_line_error(capsys)
    assert "no local authority called 'Westhaven Council'" in error
    assert error.endswith(AUTHORITIES)
    assert not out.exists()


def test_an_empty_case_file_says_it_has_no_local_authority(casefile_path, tmp_path, capsys):
    created = main(["cases", "--no-encryption", "--casefile", str(casefile_path)])
    assert created == 0  # creates it, empty
    capsys.readouterr()
    out = tmp_path / "report.csv"
    assert report(str(casefile_path), "--la", "Westhaven Council", "--out", str(out)) == 1
    assert one_line_error(capsys).endswith("it has none yet")


def test_an_existing_file_is_kept_unless_forced(demo_file, tmp_path, capsys):
    out = tmp_path / "report.csv"
    out.write_text("keep me", encoding="utf-8")
    assert report(demo_file, "--out", str(out)) == 1
    assert "already exists (use --force to replace it)" in one_line_error(capsys)
    assert out.read_text(encoding="utf-8") == "keep me"
    assert report(demo_file, "--out", str(out), "--force") == 0
    assert out.read_bytes().startswith(b'\xef\xbb\xbf"period_from"')


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["--from", "2026-12-31", "--to", "2026-01-01"], "--to 2026-01-01 is before --from"),
        (["--from", "2026-02-30", "--to", "2026-12-31"], "--from: '2026-02-30' is not a real"),
        (["--from", "1/1/2026", "--to", "2026-12-31"], "not a date in the form YYYY-MM-DD"),
    ],
)
def test_wrong_dates_are_a_usage_error(demo_file, tmp_path, capsys, dates, message):
    out = tmp_path / "report.csv"
    assert main(["report", "--casefile", demo_file, *dates, "--out", str(out)]) == 2
    assert message in one_line_error(capsys)
    assert not out.exists()


def test_a_format_that_cannot_be_told_is_a_usage_error(demo_file, tmp_path, capsys):
    assert report(demo_file, "--out", str(tmp_path / "report.txt")) == 2
    assert "--format csv, pdf or json" in one_line_error(capsys)


def test_argparse_refuses_an_unknown_kind_or_format(demo_file, tmp_path, capsys):
    out = str(tmp_path / "report.csv")
    for wrong in (["--kind", "arbitration"], ["--format", "xlsx"], ["--to"]):
        with pytest.raises(SystemExit) as exit_:
            report(demo_file, "--out", out, *wrong)
        assert exit_.value.code == 2
    capsys.readouterr()


def test_a_case_file_that_is_not_there_is_one_line(casefile_path, tmp_path, capsys):
    assert report(str(casefile_path), "--out", str(tmp_path / "report.pdf")) == 1
    assert "There is no case file" in one_line_error(capsys)
    assert not casefile_path.exists()


def test_a_missing_folder_is_one_line(demo_file, tmp_path, capsys):
    assert report(demo_file, "--out", str(tmp_path / "gone" / "report.pdf")) == 1
    assert "does not exist" in one_line_error(capsys)


def test_the_report_leaves_the_case_file_unchanged(demo_file, tmp_path):
    from tests.conftest import sha256_of

    before = sha256_of(tmp_path / "casebook.mdesk")
    assert report(demo_file, "--out", str(tmp_path / "r.csv")) == 0
    assert sha256_of(tmp_path / "casebook.mdesk") == before


def test_help_describes_the_command(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    for word in ("--from", "--to", "--la", "--kind", "--format", "--out", "--force", "<5"):
        assert word in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "mediator-desk report --from" in capsys.readouterr().out
