"""Reading PolNeAR (brat standoff attributions) for training and benchmarking.

PolNeAR ships one ``.txt`` per article under ``text/`` and one or more ``.ann``
files per article under ``attributions/`` (``NAME_ANNOTATOR.ann``; when several
annotators did an article the first by sorted name is used). An attribution
relation ``E`` links a ``Cue``, a ``Content`` and optionally a ``Source``; each
of these is a text-bound annotation whose span may be discontinuous
(``start end;start end``). Lines broken by newlines inside a span's text are
continuation lines and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: ``../shared/data/polnear`` from the repository root.
DEFAULT_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "polnear"

_TB = re.compile(r"^(T\d+)\t(\S+) ([\d; ]+)\t")
_REL = re.compile(r"^E\d+\t")

Pieces = tuple[tuple[int, int], ...]


@dataclass
class Attribution:
    """One gold attribution: its pieces (character ranges) for each role."""

    content: Pieces
    cue: Pieces
    source: Pieces = ()


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def _pieces(offsets: str) -> Pieces:
    out: list[tuple[int, int]] = []
    for part in offsets.split(";"):
        nums = part.split()
        if len(nums) == 2:
            out.append((int(nums[0]), int(nums[1])))
    return tuple(out)


def parse_ann(ann: str) -> list[Attribution]:
    """Attribution relations of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, Pieces]] = {}
    rels: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if m := _TB.match(line):
            spans[m.group(1)] = (m.group(2), _pieces(m.group(3)))
        elif _REL.match(line):
            args = line.split("\t", 1)[1].split()
            rels.append([tuple(a.split(":", 1)) for a in args if ":" in a])  # type: ignore[misc]
    out: list[Attribution] = []
    for args in rels:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
        for role, ref in args:
            if role in roles and ref in spans:
                roles[role].extend(spans[ref][1])
        if not roles["Content"] and not roles["Cue"]:
            continue
        out.append(Attribution(content=tuple(sorted(roles["Content"])), cue=tuple(sorted(roles["Cue"])),
                               source=tuple(sorted(roles["Source"]))))
    return out


def _annotation_files(split: str, root: Path) -> dict[str, list[Path]]:
    """Each article's ``.ann`` files (``NAME_ANNOTATOR.ann``), by article name, in sorted order."""
    files: dict[str, list[Path]] = {}
    for p in sorted((root / split / "attributions").glob("*.ann")):
        files.setdefault(p.stem.rsplit("_", 1)[0], []).append(p)
    return files


def load(split: str, root: Path = DEFAULT_ROOT, limit: int | None = None) -> list[Article]:
    """The articles of ``split`` (``train`` or ``dev``), in sorted name order."""
    text_dir = root / split / "text"
    anns = {name: paths[0] for name, paths in _annotation_files(split, root).items()}
    out: list[Article] = []
    for t in sorted(text_dir.glob("*.txt")):
        if limit is not None and len(out) >= limit:
            break
        ann = anns.get(t.stem)
        text = t.read_text(encoding="utf-8")
        attrs = parse_ann(ann.read_text(encoding="utf-8")) if ann else []
        out.append(Article(name=t.stem, text=text, attributions=attrs))
    return out


@dataclass
class SharedArticle:
    """An article annotated by several annotators: each one's attributions."""

    name: str
    text: str
    annotators: dict[str, list[Attribution]]


def load_shared(split: str, root: Path = DEFAULT_ROOT) -> list[SharedArticle]:
    """The articles of ``split`` that more than one annotator annotated, in sorted name order.

    PolNeAR's annotators all annotated a few articles each week to check their
    agreement (18 in ``train`` and ``dev``); :func:`load` keeps only the first
    annotator's file, this keeps every one, keyed by annotator id.
    """
    out: list[SharedArticle] = []
    for name, paths in _annotation_files(split, root).items():
        txt = root / split / "text" / f"{name}.txt"
        if len(paths) < 2 or not txt.is_file():
            continue
        out.append(SharedArticle(
            name=name, text=txt.read_text(encoding="utf-8"),
            annotators={p.stem.rsplit("_", 1)[1]: parse_ann(p.read_text(encoding="utf-8")) for p in paths}))
    return out


def available(root: Path = DEFAULT_ROOT) -> bool:
    return (root / "train" / "text").is_dir() and (root / "dev" / "text").is_dir()
