"""Service reports written to files: anonymised CSV, JSON and PDF (export.py)."""
