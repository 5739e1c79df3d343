"""Mediator Desk: case files, statutory clocks and sealed outcome statements for SEND mediators."""

__version__ = "0.1.0"
APP_NAME = "Mediator Desk"
ORGANISATION = "Mediator Desk"
SUFFIX = ".mdesk"  # a case file's name ends with it
ENV_CASEFILE = "MEDIATOR_DESK_CASEFILE"  # the case file to use, if not the default
ENV_PASSPHRASE = "MEDIATOR_DESK_PASSPHRASE"  # an encrypted case file's passphrase, for scripts
