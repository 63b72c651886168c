"""exguide: turns structured exercise data into an illustrated, searchable exercise-guide website."""
