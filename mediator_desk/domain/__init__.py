"""Pure-Python domain: the case, its people and the statutory rules.

Nothing here imports Qt, SQL or any other package of the project, so every rule can be unit-tested
with plain dates and checked against the regulation it cites.
"""
