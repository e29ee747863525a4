"""督办 rules in plain Python: the breakdown tables, the reporting schedule, progress states."""
