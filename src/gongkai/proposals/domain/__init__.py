"""建议提案办理 rules in plain Python: deadlines, result codes, states, the yearly summary."""
