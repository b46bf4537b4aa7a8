"""Consent records (who agreed to what purpose, when, how; withdrawal)."""

__all__: list[str] = []
