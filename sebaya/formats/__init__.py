"""Sebaya's one date format per language (settings.FORMAT_MODULE_PATH), so every page, email and
list writes "6 Desember 2026" and "Senin, 6 Desember 2026 pukul 14.00" (English "6 December 2026",
"Monday, 6 December 2026 at 14:00"). Templates name a format (`|date:"DATE_FORMAT"`,
`"SHORT_DATETIME_FORMAT"`, `"DATETIME_FORMAT"`, `"TIME_FORMAT"`), never write one by hand."""
