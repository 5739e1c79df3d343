"""The report as plain JSON, for services that collate several mediators' reports.

Keys are always in the same order. A count is a number, or the string "<5" (1 to 4) or "[c]"
(a larger count hidden so that a "<5" cannot be worked out); a hidden share or median is null.
Dates are ISO 8601 (YYYY-MM-DD)."""

from __future__ import annotations

import json
from typing import Any

from ..domain.suppression import CONCEALED, SMALL_COUNT, SUPPRESSED
from .shown import AUTHORITY_COLUMNS, ShownReport, share_percent

FORMAT_NAME = "mediator-desk-service-report"
FORMAT_VERSION = 1


def _count(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def report_data(report: ShownReport, service_name: str = "") -> dict[str, Any]:
    sections = []
    for section in report.sections:
        entry: dict[str, Any] = {
            "key": section.key,
            "title": section.title,
            "note": section.note,
            "measure": section.measure,
        }
        if section.measure:
            entry["figures"] = [
                {"label": f.label, "median_days": f.value, "cases_measured": _count(f.count)}
                for f in section.figures
            ]
        else:
            entry["total_label"] = section.total_label
            entry["total"] = _count(section.total or "0")
            entry["parts_add_up"] = section.parts_add_up
            entry["figures"] = [
                {
                    "label": f.label,
                    "count": _count(f.count),
                    "share_percent": share_percent(f.share),
                }
                for f in section.figures
            ]
        sections.append(entry)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "service": service_name,
        "period": {"from": report.start.isoformat(), "to": report.end.isoformat()},
        "filter": {
            "local_authority": report.local_authority or None,
            "kind": report.kind or None,
            "kind_label": report.kind_label,
        },
        "as_of": report.as_of.isoformat(),
        "suppression": {
            "below": SMALL_COUNT,
            "shown_as": SUPPRESSED,
            "also_hidden_as": CONCEALED,
            "note": report.note,
        },
        "sections": sections,
        "months": [
            {
                "month": f"{m.first_day:%Y-%m}",
                "label": m.label,
                "enquiries": _count(m.enquiries),
                "meetings": _count(m.meetings),
            }
            for m in report.months
        ],
        "local_authorities": [
            {"local_authority": a.local_authority}
            | {name: _count(getattr(a, name)) for name, _ in AUTHORITY_COLUMNS}
            for a in report.authorities
        ],
    }


def render_json(report: ShownReport, service_name: str = "") -> bytes:
    text = json.dumps(report_data(report, service_name), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
