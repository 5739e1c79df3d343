"""`python -m mediator_desk` behaves exactly like the `mediator-desk` command."""

import multiprocessing
import sys

from mediator_desk.cli import main

if __name__ == "__main__":
    # The service report counts in a process of its own (services/reporting.py); in the
    # bundled app that process starts from this same program, which must let it.
    multiprocessing.freeze_support()
    sys.exit(main())
