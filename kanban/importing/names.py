"""Whether two spellings of a customer name are one company: case, spacing and legal form aside."""

from __future__ import annotations

import re

from kanban.importing.csvread import normalise_text

# Legal forms a name may carry or drop between two systems ("Müller GmbH" in the
# accounting, "Müller" in time tracking): they do not make another company.
_LEGAL_FORM = re.compile(
    r"\b(?:gmbh\s*&\s*co\.?\s*(?:kgaa|kg|ohg)|ug\s*\(haftungsbeschränkt\)|gmbh|mbh|ug|ag|kgaa|kg|ohg|gbr"
    r"|partg(?:\s*mbb)?|e\.\s*k(?:fm|fr)?\.?|e\.\s*v\.?|se|ltd\.?|inc\.?|llc)(?=\W|$)"
)


def company_key(name: str) -> str:
    """A name reduced to what tells companies apart: no case, spacing, punctuation or legal form."""
    folded = normalise_text(name).casefold()
    key = re.sub(r"[\W_]+", "", _LEGAL_FORM.sub(" ", folded))
    return key or re.sub(r"[\W_]+", "", folded)


def same_company(a: str, b: str) -> bool:
    return company_key(a) == company_key(b)
