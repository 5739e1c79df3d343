"""The case file: one SQLite database per casebook. The only package that knows SQL."""
