# The part of python-bidi (0.6) that Mediator Desk calls: the package has type hints but no
# py.typed marker, and typeshed has no stubs for it.
from typing import TypeVar

_StrOrBytes = TypeVar("_StrOrBytes", str, bytes)

def get_display(
    str_or_bytes: _StrOrBytes,
    encoding: str = "utf-8",
    base_dir: str | None = None,
    debug: bool = False,
) -> _StrOrBytes: ...
def get_base_level(text: str) -> int: ...
