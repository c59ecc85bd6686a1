"""Commands that build the files under models/ (never run by tests or CI)."""
