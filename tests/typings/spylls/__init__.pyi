# The part of spylls (0.1.7) that Mediator Desk calls: the package ships no type hints.
