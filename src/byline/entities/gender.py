"""Gender of a person's first name, from the table ``python -m byline.entities.train`` learns.

Used only to choose between "he" and "she" antecedents; a name missing from the
table (or the table missing) tells nothing.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "models" / "first_names.json"


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    try:
        data = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    names = data.get("names", {})
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def of_first_name(name: str) -> str | None:
    """"male", "female" or None for a first name as written ("Hillary" -> "female")."""
    return _table().get(name[:1].upper() + name[1:].lower()) if name else None
