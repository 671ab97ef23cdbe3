"""Values in error messages, shown only as short excerpts.

repr() of a large value builds all of it first, and a value read from a hostile file can be very large
(YAML aliases of aliases grow exponentially): an error message shows at most about 40 characters.
"""

from __future__ import annotations

import reprlib
from typing import Any

_EXCERPT = reprlib.Repr()  # bounded at every level, unlike repr(); Python 3.11 takes no arguments here
for _limit in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset", "maxdeque", "maxarray"):
    setattr(_EXCERPT, _limit, 4)
_EXCERPT.maxlevel, _EXCERPT.maxstring, _EXCERPT.maxother, _EXCERPT.maxlong = 2, 40, 40, 40


def excerpt(value: Any) -> str:
    """A value for an error message: at most about 40 characters, however large the value."""
    text = _EXCERPT.repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
