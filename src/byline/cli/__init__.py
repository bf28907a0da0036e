"""The ``byline`` command line: a thin layer over the library, verb for verb.

Each module in :data:`COMMAND_MODULES` adds its verbs with ``register(app)``.
Errors a user can act on print one line on stderr and exit with the code of
their class (2 usage, 3 unusable input, ...); ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import importlib
import sys

import typer

from byline import __version__
from byline.errors import BylineError

COMMAND_MODULES = ("analyze", "spark", "corpus", "serve")

app = typer.Typer(
    name="byline",
    help="Who said what, about whom, when, and on what evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"byline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    _state["debug"] = debug


for _name in COMMAND_MODULES:
    importlib.import_module(f"byline.cli.{_name}").register(app)


def fail(err: BaseException) -> int:
    """Print one line for ``err`` on stderr and return the exit code."""
    if isinstance(err, BylineError):
        sys.stderr.write(f"byline: error: {err.message}\n")
        return err.exit_code
    sys.stderr.write(
        f"byline: internal error: {type(err).__name__}: {err} (run with --debug for details)\n"
    )
    return 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        app(args=args, prog_name="byline", standalone_mode=False)
    except SystemExit as e:
        return int(e.code or 0) if isinstance(e.code, int) or e.code is None else 1
    except KeyboardInterrupt:
        sys.stderr.write("byline: interrupted\n")
        return 130
    except Exception as e:  # the one place where errors become exit codes
        kind = type(e).__name__
        if kind == "Exit":  # typer.Exit (Typer vendors its own click)
            return int(getattr(e, "exit_code", 0))
        if kind == "Abort":
            sys.stderr.write("byline: aborted\n")
            return 1
        if hasattr(e, "show") and hasattr(e, "exit_code"):  # a click usage error: exit 2
            e.show()
            return int(e.exit_code)
        if debug:
            raise
        return fail(e)
    return 0


def run() -> None:  # console-script entry point
    sys.exit(main())
