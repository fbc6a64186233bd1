"""Pure normalisation functions (no spaCy): times, durations, dates, names, country codes."""
