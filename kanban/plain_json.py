"""JSON texts of plain values (lists of str, int, float, bool, None), written by one encoder made once.

`json.dumps` with options builds an encoder on every call, and even `JSONEncoder.encode`
builds its C encoder anew each time; an import, a restore and an export write a text per
customer and kind. Where json has its C encoder, it is made once here, without the check
for cycles (plain values hold none); it writes exactly what `JSONEncoder.encode` writes.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any


def plain_encoder(item_separator: str, key_separator: str) -> Callable[[Any], str]:
    """`value -> JSON text`, non-ASCII kept as it is, with these separators."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(item_separator, key_separator))
    make: Callable[..., Callable[[Any, int], tuple[str, ...]]] | None = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    try:  # json's own, not public: a Python whose encoder takes other arguments gets the plain way
        encode = make(None, encoder.default, json.encoder.encode_basestring, None, key_separator, item_separator,
                      False, False, True)  # fmt: skip

        def text(value: Any) -> str:
            return "".join(encode(value, 0))

        sample = [["R-1", "2026-01-31", 1.5, None, True, 2, 'Müller "B"']]
        if text(sample) == encoder.encode(sample):
            return text
    except (TypeError, ValueError):
        pass
    return encoder.encode
