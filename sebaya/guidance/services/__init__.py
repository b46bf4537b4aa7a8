"""Writes of the BK program cycle, one module per use case; each takes keyword-only
arguments and records its audit event."""
