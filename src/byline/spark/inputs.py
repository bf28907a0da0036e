"""What the Spark job reads, and reading it on a worker.

Inputs are JSONL files, WARC/WARC.gz files (or any other file
:mod:`byline.readers` reads), folders of them, or text files listing their
paths one a line (``#`` starts a comment; the Common Crawl ``warc.paths.gz``
listings work once prefixed with the bucket's URI). Each may be a local path or any
Hadoop-readable URI (``hdfs://``, ``s3a://``, ``gs://``, ...).

Local files are opened by the worker itself (WARC files are streamed), so on a
cluster they must be visible at the same path on every node. Other URIs are
read through Spark's Hadoop file systems (``binaryFiles``), one whole file per
task. Parsing the bytes into records is :mod:`byline.readers`' job, unchanged.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from byline import errors, readers

#: File suffixes read as lists of input paths (when given on the command line).
LIST_EXT = (".paths", ".paths.gz", ".list", ".lst", ".txt", ".txt.gz")

#: Largest JSONL (or JSON, HTML) file one task reads (it is read whole; WARC files are streamed).
MAX_FILE_BYTES = 1 << 30


def is_uri(path: str) -> bool:
    """True for ``scheme://...`` (and ``file:``) paths; Windows drive letters are not schemes."""
    return len(urlparse(path).scheme) > 1


def is_listing(path: str) -> bool:
    """A text file listing input paths (``.paths``, ``.txt``, ``.list``, ``.lst``, optionally gzipped)."""
    return path.rstrip("/").lower().endswith(LIST_EXT)


def local_path(path: str) -> str | None:
    """The local file system path of ``path``, or None when it needs a Hadoop file system."""
    if not is_uri(path):
        return path
    parsed = urlparse(path)
    if parsed.scheme == "file":
        return parsed.path
    return None


@dataclass
class Inputs:
    """The files to read, in input order: local paths and Hadoop URIs."""

    local: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.local) + len(self.remote)


def listing_entries(data: bytes, name: str) -> list[str]:
    """The paths in a listing: one a line, blank lines and ``#`` comments skipped."""
    if name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            raise errors.unreadable(name, f"not a readable gzip file ({e})") from None
    text = readers.decode(data, name)
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _resolve(entry: str, listing: str) -> str:
    """A listed path, relative to the listing's own folder unless absolute or a URI."""
    if is_uri(entry) or os.path.isabs(entry):
        return entry
    if is_uri(listing):
        return listing.rsplit("/", 1)[0] + "/" + entry
    return str(Path(listing).parent / entry)


def check_listings(paths: Iterable[str]) -> None:
    """Fail early (before Spark starts) on a local listing that is not there."""
    for raw in paths:
        loc = local_path(str(raw))
        if loc is not None and is_listing(str(raw)) and not Path(loc).exists():
            raise errors.not_found(str(raw))


def expand(paths: Iterable[str], read_remote: Callable[[str], bytes] | None = None) -> Inputs:
    """Expand command-line inputs into the files to read, on the driver, in the
    order ``byline ingest`` reads them: each path in turn, folders walked in sorted
    order (every file type :mod:`byline.readers` reads), listings entry by entry.

    A listing must be readable (else :class:`~byline.errors.InputError`); its
    entries, like every file, are only opened by the workers, so a missing or
    unreadable one becomes an ``errors`` row. ``read_remote(uri) -> bytes`` reads
    a listing that is not local (the job passes one that goes through Spark).
    """
    out = Inputs()

    def add_file(path: str) -> None:
        loc = local_path(path)
        if loc is None:
            out.remote.append(path)
        elif Path(loc).is_dir():
            out.local.extend(str(f) for f in readers.iter_files(loc))
        else:
            out.local.append(loc)

    for raw in paths:
        path = str(raw)
        loc = local_path(path)
        if is_listing(path) and not (loc is not None and Path(loc).is_dir()):
            if loc is not None:
                data = readers.read_bytes(loc, MAX_FILE_BYTES)
            elif read_remote is not None:
                data = read_remote(path)
            else:
                raise errors.unreadable(path, "no Hadoop file system to read this listing with")
            for entry in listing_entries(data, path):
                add_file(_resolve(entry, loc if loc is not None else path))
        else:
            add_file(path)
    return out


# -- on the worker ------------------------------------------------------------------


def _failure(source: str, err: BaseException) -> dict[str, Any]:
    msg = str(err) if isinstance(err, errors.BylineError) else f"{source}: {type(err).__name__}: {err}"
    return {"error": msg, "source": source}


def read_local(path: str, max_bytes: int = MAX_FILE_BYTES) -> Iterator[dict[str, Any]]:
    """Records of one local file; a failure is yielded as an error record, never raised."""
    try:
        if not Path(path).exists():
            raise errors.not_found(path)
        yield from readers.read_path(path, max_bytes)
    except Exception as e:  # one bad file must not stop the job
        yield _failure(path, e)


def read_remote(path: str, data: bytes) -> Iterator[dict[str, Any]]:
    """Records of one file fetched through Hadoop (``binaryFiles`` gives its bytes)."""
    name = path
    ext = readers.suffix(Path(urlparse(path).path))
    try:
        yield from readers.records_from_bytes(data, name, ext)
    except Exception as e:
        yield _failure(path, e)
