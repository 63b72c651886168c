"""Adapters that turn the outputs into a site source for an engine: the MkDocs plugin and export."""
