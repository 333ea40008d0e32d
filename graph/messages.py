"""The command line's own words, in Dutch (the default) and English (`ivp --lang en`).

One catalog, so a message is translated once and every command says it the same way. What
the library puts inside a message (a problem's text, a query error) is the library's, and
stays as it is; click's own help and usage errors stay English.
"""

from __future__ import annotations

from graph.i18n import Language, Texts

MESSAGES = Texts(
    {
        "error": {"nl": "Fout: {err}", "en": "Error: {err}"},
        "warning": {"nl": "waarschuwing: {text}", "en": "warning: {text}"},
        "problem": {"nl": "{n} probleem gevonden.", "en": "{n} problem found."},
        "problems": {"nl": "{n} problemen gevonden.", "en": "{n} problems found."},
        "valid": {"nl": "Geldig: geen problemen gevonden.", "en": "Valid: no problems found."},
        "built": {
            "nl": "Gebouwd: {triples} triples in {dist} ({checked} plannen gecontroleerd, "
            "{reused} ongewijzigd)",
            "en": "Built: {triples} triples in {dist} ({checked} plans checked, "
            "{reused} unchanged)",
        },
        "current": {
            "nl": "Actueel: {triples} triples in {dist} ({checked} plannen gecontroleerd, "
            "{reused} ongewijzigd)",
            "en": "Up to date: {triples} triples in {dist} ({checked} plans checked, "
            "{reused} unchanged)",
        },
        "plan_graphs": {"nl": "{n} plangrafen", "en": "{n} plan graphs"},
        "checking": {"nl": "plannen controleren", "en": "checking plans"},
        "generating": {"nl": "plannen genereren", "en": "generating plans"},
        "ocr_pages": {"nl": "pagina's lezen (OCR)", "en": "reading pages (OCR)"},
        "no_rows": {"nl": "(geen rijen)", "en": "(no rows)"},
        "wrote": {"nl": "Geschreven: {file}", "en": "Wrote {file}"},
        "wrote_kib": {"nl": "Geschreven: {file} ({kib} KiB)", "en": "Wrote {file} ({kib} KiB)"},
        "published": {
            "nl": "{triples} triples in {graphs} ({layout}) gepubliceerd naar {endpoint}",
            "en": "Published {triples} triples in {graphs} ({layout}) to {endpoint}",
        },
        "graph": {"nl": "graaf", "en": "graph"},
        "graphs": {"nl": "grafen", "en": "graphs"},
        "synth": {
            "nl": "{plans} plannen van {municipalities} gemeenten ({partners} partners in het "
            "register) geschreven in {output}",
            "en": "Wrote {plans} plans of {municipalities} municipalities ({partners} registry "
            "partners) into {output}",
        },
    }
)


def problems_found(n: int, lang: Language) -> str:
    """The closing line of a problem report, in agreement with its count.

    >>> problems_found(1, "nl"), problems_found(3, "en")
    ('1 probleem gevonden.', '3 problems found.')
    """
    return MESSAGES("problem" if n == 1 else "problems", lang, n=n)
