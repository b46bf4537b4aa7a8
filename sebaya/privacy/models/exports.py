"""A person's own data, produced by the worker as a PDF and JSON."""

__all__: list[str] = []
