"""The 12-week program (SPEC §4): values, rules, session building, maintenance, documents."""
