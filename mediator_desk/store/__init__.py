"""The case file: one SQLite database per casebook. The only package that knows SQL."""

from . import sqlite as _sqlite  # noqa: F401 - must come before sqlite-utils is imported
