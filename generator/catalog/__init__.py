"""The catalogue: every reference resolved, and what the pages show worked out from the data."""
