"""`python -m ketaquiz`."""

from ketaquiz.cli import main

raise SystemExit(main())
