"""Helpers for the records export tests: ask for a file, build it, read it back."""

import datetime
import io

from django.utils import timezone

from sebaya.evaluation import records_export
from sebaya.evaluation.models import RecordsExport

REASON = "Evaluasi program oleh Universitas Contoh"


def ask(org, admin, *, start=None, end=None, language="id") -> RecordsExport:
    today = timezone.localdate()
    return records_export.records_export_request(
        organization=org,
        by=admin,
        period_start=start or today - datetime.timedelta(days=60),
        period_end=end or today + datetime.timedelta(days=1),
        reason=REASON,
        language=language,
    )


def build(org, admin, **options) -> RecordsExport:
    export = ask(org, admin, **options)
    assert records_export.records_exports_tick(worker="test") == 1
    export.refresh_from_db()
    assert export.status == RecordsExport.Status.READY, export.error
    return export


def read(export: RecordsExport) -> dict[str, list[list]]:
    """Every sheet as a list of rows (values as openpyxl reads them), by sheet title."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(bytes(export.data)))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets
    }


def cells(sheets: dict) -> list[str]:
    return [str(value) for rows in sheets.values() for row in rows for value in row if value is not None]


def table(sheets: dict, title: str) -> list[dict]:
    """A sheet's rows as dicts by header."""
    header, *rows = sheets[title]
    return [dict(zip(header, row, strict=False)) for row in rows]
