"""Screening: instruments as data, scoring, administrations and screening rounds."""
