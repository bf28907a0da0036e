"""Batch ingest: read directories, JSONL and WARC files, analyse every article
(in parallel), and write each brief to a :class:`~byline.store.Store`.

Never lose work:

* each article is written with all its findings in one transaction, as soon as
  its analysis is done, so an interrupted run (Ctrl-C, ``kill -9``) keeps
  everything finished before the interruption;
* articles are keyed by the content hash of their text: a rerun skips the ones
  already stored (and duplicates within one run), so it resumes where it stopped
  and ends with the same store as an uninterrupted run;
* a document that cannot be read or analysed is recorded in the ``errors`` table
  with the reason, and the batch goes on; the next run tries it again (and
  clears its error row when it succeeds).
"""

from __future__ import annotations

import gzip
import json
import signal
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from byline import readers, tables
from byline.api import Result, analyze_stream
from byline.errors import BylineError, StoreError
from byline.pipeline import article_id, parse_skip
from byline.store import Store


@dataclass
class Summary:
    """What one ingest run did."""

    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason), first few

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicates + self.failed

    @property
    def rate(self) -> float:
        """Articles analysed and stored per second."""
        return self.ingested / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "duplicates": self.duplicates, "failed": self.failed,
                "seconds": round(self.seconds, 3), "articles_per_second": round(self.rate, 3),
                "interrupted": self.interrupted}


#: Progress callback: (summary so far, estimated total or None).
ProgressFn = Callable[[Summary, int | None], None]


def scan(paths: Iterable[str | Path], max_bytes: int = readers.MAX_BYTES) -> Iterator[dict[str, Any]]:
    """Every record under ``paths`` (files, or directories walked recursively).

    A file or record that cannot be read is yielded as ``{"error": reason,
    "source": where}`` instead of stopping the scan."""
    for p in paths:
        try:
            files = list(readers.iter_files(p))
        except BylineError as e:
            yield {"error": str(e), "source": str(p)}
            continue
        for f in files:
            try:
                yield from readers.read_path(f, max_bytes)
            except BylineError as e:
                yield {"error": str(e), "source": str(f)}
            except Exception as e:  # a reader bug must not stop the batch
                yield {"error": f"{f}: cannot read: {type(e).__name__}: {e}", "source": str(f)}


def estimate_total(paths: Iterable[str | Path]) -> int | None:
    """A quick count of the records under ``paths`` (for the progress bar's ETA):
    one per text/HTML file, one per non-empty JSONL line, one per JSON array item,
    one per HTML response in a WARC. None if the paths cannot be listed."""
    total = 0
    try:
        for p in paths:
            for f in readers.iter_files(p):
                total += _count_records(f)
    except (BylineError, OSError):
        return None
    return total


def _count_records(f: Path) -> int:
    kind = readers.suffix(f)
    try:
        if kind in readers.JSONL_EXT:
            with open(f, "rb") as fh:
                return sum(1 for line in fh if line.strip())
        if kind in readers.JSON_EXT:
            with open(f, "rb") as fh:
                head = fh.read(64).lstrip()
            if head.startswith(b"[") and f.stat().st_size <= readers.MAX_BYTES:
                data = json.loads(f.read_bytes())
                return len(data) if isinstance(data, list) else 1
            return 1
        if kind in readers.WARC_EXT:
            return _count_warc(f)
    except (OSError, ValueError, EOFError, gzip.BadGzipFile):
        return 1
    return 1


