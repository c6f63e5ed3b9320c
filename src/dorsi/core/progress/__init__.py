"""Progress (SPEC §5): the log, the statistics, flags, texts and documents."""
