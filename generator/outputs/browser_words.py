"""The words the site's scripts show and say (the player, the session log, saving for offline), in the
page's language: `assets/javascripts/exguide-words.js`, written for each language's site from its
message catalogue, gives the scripts `window.exguideWords`:

    exguideWords.t("Step %(number)s of %(count)s", {number: 3, count: 12})
    exguideWords.n("%(num)s file", "%(num)s files", 5)

Its plural rule is the language's own, from Babel (gettext's C expression, which reads the same in
JavaScript), and the messages are JSON: no text from a catalogue is ever run as code.
"""

from __future__ import annotations

from generator.outputs.markup import template_environment
from generator.outputs.messages import N_, Messages, Nn_

WORDS_SCRIPT = "assets/javascripts/exguide-words.js"
BROWSER_MESSAGES: list[str | tuple[str, str]] = [
    N_("round %(set)s of %(sets)s"),
    N_("set %(set)s of %(sets)s"),
    N_("Get ready"),
    N_("Get ready: %(what)s"),
    N_("Rest"),
    N_("Rest: round %(set)s of %(sets)s done"),
    N_("Switch sides"),
    N_("left side"),
    N_("right side"),
    N_("Go"),
    N_("Next: %(exercise)s. %(stage)s."),
    N_("Rest, %(time)s."),
    N_("Switch sides."),
    N_("Go. %(stage)s."),
    N_("Step %(number)s of %(count)s"),
    N_("Tap Done when the set is finished"),
    N_("%(time)s left"),
    N_("Finished"),
    N_("%(routine)s: done"),
    N_("Time: %(time)s. Saved in the log on this device."),
    N_("%(routine)s done. Well done."),
    N_("Paused."),
    N_("Carry on."),
    N_("%(minutes)s min %(seconds)s s"),
    N_("Remove every session from the log on this device?"),
    N_("Saved on this device on %(date)s. It works with no connection."),
    N_("Saved on this device on %(date)s, with the PDFs and open data. It works with no connection."),
    N_("Save again (%(size)s)"),
    N_("Not saved yet. Saving takes %(size)s on this device."),
    N_("Save for offline (%(size)s)"),
    N_("Saving…"),
    Nn_("Saving… %(done)s of %(num)s file", "Saving… %(done)s of %(num)s files"),
    Nn_(
        "%(num)s file could not be saved: check the connection and press Save again.",
        "%(num)s files could not be saved: check the connection and press Save again.",
    ),
    N_("Getting ready…"),
    N_("%(size)s MB"),
]
"""Every message the scripts use; a pair is a message with plural forms."""


def words_script(messages: Messages) -> str:
    """exguide-words.js for a language."""
    template = template_environment(autoescape=False).get_template("browser/words.js.j2")
    data = messages.browser_words(BROWSER_MESSAGES)
    return template.render(data=data.replace("<", "\\u003c"), plural=messages.plural_expression)