def _count_warc(f: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with open(f, "rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type not in ("response", "resource"):
                    continue
                ctype = ""
                if record.http_headers is not None:
                    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if not ctype or "html" in ctype:
                    n += 1
        except Exception:
            return max(n, 1)
    return n


def ingest(
    paths: Iterable[str | Path],
    store: Store | str | Path,
    *,
    jobs: int = 1,
    batch_size: int = 16,
    skip: str | Iterable[str] | None = None,
    max_bytes: int = readers.MAX_BYTES,
    progress: ProgressFn | None = None,
    total: int | None = None,
    limit: int | None = None,
    time_budget: float | None = None,
) -> Summary:
    """Analyse every article under ``paths`` into ``store``; see the module docstring.

    ``jobs`` worker processes analyse in parallel (the model is loaded once per
    worker); results are written in input order by this process. ``limit`` stops
    after that many records have been seen (ingested, skipped or failed).
    ``time_budget`` (seconds per article) records an article that takes longer
    as failed instead of stalling the batch (off by default: with it, what is
    stored depends on the machine's speed). KeyboardInterrupt stops cleanly: the
    summary says ``interrupted`` and every article finished so far is kept."""
    parse_skip(skip)  # a bad --skip is a usage error before any work
    own = not isinstance(store, Store)
    st = Store(store) if not isinstance(store, Store) else store
    summary = Summary()
    pending: list[tuple[str, str | None, str]] = []  # read errors found by the scanner
    seen = st.ids()
    started = time.perf_counter()

    def fresh() -> Iterator[dict[str, Any]]:
        """Records not stored yet; read errors and duplicates are counted here
        (this generator may run in the pool's feeder thread)."""
        n = 0
        for rec in scan(paths, max_bytes):
            if limit is not None and n >= limit:
                return
            n += 1
            if "error" in rec:
                pending.append((str(rec.get("source")), None, str(rec["error"])))
                continue
            aid = article_id(rec["text"])
            if aid in seen:
                summary.duplicates += 1
                continue
            seen.add(aid)
            yield rec

    def drain() -> None:
        while pending:
            source, aid, reason = pending.pop(0)
            _fail(st, summary, source, aid, reason)

    stream = analyze_stream(fresh(), n_process=jobs, batch_size=batch_size, skip=skip, time_budget=time_budget,
                            post=_to_rows)
    try:
        for res in stream:
            drain()
            source = res.record.get("source")
            if res.extra is not None:
                try:
                    added = st.add_rows(res.extra)
                except sqlite3.IntegrityError as e:  # a brief the store cannot hold (e.g. duplicate ids)
                    _fail(st, summary, source, res.extra["articles"][0]["id"], f"cannot store the brief: {e}")
                    continue
                except sqlite3.Error as e:  # the store itself is failing (disk full, locked): stop
                    raise StoreError(f"{st.path}: cannot write: {e}") from None
                if added:
                    summary.ingested += 1
                else:
                    summary.duplicates += 1
            else:
                text = res.record.get("text")
                aid = article_id(text) if isinstance(text, str) else None
                _fail(st, summary, source, aid, res.error or "analysis failed")
            if progress is not None:
                summary.seconds = time.perf_counter() - started
                progress(summary, total)
        drain()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        stream.close()  # stops the worker pool, if any
        summary.seconds = time.perf_counter() - started
        try:
            with _no_sigint():
                st.refresh_names()
        finally:
            if own:
                st.close()
    if progress is not None:
        progress(summary, total)
    return summary


def _to_rows(res: Result) -> Result:
    """Runs in the worker: the brief as store rows, so the writing process only
    inserts (no brief objects to unpickle, no JSON to build) and sends back
    only the record's source, not its text."""
    assert res.brief is not None
    source = res.record.get("source")
    return Result(res.index, {"source": source}, extra=tables.rows(res.brief, source))


def _fail(st: Store, summary: Summary, source: str | None, aid: str | None, reason: str) -> None:
    st.add_error(source, reason, aid)
    summary.failed += 1
    if len(summary.failures) < 20:
        summary.failures.append((source or "?", reason))


class _no_sigint:
    """Defer Ctrl-C while the canonical names are rebuilt (a short transaction)."""

    def __enter__(self) -> None:
        self._old: Any = None
        try:
            self._old = signal.signal(signal.SIGINT, signal.SIG_IGN)
        except ValueError:  # not the main thread
            self._old = None

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)
