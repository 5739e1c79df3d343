# The part of arabic-reshaper (3.x) that Mediator Desk calls: the package ships no type hints,
# and typeshed has no stubs for it.

def reshape(text: str) -> str: ...
