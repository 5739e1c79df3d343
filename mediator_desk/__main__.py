"""`python -m mediator_desk` behaves exactly like the `mediator-desk` command."""

import sys

from mediator_desk.cli import main

sys.exit(main())
