"""The theme's template environments for a preview's rebuilds: they list the theme's files without walking
the folders MkDocs leaves out, and keep the templates they compile for the next rebuild.

Before each build MkDocs lists every file of the theme to copy the static ones into the site, and drops
every path with a part that starts with a dot. Material's hidden `.icons` folder alone holds some 14,000
files, walked and dropped again on every rebuild of `exguide serve`. Material's search plugin, too, compiles
a template of the theme for each rebuild, in an environment of its own.
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.theme import Theme


class ThemeFilesLoader(jinja2.FileSystemLoader):
    """The theme's templates as MkDocs' loader finds them; its listing of the theme's files leaves out those
    in hidden folders and hidden files, which MkDocs never copies into a site (its filter drops every path
    with a part starting with a dot), without walking them."""

    def list_templates(self) -> list[str]:
        found = set()
        for search_path in self.searchpath:
            for folder, subfolders, names in os.walk(search_path, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = os.path.relpath(folder, search_path)
                for name in names:
                    if not name.startswith("."):
                        path = name if inside == "." else f"{inside}/{name}"
                        found.add(path.replace(os.sep, "/"))
        return sorted(found)


def list_theme_files_quickly(theme: Theme, compiled: jinja2.BytecodeCache | None = None) -> None:
    """Give the environments the theme makes for each build a `ThemeFilesLoader`, and `compiled`, the
    templates compiled in earlier builds (Jinja compiles a template again when its source has changed)."""
    make_environment = theme.get_env

    def get_env() -> jinja2.Environment:
        environment = make_environment()
        environment.loader = ThemeFilesLoader(theme.dirs)
        environment.bytecode_cache = compiled
        return environment

    theme.get_env = get_env  # type: ignore[method-assign]
