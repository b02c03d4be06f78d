"""One module per command; each has `run(args) -> exit code` and is imported only when its command runs."""
