"""The languages people read the product in: Dutch by default, English as a choice.

The users are Dutch safety advisors and researchers, so every page and message a person reads
is Dutch unless they ask for English (`--lang en`, `?lang=en`, or `IVP_LANG=en`). The choice is
made here once; a text without a translation falls back to Dutch rather than failing, and a
language we do not have is refused by name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal, get_args

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT: Language = "nl"
# the person's choice, made once at the boundary (`ivp --lang`), for library messages that do
# not take a language of their own (build progress, warnings, errors)
_CHOSEN: ContextVar[Language | None] = ContextVar("ivp_language", default=None)


def choose(requested: str | None = None) -> Language:
    """The language asked for, else the one `speaking` set, else IVP_LANG, else Dutch.

    >>> choose("EN"), choose(None) in LANGUAGES
    ('en', True)
    """
    wanted = (requested or _CHOSEN.get() or os.environ.get("IVP_LANG") or DEFAULT).strip().lower()
    for language in LANGUAGES:
        if wanted == language or wanted.startswith(language + "-"):
            return language
    raise ValueError(f"unknown language {wanted!r}: choose one of {', '.join(LANGUAGES)}")


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Within the block, `choose()` without a request gives `language`.

    The command line enters this once with the person's `--lang`, so a library message that
    reaches them (a build step, a query error) follows it without every function between
    taking a language; on leaving, the earlier choice is back (tests invoke many commands).

    >>> with speaking("en"):
    ...     choose()
    'en'
    """
    token = _CHOSEN.set(language)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


class Texts:
    """One module's texts in every language, looked up by key.

    >>> texts = Texts({"run": {"nl": "Uitvoeren", "en": "Run"}, "n": {"nl": "{n} rijen"}})
    >>> texts("run", "en"), texts("n", "en", n=3)
    ('Run', '3 rijen')
    """

    def __init__(self, texts: Mapping[str, Mapping[str, str]]):
        missing = [key for key, forms in texts.items() if DEFAULT not in forms]
        if missing:
            raise ValueError(f"texts without a Dutch form: {', '.join(missing)}")
        self.texts = texts

    def __call__(self, key: str, language: Language, /, **fields: object) -> str:
        forms = self.texts[key]
        text = forms.get(language) or forms[DEFAULT]
        return text.format(**fields) if fields else text

    def all(self, language: Language) -> dict[str, str]:
        """Every text in one language, e.g. to hand a page's script its words as JSON."""
        return {key: self(key, language) for key in self.texts}
