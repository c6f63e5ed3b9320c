"""Assessment (SPEC §1-2): the input, its parsing, the rules and the report."""
