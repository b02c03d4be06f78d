"""The core: banks, sources, checking, progress, scheduling and the quiz session.

Nothing under this package imports Textual or Rich (tests/unit/test_import_hygiene.py proves it), so every front end
drives the same tested logic.
"""
