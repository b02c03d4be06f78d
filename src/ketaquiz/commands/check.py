"""`ketaquiz check`: lint banks and verify their citations."""

from __future__ import annotations

import argparse
import json
import sys

from ketaquiz.core.lint import check_paths, format_report
from ketaquiz.core.paths import bundled_banks_dir
from ketaquiz.core.sources import SourceLibraryError


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [bundled_banks_dir()]
    try:
        report = check_paths(paths, sources=args.sources)
    except SourceLibraryError as exc:
        who = "ketaquiz check"  # i18n: not shown (the command name; the message after it comes translated)
        print(f"{who}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(report.to_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for line in format_report(report):
            print(line)
    return report.exit_code(strict=args.strict)
