"""The SQLite layout of a Byline store, built from :mod:`byline.tables`, and its migrations.

The finding tables (``articles``, ``entities``, ``mentions``, ``quotes``,
``quantities``, ``claims``, ``times``, ``events``, ``flags``, ``errors``) have
exactly the columns of :data:`byline.tables.COLUMNS`, so ``byline export`` and
the Spark job write the same layout. Every finding row references its article
(``ON DELETE CASCADE``); mentions reference their entity. Three derived tables
(``canon_*``) hold the canonical names merged across articles; they are rebuilt
from the finding tables whenever those changed (see :mod:`byline.store.canon`).

``schema_version`` lists the migrations applied, one row each. Opening a store
applies the missing ones in order; a store written by a newer Byline is refused.
Columns added to :data:`~byline.tables.COLUMNS` later are added to an existing
store on open (``ALTER TABLE ... ADD COLUMN``), so the shared layout can grow
without a hand-written migration.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from byline import errors
from byline.tables import COLUMNS, column_type

#: Primary key of each table built from COLUMNS (``errors`` uses its rowid).
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "entities": ("article_id", "id"),
    "mentions": ("article_id", "entity_id", "seq"),
    "quotes": ("article_id", "id"),
    "quantities": ("article_id", "id"),
    "claims": ("article_id", "id"),
    "times": ("article_id", "id"),
    "events": ("article_id", "id"),
    "flags": ("article_id", "seq"),
    "errors": (),
}

#: Secondary indexes: (table, columns).
INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("articles", ("published",)),
    ("articles", ("source",)),
    ("entities", ("name",)),
    ("entities", ("type",)),
    ("quotes", ("speaker_name",)),
    ("quotes", ("article_id", "speaker_entity_id")),
    ("claims", ("source_quality",)),
    ("times", ("value",)),
    ("events", ("date_value",)),
    ("flags", ("kind",)),
    ("errors", ("article_id",)),
    ("canon_entities", ("canonical",)),
    ("canon_quotes", ("speaker",)),
)

#: Derived tables: canonical names merged across articles.
DERIVED_DDL = (
    """CREATE TABLE IF NOT EXISTS [canon_names] (
        [key] TEXT PRIMARY KEY,
        [canonical] TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS [canon_entities] (
        [article_id] TEXT NOT NULL,
        [entity_id] TEXT NOT NULL,
        [canonical] TEXT NOT NULL,
        [type] TEXT,
        PRIMARY KEY ([article_id], [entity_id]),
        FOREIGN KEY ([article_id], [entity_id]) REFERENCES [entities]([article_id], [id]) ON DELETE CASCADE
    )""",
    """CREATE TABLE IF NOT EXISTS [canon_quotes] (
        [article_id] TEXT NOT NULL,
        [quote_id] TEXT NOT NULL,
        [speaker] TEXT NOT NULL,
        PRIMARY KEY ([article_id], [quote_id]),
        FOREIGN KEY ([article_id], [quote_id]) REFERENCES [quotes]([article_id], [id]) ON DELETE CASCADE
    )""",
    """CREATE TABLE IF NOT EXISTS [store_state] (
        [key] TEXT PRIMARY KEY,
        [value] TEXT
    )""",
)

#: Full-text indexes: table -> indexed columns (FTS5, porter stemming, kept in sync by triggers).
FTS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "text"),
    "quotes": ("text", "speaker_name"),
}

_SQL_TYPES = {int: "INTEGER", float: "REAL", str: "TEXT"}


def sql_type(column: str, table: str | None = None) -> str:
    return _SQL_TYPES[column_type(column, table)]


def table_ddl(table: str) -> str:
    """CREATE TABLE for one table of :data:`~byline.tables.COLUMNS`."""
    pk = PRIMARY_KEYS.get(table, ())
    cols = []
    for c in COLUMNS[table]:
        not_null = " NOT NULL" if c in pk else ""
        cols.append(f"[{c}] {sql_type(c, table)}{not_null}")
    if pk:
        cols.append("PRIMARY KEY (" + ", ".join(f"[{c}]" for c in pk) + ")")
    if table not in ("articles", "errors"):
        cols.append("FOREIGN KEY ([article_id]) REFERENCES [articles]([id]) ON DELETE CASCADE")
    if table == "mentions":
        cols.append("FOREIGN KEY ([article_id], [entity_id]) REFERENCES [entities]([article_id], [id])"
                    " ON DELETE CASCADE")
    return f"CREATE TABLE IF NOT EXISTS [{table}] (\n    " + ",\n    ".join(cols) + "\n)"


def _fts_ddl(table: str, columns: tuple[str, ...]) -> list[str]:
    fts = f"{table}_fts"
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS [{fts}] USING FTS5 ({cols}, tokenize='porter',"
        f" content=[{table}])",
        f"CREATE TRIGGER IF NOT EXISTS [{table}_ai] AFTER INSERT ON [{table}] BEGIN\n"
        f"  INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.rowid, {new});\nEND",
        f"CREATE TRIGGER IF NOT EXISTS [{table}_ad] AFTER DELETE ON [{table}] BEGIN\n"
        f"  INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES('delete', old.rowid, {old});\nEND",
        f"CREATE TRIGGER IF NOT EXISTS [{table}_au] AFTER UPDATE ON [{table}] BEGIN\n"
        f"  INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.rowid, {new});\nEND",
    ]


def _index_name(table: str, cols: tuple[str, ...]) -> str:
    return f"idx_{table}_" + "_".join(cols)


def _migration_1(conn: sqlite3.Connection) -> None:
    """The initial layout: finding tables, derived tables, indexes, full-text search."""
    for table in COLUMNS:
        conn.execute(table_ddl(table))
    conn.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS [idx_errors_unique] ON [errors]"
        " (coalesce([source], ''), coalesce([article_id], ''), [reason])"
    )
    for ddl in DERIVED_DDL:
        conn.execute(ddl)
    for table, cols in INDEXES:
        conn.execute(f"CREATE INDEX IF NOT EXISTS [{_index_name(table, cols)}] ON [{table}] ("
                     + ", ".join(f"[{c}]" for c in cols) + ")")
    for table, cols in FTS.items():
        for stmt in _fts_ddl(table, cols):
            conn.execute(stmt)
    conn.execute("INSERT OR REPLACE INTO [store_state] (key, value) VALUES ('canon_dirty', '0')")


def _migration_2(conn: sqlite3.Connection) -> None:
    """``times.value`` is a TIMEX value, stored as text: stores made before the
    per-table column types had it REAL, which turned "2025" into 2025.0."""
    declared = {r[1]: (r[2] or "").upper() for r in conn.execute("PRAGMA table_info([times])")}
    if declared.get("value", "TEXT") == "TEXT":
        return
    conn.execute("ALTER TABLE [times] RENAME TO [times_v1]")
    conn.execute(table_ddl("times"))
    cols = ", ".join(f"[{c}]" for c in COLUMNS["times"] if c in declared)
    fixed = ", ".join(
        "CASE WHEN typeof([value]) = 'real' AND [value] = CAST([value] AS INTEGER)"
        " THEN CAST(CAST([value] AS INTEGER) AS TEXT) ELSE CAST([value] AS TEXT) END" if c == "value" else f"[{c}]"
        for c in COLUMNS["times"] if c in declared)
    conn.execute(f"INSERT INTO [times] ({cols}) SELECT {fixed} FROM [times_v1] ORDER BY rowid")
    conn.execute("DROP TABLE [times_v1]")
    conn.execute(f"CREATE INDEX IF NOT EXISTS [{_index_name('times', ('value',))}] ON [times] ([value])")


#: (version, description, function): applied in order, each in its own transaction.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial layout: findings, canonical names, indexes, FTS5", _migration_1),
    (2, "times.value as text (TIMEX values)", _migration_2),
]

LATEST = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, path: str,
            migrations: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] | None = None) -> int:
    """Bring the store at ``conn`` up to date; returns the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``)."""
    steps = MIGRATIONS if migrations is None else migrations
    latest = steps[-1][0] if steps else 0
    version = current_version(conn)
    if version > latest:
        raise errors.StoreError(
            f"{path}: store schema version {version} is newer than this Byline supports ({latest}); "
            "upgrade Byline"
        )
    if version == 0:
        conn.execute("CREATE TABLE IF NOT EXISTS [schema_version] ([version] INTEGER PRIMARY KEY,"
                     " [description] TEXT NOT NULL)")
    for v, description, fn in steps:
        if v <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) >= v:  # another process got there first
                conn.execute("COMMIT")
                continue
            fn(conn)
            conn.execute("INSERT INTO schema_version (version, description) VALUES (?, ?)", (v, description))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = v
    sync_columns(conn)
    return version


def sync_columns(conn: sqlite3.Connection) -> list[str]:
    """Add columns that :data:`~byline.tables.COLUMNS` has and the store lacks."""
    added = []
    for table, cols in COLUMNS.items():
        have = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
        if not have:
            conn.execute(table_ddl(table))
            added.append(table)
            continue
        for c in cols:
            if c not in have:
                conn.execute(f"ALTER TABLE [{table}] ADD COLUMN [{c}] {sql_type(c, table)}")
                added.append(f"{table}.{c}")
    return added
