"""Rows straight into the tables, in batches: COPY on PostgreSQL, `bulk_create` elsewhere.

The generator never goes through the services (far too slow for a million rows) nor through
model instances on PostgreSQL (their construction alone costs more than the COPY). Every value
is given by the generator, dates included: `auto_now_add` and `auto_now` are switched off while
it runs (`historic_dates`), so the dates it chose are the dates written.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter

from django.db import connection, models

BATCH = 10_000


@contextlib.contextmanager
def historic_dates(model_list):
    """`bulk_create` calls `pre_save`, which would stamp now on every `auto_now(_add)` field;
    the generated rows carry their own dates, spread over the months."""
    switched = []
    for model in model_list:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                switched.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in switched:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class _Table:
    def __init__(self, model, *, copy: bool, with_pk: bool):
        self.model = model
        # An automatic id is left to the database, unless the generator gives it (accounts: every
        # generated row refers to them). Note BigAutoField counts as an AutoField here.
        fields = [
            f
            for f in model._meta.concrete_fields
            if with_pk or not (f.primary_key and isinstance(f, models.AutoField))
        ]
        self.attnames = [f.attname for f in fields]
        self.json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        # Constant defaults for what the generator leaves out; a field without one must be given.
        self.defaults = {}
        for f in fields:
            if f.has_default() and not (f.primary_key or isinstance(f, models.UUIDField)):
                value = f.get_default()
                self.defaults[f.attname] = value
            elif f.null:
                self.defaults[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField) and f.blank:
                self.defaults[f.attname] = ""
        self.copy_sql = None
        if copy:
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            self.copy_sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        self.rows: list[tuple] = []

    def row(self, values: dict) -> tuple:
        defaults = self.defaults
        try:
            return tuple(values[a] if a in values else defaults[a] for a in self.attnames)
        except KeyError as missing:
            raise TypeError(f"{self.model.__name__}: no value for {missing}") from None


class Writer:
    """`add(Model, field=value, ...)` keeps the row; a table is written when its batch is full,
    and `flush()` writes what is left. Foreign keys are checked at commit (Django declares them
    deferrable on both databases), so the order tables are written in does not matter."""

    def __init__(self, *, batch: int = BATCH):
        self.batch = batch
        self.copy = connection.vendor == "postgresql"
        self.tables: dict[type, _Table] = {}
        self.counts: Counter = Counter()

    def add(self, model, **values) -> None:
        table = self.tables.get(model)
        if table is None:
            with_pk = model._meta.pk.attname in values
            table = self.tables[model] = _Table(model, copy=self.copy, with_pk=with_pk)
        table.rows.append(table.row(values))
        self.counts[model] += 1
        if len(table.rows) >= self.batch:
            self._write(table)

    def flush(self) -> None:
        for table in self.tables.values():
            if table.rows:
                self._write(table)

    def _write(self, table: _Table) -> None:
        rows, table.rows = table.rows, []
        if self.copy:
            dumps = json.dumps
            with connection.cursor() as cursor, cursor.cursor.copy(table.copy_sql) as copy:
                for row in rows:
                    if table.json:
                        row = list(row)
                        for i in table.json:
                            row[i] = dumps(row[i], ensure_ascii=False)
                    copy.write_row(row)
        else:
            model, names = table.model, table.attnames
            table.model.objects.bulk_create(
                [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=2000
            )
