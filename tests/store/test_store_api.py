"""The Store's Python API on hand-built briefs: writes, queries, canonical names,
migrations, export. No spaCy needed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from store_helpers import make_brief

from byline import errors, tables
from byline.store import Store, date_sort_key, fts_query
from byline.store import schema as store_schema


@pytest.fixture
def store(tmp_path: Path, briefs) -> Store:
    s = Store(tmp_path / "c.db")
    for i, b in enumerate(briefs):
        assert s.add(b, source=f"doc{i}.txt")
    yield s
    s.close()


def test_add_is_idempotent_by_content_hash(store: Store, briefs) -> None:
    assert store.add(briefs[0], source="again.txt") is False
    assert store.count() == 3
    assert store.articles(limit=10)[0]["source"] == "doc0.txt"


def test_add_writes_every_table(store: Store) -> None:
    st = store.stats()
    assert st["articles"] == 3
    assert st["entities"] == 5
    assert st["quotes"] == 4
    assert st["events"] == 4
    assert st["claims"] == 3
    assert st["mentions"] > 0
    assert st["schema_version"] == store_schema.LATEST
    conn = store.conn
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_failed_write_leaves_nothing(tmp_path: Path, briefs, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Store(tmp_path / "atomic.db")
    real = Store._insert

    def boom(self: Store, table: str, rows: list) -> None:
        if table == "quotes":
            raise RuntimeError("disk on fire")
        real(self, table, rows)

    monkeypatch.setattr(Store, "_insert", boom)
    with pytest.raises(RuntimeError):
        s.add(briefs[0])
    monkeypatch.undo()
    assert s.count("articles") == 0 and s.count("entities") == 0 and s.count("mentions") == 0
    assert s.add(briefs[0]) is True
    assert s.count("quotes") == 1


def test_article_roundtrip_and_prefix(store: Store, briefs) -> None:
    b = briefs[1]
    got = store.article(b.article.id)
    assert got == b
    assert store.article(b.article.id.split(":")[1][:8]) == b
    assert store.article("sha256:" + b.article.id.split(":")[1][:10]) == b
    assert store.article("ffffffffffff") is None
    assert store.article("not an id") is None


def test_speakers_merge_written_forms_across_articles(store: Store) -> None:
    rows = store.speakers()
    assert rows[0] == {"speaker": "Claudia Sheinbaum", "articles": 3, "quotes": 3}
    assert rows[1] == {"speaker": "Marcelo Ebrard", "articles": 1, "quotes": 1}
    assert len(rows) == 2


@pytest.mark.parametrize("form", ["Claudia Sheinbaum", "claudia sheinbaum", "CLAUDIA SHEINBAUM",
                                  "President Sheinbaum", "Sheinbaum", "Sheinbaum's"])
def test_quotes_by_any_form_of_the_speaker(store: Store, form: str) -> None:
    rows = store.quotes(speaker=form)
    assert {r["text"] for r in rows} == {"We will defend our borders", "No deal", "It was a good meeting"}
    assert {r["speaker"] for r in rows} == {"Claudia Sheinbaum"}


def test_quotes_unknown_speaker_and_article_filter(store: Store, briefs) -> None:
    assert store.quotes(speaker="Nobody Atall") == []
    rows = store.quotes(article_id=briefs[2].article.id)
    assert [r["quote_id"] for r in rows] == ["q1", "q2"]


def test_ambiguous_surname_is_not_merged(tmp_path: Path) -> None:
    s = Store(tmp_path / "amb.db")
    t1 = "Donald Trump spoke. \"Great,\" Trump said."
    t2 = "Melania Trump spoke. \"Lovely,\" she said. \"Fine,\" said Trump."
    s.add(make_brief(t1, people={"Donald Trump": ["Trump"]}, quotes=[("Great", "Donald Trump")]))
    s.add(make_brief(t2, people={"Melania Trump": []}, quotes=[("Lovely", "Melania Trump"), ("Fine", "Trump")]))
    speakers = {r["speaker"] for r in s.speakers()}
    assert speakers == {"Donald Trump", "Melania Trump", "Trump"}
    assert [r["text"] for r in s.quotes(speaker="donald trump")] == ["Great"]


def test_timeline_in_date_order_across_articles(store: Store) -> None:
    rows = store.timeline("Sheinbaum")
    assert [(r["date"], r["description"]) for r in rows] == [("2025-04", "rejected"), ("2025-05-05", "said")]
    assert all(r["entity"] == "Claudia Sheinbaum" and r["involvement"] == "participant" for r in rows)
    trump = store.timeline("Donald Trump")
    assert [r["title"] for r in trump] == ["A meeting in March"]
    ebrard = store.timeline("marcelo ebrard")  # undated event: listed, after dated ones
    assert [r["date"] for r in ebrard] == [None]
    assert store.timeline("Nobody") == []


def test_timeline_includes_events_whose_span_mentions_the_entity(tmp_path: Path) -> None:
    s = Store(tmp_path / "tl.db")
    text = "On Monday Ana Ferreira opened the bridge. Later the mayor left."
    s.add(make_brief(text, people={"Ana Ferreira": []},
                     events=[("Ana Ferreira opened the bridge", "2025-01-06", []), ("the mayor left", None, [])]))
    rows = s.timeline("Ferreira")
    assert [(r["description"], r["involvement"]) for r in rows] == [("Ana Ferreira opened the bridge", "mentioned")]


def test_claims_by_source_quality(store: Store) -> None:
    vague = store.claims(source_quality="vague")
    assert {r["text"] for r in vague} == {"40 percent of imports were affected", "exports fell 3 percent"}
    assert [r["source_name"] for r in store.claims(source_quality="named")] == ["the ministry"]
    assert len(store.claims()) == 3
    with pytest.raises(errors.UsageError):
        store.claims(source_quality="dubious")


def test_search_articles_and_quotes(store: Store, briefs) -> None:
    hits = store.search("sovereignty")
    assert [h["id"] for h in hits] == [briefs[0].article.id]
    assert "[sovereignty]" in hits[0]["snippet"]
    assert store.search("tariff offer")[0]["title"] == "Tariff offer rejected"
    assert store.search("tariff sovereignty") == []  # every word must occur
    q = store.search_quotes("meeting")
    assert [(h["speaker"], h["text"]) for h in q] == [("Claudia Sheinbaum", "It was a good meeting")]


@pytest.mark.parametrize("q", ['"', "AND", "OR (", "NEAR(a b", "*", "", "   ", "a:b", "\x00", "ünïcödé \u202e"])
def test_search_never_raises_on_odd_input(store: Store, q: str) -> None:
    assert isinstance(store.search(q), list)
    assert isinstance(store.search_quotes(q), list)


def test_fts_query_quotes_words() -> None:
    assert fts_query('say "hi" OR bye') == '"say" "hi" "OR" "bye"'
    assert fts_query("...") == ""


def test_entities_and_errors(store: Store) -> None:
    ents = {(r["name"], r["articles"]) for r in store.entities()}
    assert ("Claudia Sheinbaum", 2) in ents and ("Marcelo Ebrard", 2) in ents and ("Donald Trump", 1) in ents
    store.add_error("bad.txt", "bad.txt: looks like binary data")
    store.add_error("bad.txt", "bad.txt: looks like binary data")  # recorded once
    assert store.errors() == [{"source": "bad.txt", "article_id": None, "reason": "bad.txt: looks like binary data"}]


def test_delete_cascades_and_refreshes_names(store: Store, briefs) -> None:
    assert store.delete(briefs[1].article.id)
    assert store.count("quotes") == 3 and store.count("entities") == 3
    assert store.speakers()[0] == {"speaker": "Claudia Sheinbaum", "articles": 2, "quotes": 2}
    assert store.search("tariff") == []


def test_canonical_names_do_not_depend_on_insertion_order(tmp_path: Path, briefs) -> None:
    a, b = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    for x in briefs:
        a.add(x)
    for x in reversed(briefs):
        b.add(x)
    a.refresh_names()
    b.refresh_names()
    for t in ("canon_names", "canon_entities", "canon_quotes"):
        assert sorted(map(tuple, a.conn.execute(f"SELECT * FROM {t}"))) == \
            sorted(map(tuple, b.conn.execute(f"SELECT * FROM {t}")))


def test_schema_matches_shared_columns(store: Store) -> None:
    for table, cols in tables.COLUMNS.items():
        have = [r[1] for r in store.conn.execute(f"PRAGMA table_info([{table}])")]
        assert have == list(cols), table
    fks = store.conn.execute("PRAGMA foreign_key_list(quotes)").fetchall()
    assert any(r[2] == "articles" for r in fks)


def test_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (999, 'from the future')")
    conn.commit()
    conn.close()
    with pytest.raises(errors.StoreError, match="newer"):
        Store(path)


def test_migrations_apply_once_in_order(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store(path).close()
    calls: list[int] = []

    def add_note(conn: sqlite3.Connection) -> None:
        calls.append(2)
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")

    steps = [*store_schema.MIGRATIONS, (3, "notes", add_note)]
    for _ in range(2):
        conn = sqlite3.connect(path, isolation_level=None)
        assert store_schema.migrate(conn, str(path), steps) == 3
        conn.close()
    assert calls == [2]
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2, 3]


def test_new_shared_columns_are_added_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grow.db"
    Store(path).close()
    grown = dict(tables.COLUMNS)
    grown["quotes"] = (*tables.COLUMNS["quotes"], "language")
    monkeypatch.setattr(store_schema, "COLUMNS", grown)
    s = Store(path)
    assert "language" in [r[1] for r in s.conn.execute("PRAGMA table_info(quotes)")]


def test_times_value_migrates_to_text(tmp_path: Path) -> None:
    """A version-1 store that typed ``times.value`` REAL is rebuilt with TEXT values."""
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    store_schema.migrate(conn, str(path), store_schema.MIGRATIONS[:1])
    conn.execute("DROP TABLE times")
    conn.execute(store_schema.table_ddl("times").replace("[value] TEXT", "[value] REAL"))
    conn.execute("INSERT INTO articles (id, text) VALUES ('a', '2025 May 3')")
    conn.execute("INSERT INTO times (article_id, id, text, type, value, start, end) VALUES"
                 " ('a', 't1', '2025', 'DATE', '2025', 0, 4), ('a', 't2', 'May 3', 'DATE', '2025-05-03', 5, 10)")
    conn.close()
    s = Store(path)
    assert s.version == store_schema.LATEST
    rows = s.conn.execute("SELECT id, value, typeof(value) FROM times ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("t1", "2025", "text"), ("t2", "2025-05-03", "text")]
    assert dict((r[1], r[2]) for r in s.conn.execute("PRAGMA table_info(times)"))["value"] == "TEXT"


def test_bad_store_paths(tmp_path: Path) -> None:
    with pytest.raises(errors.StoreError, match="no such store"):
        Store(tmp_path / "missing.db", create=False)
    with pytest.raises(errors.StoreError, match="directory"):
        Store(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(errors.StoreError, match="not a usable"):
        Store(junk)


def test_date_sort_key() -> None:
    assert date_sort_key("2025-05-03T10:00") == "2025-05-03"
    assert date_sort_key("2025-05") == "2025-05-01"
    assert date_sort_key("2025") == "2025-01-01"
    assert date_sort_key("2025-W02") == "2025-01-06"
    assert date_sort_key("2025-Q3") == "2025-07-01"
    assert date_sort_key("202X") == "2020-01-01"
    assert date_sort_key("PRESENT_REF") is None
    assert date_sort_key(None) is None


def test_export_all_formats(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from byline.cli.corpus import arrow_schema, export

    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / fmt
        counts = export(store, out, fmt)
        assert set(counts) == set(tables.TABLES)
        assert counts["articles"] == 3 and counts["quotes"] == 4 and counts["times"] == 0
        assert {p.name for p in out.iterdir()} == {f"{t}.{fmt}" for t in tables.TABLES}
    first = json.loads((tmp_path / "jsonl" / "quotes.jsonl").read_text().splitlines()[0])
    assert list(first) == list(tables.COLUMNS["quotes"])
    assert arrow_schema("times").field("value").type == "string"
    assert arrow_schema("quantities").field("value").type == "double"
    for t in tables.TABLES:
        pt = pq.read_table(tmp_path / "parquet" / f"{t}.parquet")
        assert pt.schema.names == list(tables.COLUMNS[t])
        assert pt.schema.equals(arrow_schema(t), check_metadata=False)
    arts = pq.read_table(tmp_path / "parquet" / "articles.parquet").to_pylist()
    assert {a["id"] for a in arts} == {r["id"] for r in store.articles()}
