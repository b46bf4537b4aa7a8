"""`sebaya risk scan` and `sebaya risk evaluate`: risk detection in text from the command line.

scan      reads UTF-8 lines on stdin and writes one JSON line per input line:
          {"level": "crisis"|"concern"|"none", "matched": [...]}. Bytes that are not UTF-8 are
          replaced, never fatal; an empty line gives level "none".
evaluate  prints precision and recall per level and the figures the targets are set on, for the
          shipped evaluation set (--holdout: and the holdout; --all: every shipped set, then all
          together) or the files given with --file, and lists the misclassified lines.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from sebaya.safety.risk import assess
from sebaya.safety.risk.evaluation import (
    EVAL_FILE,
    HOLDOUT_FILE,
    SHIPPED,
    EvalFileError,
    evaluate,
    evaluate_file,
    format_report,
    read_examples,
)


class Command(BaseCommand):
    help = "Risk detection in text: scan lines from stdin, or evaluate against a labelled file."
    requires_system_checks = []  # no database, no settings beyond the basics

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{scan,evaluate}")
        actions.add_parser("scan", help="read lines on stdin, write one JSON line per line")
        evaluate = actions.add_parser("evaluate", help="precision and recall on a labelled file")
        evaluate.add_argument(
            "--file",
            action="append",
            dest="files",
            metavar="PATH",
            help=f"a level<TAB>text file (repeatable); default {EVAL_FILE.name}",
        )
        evaluate.add_argument(
            "--holdout", action="store_true", help=f"also evaluate the held-out set ({HOLDOUT_FILE.name})"
        )
        evaluate.add_argument(
            "--all",
            action="store_true",
            help="every shipped set (development, holdout, blind rounds), then all of them together",
        )
        evaluate.add_argument("--quiet", action="store_true", help="figures only, no misclassified lines")
        evaluate.add_argument(
            "--strict", action="store_true", help="exit with status 1 if a target is missed"
        )

    def handle(self, *args, action, **options):
        if action == "scan":
            self.scan()
        else:
            self.evaluate(options)

    def scan(self):
        stdin = sys.stdin.buffer
        out = self.stdout
        for raw in stdin:
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            out.write(json.dumps(assess(text).as_dict(), ensure_ascii=False))
            out.flush()

    def evaluate(self, options):
        files = options["files"] or [str(EVAL_FILE)]
        if options["all"]:
            files = [str(path) for path in SHIPPED]
        elif options["holdout"]:
            files.append(str(HOLDOUT_FILE))
        missed = False
        reports = []
        try:
            for path in files:
                reports.append(evaluate_file(path))
            if options["all"]:
                examples = [example for path in files for example in read_examples(path)]
                reports.append(evaluate(examples, source="all shipped sets together"))
        except EvalFileError as error:
            raise CommandError(str(error)) from error
        for number, report in enumerate(reports):
            if number:
                self.stdout.write("")
            together = options["all"] and number == len(reports) - 1
            self.stdout.write(format_report(report, show_mistakes=not (options["quiet"] or together)))
            missed = missed or bool(report.unmet())
        if missed and options["strict"]:
            raise CommandError("Targets missed.", returncode=1)
