"""The screening instruments Sebaya ships, from the command line.

sebaya instruments list [--all-versions] [--language id|en]
sebaya instruments score CODE[.vN] ANSWER...

CODE is e.g. phq9 (PHQ-9 works too) for the latest version, or phq9.v1 for a given version.

`score` takes the option values in item order ("-" skips an optional trailing item) and prints one
JSON object: {"instrument", "version", "total", "band", "subscales", "flags", "derived"}.
A wrong code, a wrong number of answers or a value that is not an answer: exit status 2.
"""

import json
import re

from django.core.management.base import BaseCommand, CommandError

from sebaya.screening.instruments import UnknownInstrument, all_instruments, get_instrument
from sebaya.screening.scoring import ScoringError, score

VERSIONED_CODE = re.compile(r"^(?P<code>.+)\.v(?P<version>[0-9]+)$")
OUTPUT_KEYS = ("instrument", "version", "total", "band", "subscales", "flags", "derived")


class Command(BaseCommand):
    help = "List the screening instruments, or score one set of answers."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="code, version, name, items and ages of each instrument")
        listing.add_argument("--all-versions", action="store_true", help="every version, not only the latest")
        listing.add_argument("--language", choices=("id", "en"), default="en", help="language of the names")
        scoring = sub.add_parser("score", help="score answers (option values in item order); prints JSON")
        scoring.add_argument("code", help="instrument code, e.g. phq9 (latest version) or phq9.v1")
        scoring.add_argument(
            "answers", nargs="*", help="one option value per item; '-' skips an optional item"
        )

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _list(self, *, all_versions, language, **_):
        rows = [("code", "version", "items", "ages", "name")]
        for instrument in all_instruments(every_version=all_versions):
            items = str(instrument.max_answers)
            if instrument.min_answers != instrument.max_answers:
                items += f" ({instrument.min_answers} required)"
            name = instrument.name.get(language)
            rows.append((instrument.code, str(instrument.version), items, instrument.ages(), name))
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
        for *cells, name in rows:
            self.stdout.write(
                "  ".join([*(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)), name])
            )

    def _score(self, *, code, answers, **_):
        versioned = VERSIONED_CODE.match(code)
        try:
            if versioned:
                instrument = get_instrument(versioned["code"], int(versioned["version"]))
            else:
                instrument = get_instrument(code)
            result = score(instrument, [None if answer == "-" else answer for answer in answers])
        except (UnknownInstrument, ScoringError) as error:
            raise CommandError(str(error), returncode=2) from error
        output = result.as_dict()
        self.stdout.write(json.dumps({key: output[key] for key in OUTPUT_KEYS}, ensure_ascii=False))
