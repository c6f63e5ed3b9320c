"""Dorsi's one date style (day month year, month in words), as Django locale formats so every
``|date`` filter without an argument uses it. The CLI writes the same style with
``dorsi.core.words.day_text``; tests/web/test_web_formats.py checks that both agree."""

DATE_FORMAT = "j F Y"  # 30 November 2026
SHORT_DATE_FORMAT = "j M Y"  # 30 Nov 2026
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday, as the plan's weeks
