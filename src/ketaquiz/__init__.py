"""ketaquiz: short, sourced quizzes about ketamine treatment for depression.

This module holds only the version so that `ketaquiz --version` stays cheap to import.
"""

__version__ = "0.1.0"
