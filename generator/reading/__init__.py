"""Data in: each YAML file read with every value located, checked against the typed models."""
