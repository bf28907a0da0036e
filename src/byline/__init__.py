"""Byline: who said what, about whom, when, and on what evidence.

>>> import byline
>>> brief = byline.analyze("“We will win,” the mayor said on Monday.", published="2025-05-03")
>>> brief.to_json()  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from byline.api import analyze, analyze_many, repair
from byline.errors import BylineError, InputError, UsageError
from byline.model import Brief, json_schema

__all__ = [
    "Brief",
    "BylineError",
    "InputError",
    "UsageError",
    "__version__",
    "analyze",
    "analyze_many",
    "json_schema",
    "repair",
]
