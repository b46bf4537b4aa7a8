"""`sebaya risk`: risk detection in text from the command line.

scan             reads UTF-8 lines on stdin and writes one JSON line per input line:
                 {"level": "crisis"|"concern"|"none", "matched": [...], "score": {...}|null,
                 "by": [...]}. Bytes that are not UTF-8 are replaced, never fatal; an empty line
                 gives level "none". Lines are rated in batches (the encoder is faster so).
evaluate         prints precision and recall per level, recall per family and the figures the
                 targets are set on, for the shipped evaluation sets (default: the development
                 set; --all: every shipped set, then all together; --blind: the blind rounds) or
                 the files given with --file, by both layers or one (--lexicon, --model), and
                 lists the misclassified lines.
train            trains the learned layer from the labelled lines and reviewed feedback and
                 writes the model file (--check: only say whether the committed file is what
                 training gives now).
feedback export  writes the texts counselors marked (false alarms, missed risk) as labelled
                 lines with names, numbers, places and contacts removed, for a person to review
                 before they go into data/feedback/. Nothing leaves the server on its own.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sebaya.organizations.models import Organization
from sebaya.safety.feedback import export_lines, export_mark_done
from sebaya.safety.risk import assess_many, training
from sebaya.safety.risk import model as risk_model
from sebaya.safety.risk.detector import LAYERS, LEXICON, MODEL
from sebaya.safety.risk.evaluation import (
    BLIND_DIR,
    EVAL_FILE,
    HOLDOUT_FILE,
    SHIPPED,
    EvalFileError,
    evaluate,
    evaluate_file,
    format_report,
    read_examples,
    training_files,
)

SCAN_BATCH = 256


class Command(BaseCommand):
    help = "Risk detection in text: scan, evaluate, train the learned layer, export feedback."
    requires_system_checks = []  # no database, no settings beyond the basics (except feedback)

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{scan,evaluate,train,feedback}"
        )
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
        evaluate.add_argument(
            "--blind", action="store_true", help="the blind rounds never trained on (data/blind/)"
        )
        layer = evaluate.add_mutually_exclusive_group()
        layer.add_argument("--lexicon", action="store_true", help="the lexicon alone")
        layer.add_argument("--model", action="store_true", help="the learned layer alone")
        evaluate.add_argument("--quiet", action="store_true", help="figures only, no misclassified lines")
        evaluate.add_argument(
            "--strict", action="store_true", help="exit with status 1 if a target is missed"
        )
        train = actions.add_parser("train", help="train the learned layer and write the model file")
        train.add_argument(
            "--output", metavar="PATH", help="where to write it (default: the shipped model file)"
        )
        train.add_argument(
            "--check", action="store_true", help="write nothing; exit 1 if training now gives another file"
        )
        feedback = actions.add_parser("feedback", help="counselors' feedback as labelled lines")
        feedback_actions = feedback.add_subparsers(dest="feedback_action", required=True, metavar="{export}")
        export = feedback_actions.add_parser("export", help="write marked texts, names and numbers removed")
        export.add_argument("--output", metavar="PATH", help="write to this file (default: standard output)")
        export.add_argument("--organization", metavar="SLUG", help="only this organization's marks")
        export.add_argument("--again", action="store_true", help="also marks exported before")

    def handle(self, *args, action, **options):
        if action == "scan":
            self.scan()
        elif action == "evaluate":
            self.evaluate(options)
        elif action == "train":
            self.train(options)
        else:
            self.export_feedback(options)

    def scan(self):
        out = self.stdout
        batch: list[str] = []

        def flush():
            for result in assess_many(batch):
                out.write(json.dumps(result.as_dict(), ensure_ascii=False))
            out.flush()
            batch.clear()

        for raw in sys.stdin.buffer:
            batch.append(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
            if len(batch) >= SCAN_BATCH:
                flush()
        flush()

    def evaluate(self, options):
        layers = (LEXICON,) if options["lexicon"] else (MODEL,) if options["model"] else LAYERS
        files = options["files"] or [str(EVAL_FILE)]
        together = options["all"] or options["blind"]
        if options["all"]:
            files = [str(path) for path in SHIPPED]
        elif options["blind"]:
            files = [str(path) for path in training_files(BLIND_DIR)]
        elif options["holdout"]:
            files.append(str(HOLDOUT_FILE))
        missed = False
        reports = []
        try:
            for path in files:
                reports.append(evaluate_file(path, layers=layers))
            if together and len(files) > 1:
                examples = [example for path in files for example in read_examples(path)]
                reports.append(evaluate(examples, source="all of them together", layers=layers))
        except EvalFileError as error:
            raise CommandError(str(error)) from error
        for number, report in enumerate(reports):
            if number:
                self.stdout.write("")
            last = together and len(files) > 1 and number == len(reports) - 1
            self.stdout.write(format_report(report, show_mistakes=not (options["quiet"] or last)))
            missed = missed or bool(report.unmet())
        if missed and options["strict"]:
            raise CommandError("Targets missed.", returncode=1)

    def train(self, options):
        result = training.train()
        content = result.model.to_bytes()
        counts = result.model.trained_on["lines"]
        self.stdout.write(
            f"Trained on {len(result.lines)} lines ({counts['crisis']} crisis, {counts['concern']} concern, "
            f"{counts['none']} none); thresholds crisis {result.model.crisis_threshold:.2f}, "
            f"concern {result.model.concern_threshold:.2f}."
        )
        self.stdout.write(f"Out of fold ({training.FOLDS} folds), never on a line the model saw:")
        for name, found in (
            ("lexicon alone", result.lexicon_alone),
            ("model alone", result.model_alone),
            ("lexicon + model", result.cross_validated),
        ):
            self.stdout.write(
                f"  {name:<16} crisis recall {found.crisis_recall:.3f}"
                f"  crisis flagged {found.crisis_flagged:.3f}"
                f"  concern flagged {found.concern_flagged:.3f}"
                f"  ordinary flagged {found.ordinary_flagged:.3f}"
                f"  concern raised to crisis {found.concern_as_crisis:.3f}"
            )
        target = Path(options["output"] or risk_model.MODEL_FILE)
        if options["check"]:
            current = target.read_bytes() if target.exists() else b""
            if current != content:
                raise CommandError(
                    f"{target} is not what training gives now: run `sebaya risk train`.", returncode=1
                )
            self.stdout.write(f"{target} is up to date.")
            return
        target.write_bytes(content)
        risk_model.forget()
        self.stdout.write(f"Wrote {target} ({len(content) / 1024:.0f} KB).")

    def export_feedback(self, options):
        organization = None
        if options["organization"]:
            organization = Organization.objects.filter(slug=options["organization"]).first()
            if organization is None:
                raise CommandError(f"No organization with the slug {options['organization']!r}.")
        found = export_lines(organization=organization, include_exported=options["again"])
        text = "".join(
            [
                "# Counselors' feedback on risk detection, exported by `sebaya risk feedback export`.\n",
                "# Names, numbers, places and contacts were removed by a program: read every line,\n",
                "# fix what it missed, add the family, then move the file into\n",
                "# sebaya/safety/data/feedback/\n",
                "# and run `sebaya risk train`.\n",
                *(line + "\n" for _mark, line in found),
            ]
        )
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
        export_mark_done([mark for mark, _line in found])
        self.stderr.write(f"{len(found)} lines exported.")
