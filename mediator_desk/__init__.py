"""Mediator Desk: case files, statutory clocks and sealed outcome statements for SEND mediators."""

__version__ = "0.1.0"
APP_NAME = "Mediator Desk"
ORGANISATION = "Mediator Desk"
