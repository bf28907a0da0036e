"""Byline's web page and HTTP API (``byline serve``); see :func:`create_app`."""

from __future__ import annotations

from byline.web.app import MAX_BYTES, TIMEOUT, create_app

__all__ = ["MAX_BYTES", "TIMEOUT", "create_app"]
