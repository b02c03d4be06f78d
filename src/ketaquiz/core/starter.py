"""A commented starter bank (`ketaquiz new`): every field of the bank format, with one example question that
loads, checks, and verifies against the project's source library.

The comments are read by the staff who write the bank, so the template goes through the catalog as one message:
in Spanish (`ketaquiz new --lang es`) the comments, the summary and the example question are Spanish, the bank is
`language: es` and its example quotes a Spanish source; the YAML keys stay English (they are the file format).
"""

from __future__ import annotations

import datetime as dt
import re

from ketaquiz.core.i18n import N_, _

STARTER = N_("""\
# A ketaquiz question bank (bank format 1). The full reference is docs/bank-format.md.
# Check it as you write:   ketaquiz check {file} --sources PATH/TO/SOURCE-LIBRARY
# Text after '#' is a comment: learners never see it.

format: 1                          # the format version: always 1
id: {bank_id}                      # lowercase letters, digits and single dashes; unique among the banks you load
title: {title}                     # shown on Home: a few words
summary: >-                        # one or two sentences under the title on Home
  Replace this with what the questions cover, in words a patient uses.
language: en                       # en or es

review:
  written: {today}                 # the date the bank was written
  reviewed_by: null                # written by `ketaquiz sign` when a clinician has reviewed the bank
  reviewed_on: null

objectives:                        # optional: what a learner should be able to do; questions point here
  watch-after-dose: Knows how long the clinic watches them after a dose, and why.

sources:                           # every source the questions quote; copy the fields from the library's header
  fda-spravato-rems:               # the source's id: its file in the source library is fda-spravato-rems.txt
    title: SPRAVATO (esketamine) REMS - Approved Risk Evaluation and Mitigation Strategies
    publisher: U.S. Food and Drug Administration
    url: https://www.accessdata.fda.gov/scripts/cder/rems/index.cfm?event=IndvRemsDetails.page&REMS=386
    date: no date given            # YYYY, YYYY-MM, YYYY-MM-DD or "no date given"

questions:
  - id: {question_id}   # stable: progress follows the id, so fix typos elsewhere, never here
    prompt: Your nasal spray dose is done and you feel fine. How long will the clinic watch you?
    choices:                       # 2 to 5; exactly one has correct: true; every other one has a why_not
      - text: For 15 minutes, and then you can go home if you feel fine
        why_not: Feeling fine does not shorten the watch. Side effects can come on later.
      - text: At least 2 hours, and until the effects have passed
        correct: true
      - text: Until your ride arrives
        why_not: Your ride can wait. The watch lasts at least 2 hours.
    explanation: >-
      After each dose, the clinic watches you for at least 2 hours. You stay until sleepiness,
      feeling detached, and any breathing problems have passed.
    cite:
      source: fda-spravato-rems    # an id from sources: above
      quote: "Patients are monitored for at least two hours and until resolution of sedation, dissociation and respiratory depression"
    objective: watch-after-dose    # optional: an id from objectives: above
    essential: true                # optional: a fact a patient must know to be safe (default false)
    shuffle: true                  # optional: false keeps the choices in the order written (default true)
    tags: [monitoring, after-session]   # optional: short sub-topic names
    # lint_ok:                     # optional: acknowledge a check warning, with the reason
    #   negative-stem: The myth itself is phrased as a negative.
""")

NEXT_STEPS = N_("""\
Next:
  1. Write your questions in {file} (or fill a spreadsheet and use `ketaquiz import`; see docs/bank-format.md).
  2. Check it:               ketaquiz check {file} --sources PATH/TO/SOURCE-LIBRARY
  3. For the clinician:      ketaquiz review-sheet {file} -o {stem}-review.html
  4. Record their review:    ketaquiz sign {file} --reviewer "NAME, CREDENTIALS"
  5. Use it:                 ketaquiz --bank {file}""")
"""What to do after `ketaquiz new` (show it with `_(NEXT_STEPS)`; fields `file` and `stem`)."""


def starter_bank(bank_id: str, *, file_name: str, today: dt.date | None = None) -> str:
    """The starter bank's text for `bank_id` (an id the loader accepts)."""
    title = bank_id.replace("-", " ").capitalize()
    return _(STARTER).format(
        bank_id=_yaml_text(bank_id),
        question_id=f"{bank_id}-watch-after-dose",  # i18n: not shown (an id)
        title=_yaml_text(title),
        file=file_name,
        today=(today or dt.date.today()).isoformat(),
    )


def _yaml_text(value: str) -> str:
    """`value` as YAML that reads back as text: quoted when it would read as a number, true/false or null."""
    if re.fullmatch(r"[-+]?[0-9]+|true|false|null|~", value, flags=re.IGNORECASE):
        return f'"{value}"'
    return value
