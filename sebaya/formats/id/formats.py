# Indonesian as written in schools and letters: day and full month name, times with a dot (14.00).
DATE_FORMAT = "j F Y"  # 6 Desember 2026
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"l, j F Y \p\u\k\u\l H.i"  # Senin, 6 Desember 2026 pukul 14.00
SHORT_DATETIME_FORMAT = r"j F Y \p\u\k\u\l H.i"  # 6 Desember 2026 pukul 14.00
TIME_FORMAT = "H.i"  # 14.00
YEAR_MONTH_FORMAT = "F Y"  # Desember 2026
MONTH_DAY_FORMAT = "j F"
