"""The Byline store: many briefs in one embedded SQLite file.

:class:`Store` is the one Python entry point used by ``byline ingest``,
``byline query``, ``byline export`` and the HTTP server. Every query method
returns plain ``dict``s and ``list``s (JSON-ready), except :meth:`Store.article`,
which returns the stored :class:`~byline.model.Brief`.

Writes are atomic per article: :meth:`Store.add` writes an article and all its
findings in one transaction, or nothing. Articles are keyed by the content hash
of their text (``Article.id``), so adding the same text twice is a no-op.

The file opens in datasette as is: ordinary tables, foreign keys, FTS5 indexes
kept in sync by triggers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from byline import errors, tables
from byline.model import Brief
from byline.store import schema
from byline.store.canon import Canon, typed_key

_FINDING_TABLES = tuple(t for t in tables.TABLES if t != "errors")
_SUMMARY_COLUMNS = ("id", "title", "published", "published_source", "url", "source", "n_entities",
                    "n_quotes", "n_claims", "n_events", "n_flags")
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(q: str) -> str:
    """A user's words as a safe FTS5 query: every word must occur (prefix match on
    the last one is not applied; stemming handles plurals). Operators and quotes in
    the input are treated as plain text, so no input can raise a syntax error."""
    words = _WORD.findall(q or "")
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def date_sort_key(value: str | None) -> str | None:
    """A TIMEX-style value as a sortable ``YYYY-MM-DD`` (start of the period), or None.

    ``2025``, ``2025-05``, ``2025-05-03``, ``2025-05-03T10:00``, ``2025-W18``,
    ``2025-Q2``, ``2025-SU`` (season) and decades ``202X`` are understood."""
    if not value:
        return None
    v = value.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    m = re.match(r"^(\d{4})-W(\d{2})", v)
    if m:
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
        except ValueError:
            return f"{m[1]}-01-01"
    m = re.match(r"^(\d{4})-Q([1-4])", v)
    if m:
        return f"{m[1]}-{(int(m[2]) - 1) * 3 + 1:02d}-01"
    m = re.match(r"^(\d{4})-(SP|SU|FA|AU|WI)", v)
    if m:
        return f"{m[1]}-" + {"SP": "03", "SU": "06", "FA": "09", "AU": "09", "WI": "12"}[m[2]] + "-01"
    m = re.match(r"^(\d{4})-(\d{2})$", v)
    if m:
        return f"{m[1]}-{m[2]}-01"
    m = re.match(r"^(\d{4})$", v)
    if m:
        return f"{m[1]}-01-01"
    m = re.match(r"^(\d{3})X$", v)
    if m:
        return f"{m[1]}0-01-01"
    return None


class Store:
    """A Byline corpus in one SQLite file.

    >>> with Store("corpus.db") as store:       # created (and migrated) on open
    ...     store.add(brief, source="a.txt")      # one transaction
    ...     store.search("sovereignty")

    ``create=False`` refuses a missing file with a :class:`~byline.errors.StoreError`.
    One Store may be shared by threads (calls are serialised by a lock).
    """

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise errors.StoreError(f"{self.path}: is a directory, not a store file")
            if not p.exists() and not create:
                raise errors.StoreError(f"{self.path}: no such store (create one with `byline ingest`)")
            if not p.parent.exists():
                raise errors.StoreError(f"{self.path}: directory {p.parent} does not exist")
        self._lock = threading.RLock()
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.version = schema.migrate(self.conn, self.path)
        except sqlite3.DatabaseError as e:
            raise errors.StoreError(f"{self.path}: not a usable Byline store ({e})") from None

    # -- lifecycle -------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """The same connection as a :class:`sqlite_utils.Database`, for ad-hoc work."""
        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple[Any, ...] | list[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.conn.execute(sql, params)]

    def _one(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        with self._lock:
            row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # -- writing ---------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def ids(self) -> set[str]:
        """Ids of all stored articles (what a resumed ingest skips)."""
        with self._lock:
            return {r[0] for r in self.conn.execute("SELECT id FROM articles")}

    def add(self, brief: Brief, source: str | None = None) -> bool:
        """Store one brief with all its findings, atomically. Returns False (and
        writes nothing) when an article with the same id is already stored. A
        previous error recorded for this article id is cleared."""
        return self.add_rows(tables.rows(brief, source))

    def add_rows(self, rows: dict[str, list[dict[str, Any]]]) -> bool:
        """:meth:`add` for a brief already flattened by :func:`byline.tables.rows`
        (ingest has its worker processes flatten the briefs)."""
        aid = rows["articles"][0]["id"]
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
                    self.conn.execute("ROLLBACK")
                    return False
                for table in _FINDING_TABLES:
                    if rows[table]:
                        self._insert(table, rows[table])
                self.conn.execute("DELETE FROM errors WHERE article_id = ?", (aid,))
                self.conn.execute("UPDATE store_state SET value = '1' WHERE key = 'canon_dirty'")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return True

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        cols = tables.COLUMNS[table]
        sql = (f"INSERT INTO [{table}] (" + ", ".join(f"[{c}]" for c in cols) + ") VALUES ("
               + ", ".join("?" for _ in cols) + ")")
        self.conn.executemany(sql, [tuple(r.get(c) for c in cols) for r in rows])

    def add_error(self, source: str | None, reason: str, article_id: str | None = None) -> None:
        """Record a document that could not be read or analysed (kept once per
        source, article and reason)."""
        row = tables.error_row(source, reason, article_id)
        cols = tables.COLUMNS["errors"]
        with self._lock:
            self.conn.execute(
                "INSERT OR IGNORE INTO errors (" + ", ".join(f"[{c}]" for c in cols) + ") VALUES ("
                + ", ".join("?" for _ in cols) + ")", tuple(row.get(c) for c in cols))

    def delete(self, article_id: str) -> bool:
        """Remove one article and (by cascade) all its findings."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                n = self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
                self.conn.execute("UPDATE store_state SET value = '1' WHERE key = 'canon_dirty'")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return n > 0

    # -- canonical names ---------------------------------------------------------

    def _dirty(self) -> bool:
        return self._one("SELECT value FROM store_state WHERE key = 'canon_dirty'") != "0"

    def refresh_names(self, force: bool = False) -> None:
        """Rebuild the canonical names merged across articles (``canon_*`` tables)
        if articles were added or removed since the last build."""
        with self._lock:
            if not force and not self._dirty():
                return
            canon = self._build_canon()
            ents = []
            for r in self.conn.execute("SELECT article_id, id, name, type FROM entities ORDER BY article_id, id"):
                person = r["type"] == "PERSON"
                ents.append((r["article_id"], r["id"], canon.canonical(r["name"], person) or r["name"], r["type"]))
            ent_canon = {(a, i): c for a, i, c, _ in ents}
            quotes = []
            for r in self.conn.execute(
                "SELECT article_id, id, speaker_entity_id, speaker_name FROM quotes"
                " WHERE speaker_entity_id IS NOT NULL OR speaker_name IS NOT NULL ORDER BY article_id, id"
            ):
                name = ent_canon.get((r["article_id"], r["speaker_entity_id"]))
                if name is None and r["speaker_name"]:
                    name = (canon.canonical(r["speaker_name"]) or canon.canonical(r["speaker_name"], False)
                            or r["speaker_name"].strip())
                if name:
                    quotes.append((r["article_id"], r["id"], name))
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute("DELETE FROM canon_names")
                self.conn.execute("DELETE FROM canon_entities")
                self.conn.execute("DELETE FROM canon_quotes")
                self.conn.executemany("INSERT INTO canon_names (key, canonical) VALUES (?, ?)", canon.items())
                self.conn.executemany(
                    "INSERT INTO canon_entities (article_id, entity_id, canonical, type) VALUES (?, ?, ?, ?)", ents)
                self.conn.executemany(
                    "INSERT INTO canon_quotes (article_id, quote_id, speaker) VALUES (?, ?, ?)", quotes)
                self.conn.execute("UPDATE store_state SET value = '0' WHERE key = 'canon_dirty'")
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def _build_canon(self) -> Canon:
        canon = Canon()
        for r in self.conn.execute("SELECT name, type, aliases FROM entities ORDER BY article_id, id"):
            try:
                aliases = json.loads(r["aliases"] or "[]")
            except ValueError:
                aliases = []
            canon.link([a for a in aliases if isinstance(a, str)], primary=r["name"],
                       person=r["type"] == "PERSON")
        for r in self.conn.execute("SELECT speaker_name FROM quotes WHERE speaker_entity_id IS NULL"
                                   " AND speaker_name IS NOT NULL ORDER BY article_id, id"):
            canon.add(r["speaker_name"])
        canon.build()
        return canon

    def canonical(self, name: str) -> str | None:
        """The canonical form of a name as merged across the corpus (None if the
        corpus never mentions it)."""
        self.refresh_names()
        for person in (True, False):
            found = self._one("SELECT canonical FROM canon_names WHERE key = ?", (typed_key(name, person),))
            if found:
                return str(found)
        key = typed_key(name, True)
        if key and " " not in key:  # a surname the corpus only has in full names: unique match only
            word = key[2:].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            names = self._rows("SELECT DISTINCT canonical FROM canon_names WHERE key LIKE ? ESCAPE '\\' LIMIT 2",
                               (f"p:% {word}",))
            if len(names) == 1:
                return str(names[0]["canonical"])
        return None

    # -- reading ---------------------------------------------------------------

    def count(self, table: str = "articles") -> int:
        if table not in tables.COLUMNS and not table.startswith("canon_"):
            raise errors.UsageError(f"unknown table {table!r}")
        return int(self._one(f"SELECT count(*) FROM [{table}]"))

    def stats(self) -> dict[str, int]:
        """Row count of every table, plus the schema version."""
        out = {t: self.count(t) for t in tables.TABLES}
        out["schema_version"] = self.version
        return out

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Article summaries (no text), in the order they were stored."""
        cols = ", ".join(f"[{c}]" for c in _SUMMARY_COLUMNS)
        return self._rows(f"SELECT {cols} FROM articles ORDER BY rowid LIMIT ? OFFSET ?", (limit, offset))

    def resolve_id(self, ref: str) -> str | None:
        """The full article id for ``ref``: a full id, or a unique prefix of the hex
        digest (with or without ``sha256:``). Raises UsageError if ambiguous."""
        ref = (ref or "").strip()
        if not ref:
            return None
        if self.has(ref):
            return ref
        hexpart = ref.split(":", 1)[1] if ref.startswith("sha256:") else ref
        if not re.fullmatch(r"[0-9a-fA-F]{4,16}", hexpart):
            return None
        found = self._rows("SELECT id FROM articles WHERE id LIKE ? LIMIT 2", (f"sha256:{hexpart.lower()}%",))
        if len(found) > 1:
            raise errors.UsageError(f"article id {ref!r} is ambiguous: give more digits")
        return found[0]["id"] if found else None

    def article(self, article_id: str) -> Brief | None:
        """The stored brief of one article (full id or unique prefix), or None."""
        aid = self.resolve_id(article_id)
        if aid is None:
            return None
        row = self._rows("SELECT brief FROM articles WHERE id = ?", (aid,))
        return tables.brief_from_row(row[0]) if row else None

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Articles whose title or text contain every word of ``q`` (stemmed), best
        first: ``id``, ``title``, ``published``, ``snippet`` (matches in [brackets]), ``score``."""
        match = fts_query(q)
        if not match:
            return []
        return self._rows(
            "SELECT a.id, a.title, a.published, a.source,"
            " snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, bm25(articles_fts) AS score"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY score, a.rowid LIMIT ? OFFSET ?",
            (match, limit, offset))

    def search_quotes(self, q: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Quotes whose text (or speaker as written) contains every word of ``q``."""
        match = fts_query(q)
        if not match:
            return []
        self.refresh_names()
        return self._rows(
            "SELECT q.article_id, q.id AS quote_id, cq.speaker, q.speaker_name AS speaker_as_written,"
            " q.kind, q.text, a.title, a.published, bm25(quotes_fts) AS score"
            " FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid"
            " JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN canon_quotes cq ON cq.article_id = q.article_id AND cq.quote_id = q.id"
            " WHERE quotes_fts MATCH ? ORDER BY score, q.rowid LIMIT ? OFFSET ?",
            (match, limit, offset))

    def quotes(self, speaker: str | None = None, limit: int = 50, offset: int = 0,
               article_id: str | None = None) -> list[dict[str, Any]]:
        """Quotes, optionally by one speaker (any written form: canonical names are
        merged across articles) or from one article; in article order."""
        self.refresh_names()
        where, params = [], []
        if speaker is not None:
            canonical = self.canonical(speaker)
            if canonical is None:
                return []
            where.append("cq.speaker = ?")
            params.append(canonical)
        if article_id is not None:
            aid = self.resolve_id(article_id)
            if aid is None:
                return []
            where.append("q.article_id = ?")
            params.append(aid)
        sql = ("SELECT q.article_id, q.id AS quote_id, cq.speaker, q.speaker_name AS speaker_as_written,"
               " q.kind, q.text, q.confidence, q.start, q.end, a.title, a.published"
               " FROM quotes q JOIN articles a ON a.id = q.article_id"
               " LEFT JOIN canon_quotes cq ON cq.article_id = q.article_id AND cq.quote_id = q.id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.rowid, q.start, q.id LIMIT ? OFFSET ?")
        return self._rows(sql, (*params, limit, offset))

    def speakers(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Who is quoted most: canonical speaker, number of articles quoting them,
        number of quotes; by article count, then quote count, then name."""
        self.refresh_names()
        return self._rows(
            "SELECT speaker, count(DISTINCT article_id) AS articles, count(*) AS quotes FROM canon_quotes"
            " GROUP BY speaker ORDER BY articles DESC, quotes DESC, speaker LIMIT ? OFFSET ?",
            (limit, offset))

    def entities(self, type: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Canonical entities across the corpus with the number of articles mentioning them."""
        self.refresh_names()
        where = " WHERE type = ?" if type else ""
        params: tuple[Any, ...] = (type,) if type else ()
        return self._rows(
            "SELECT canonical AS name, type, count(DISTINCT article_id) AS articles FROM canon_entities"
            + where + " GROUP BY canonical, type ORDER BY articles DESC, name LIMIT ? OFFSET ?",
            (*params, limit, offset))

    def timeline(self, entity: str, limit: int = 500) -> list[dict[str, Any]]:
        """Events involving ``entity`` (any written form) across articles, in date
        order. An event involves it when the events stage lists it among the event's
        entities (``involvement`` "participant") or when one of its mentions lies
        inside the event's span ("mentioned"). ``date`` is the event's own date
        (TIMEX value) when known; undated events follow the dated ones, in order of
        their article's publication date."""
        canonical = self.canonical(entity)
        if canonical is None:
            return []
        rows = self._rows(
            "SELECT * FROM (SELECT e.article_id, e.id AS event_id, e.description, e.date_value AS date, e.time_id,"
            " e.timeline_order, a.title, a.published,"
            " CASE WHEN EXISTS (SELECT 1 FROM json_each(e.entity_ids) j JOIN canon_entities ce"
            "   ON ce.article_id = e.article_id AND ce.entity_id = j.value WHERE ce.canonical = :c)"
            "   THEN 'participant'"
            " WHEN EXISTS (SELECT 1 FROM mentions m JOIN canon_entities ce"
            "   ON ce.article_id = m.article_id AND ce.entity_id = m.entity_id"
            "   WHERE m.article_id = e.article_id AND ce.canonical = :c AND m.start >= e.start AND m.end <= e.end)"
            "   THEN 'mentioned' END AS involvement"
            " FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.article_id IN (SELECT article_id FROM canon_entities WHERE canonical = :c))"
            " WHERE involvement IS NOT NULL",
            {"c": canonical})

        def key(r: dict[str, Any]) -> tuple[int, str, str, str, int]:
            d = date_sort_key(r["date"])
            pub = date_sort_key(r["published"]) or "9999"
            return (d is None, d or pub, pub, r["article_id"], r["timeline_order"] or 0)

        rows.sort(key=key)
        for r in rows:
            r["entity"] = canonical
        return rows[:limit]

    def claims(self, source_quality: str | None = None, limit: int = 100, offset: int = 0,
               article_id: str | None = None) -> list[dict[str, Any]]:
        """Claims, optionally only those whose source is ``named``, ``vague`` or
        ``none``; most check-worthy first."""
        where, params = [], []
        if source_quality is not None:
            if source_quality not in ("named", "vague", "none"):
                raise errors.UsageError(
                    f"unknown source quality {source_quality!r}; use named, vague or none")
            where.append("c.source_quality = ?")
            params.append(source_quality)
        if article_id is not None:
            aid = self.resolve_id(article_id)
            if aid is None:
                return []
            where.append("c.article_id = ?")
            params.append(aid)
        sql = ("SELECT c.article_id, c.id AS claim_id, c.text, c.kind, c.source_name, c.source_quality,"
               " c.check_worthiness, c.quote_id, a.title, a.published"
               " FROM claims c JOIN articles a ON a.id = c.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY c.check_worthiness DESC, a.rowid, c.start, c.id LIMIT ? OFFSET ?")
        return self._rows(sql, (*params, limit, offset))

    def errors(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Documents that could not be read or analysed, with the reason."""
        return self._rows("SELECT source, article_id, reason FROM errors ORDER BY rowid LIMIT ? OFFSET ?",
                          (limit, offset))

    def iter_rows(self, table: str, batch: int = 2000) -> Iterator[list[dict[str, Any]]]:
        """All rows of one table of :data:`~byline.tables.COLUMNS`, in batches, in
        storage order, with exactly the shared columns (for export)."""
        if table not in tables.COLUMNS:
            raise errors.UsageError(f"unknown table {table!r}")
        cols = ", ".join(f"[{c}]" for c in tables.COLUMNS[table])
        last = 0
        while True:
            with self._lock:
                cur = self.conn.execute(
                    f"SELECT rowid AS _rowid, {cols} FROM [{table}] WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    (last, batch))
                rows = [dict(r) for r in cur]
            if not rows:
                return
            last = rows[-1].pop("_rowid")
            for r in rows:
                r.pop("_rowid", None)
            yield rows
