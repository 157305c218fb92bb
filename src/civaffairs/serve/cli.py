"""The ``civaffairs serve`` command: run the HTTP service under uvicorn.

``civaffairs serve [--host 127.0.0.1] [--port 8000] [--params FILE ...] [--log-level info]``

Listens on ``--host`` (default ``127.0.0.1``: this machine only) and ``--port``
(``0`` picks a free port; the log line ``Uvicorn running on http://HOST:PORT``
names it).  Logs go to standard error: uvicorn's own lines and the service's
access log, which holds no personal data (see :mod:`civaffairs.serve`).  Stops on
SIGINT or SIGTERM.  Needs the ``serve`` extra (``pip install 'civaffairs[serve]'``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import logging.config
from typing import Any, TextIO

from civaffairs.parameters import ParameterBook

__all__ = ["register", "run"]

#: Exit status on bad input (a missing extra, a bad parameter file).
EXIT_BAD_INPUT = 2

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        message = f"a TCP port 0-65535 (0: any free port), not {text!r}"
        raise argparse.ArgumentTypeError(message)
    return int(text)


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``serve`` sub-command to ``subparsers`` (the result of ``add_subparsers``).

    .. versionadded:: 0.1.0
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="run the HTTP service (POST /v1/assess …; needs the serve extra)",
        description="Run the HTTP service: POST /v1/assess, GET /v1/params/{jurisdiction}, "
        "GET /v1/programmes, GET /v1/schema/{type}, GET /openapi.json, GET /healthz.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (0: any free port)"
    )
    parser.add_argument(
        "--params",
        action="append",
        default=[],
        metavar="FILE",
        help="a parameter TOML file layered over the shipped data (may be repeated)",
    )
    parser.add_argument(
        "--log-level",
        choices=("critical", "error", "warning", "info", "debug"),
        default="info",
        help="the least severe log lines shown (info shows the access log)",
    )
    return parser


def _logging(level: str) -> dict[str, Any]:
    """Log configuration: uvicorn's lines and ours to standard error; no uvicorn access log."""
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    ours = {"handlers": ["stderr"], "level": level.upper(), "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": _FORMAT}},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": ours,
            # uvicorn's access log names the path with its query string: never used.
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "civaffairs.serve": ours,
        },
    }


def run(args: argparse.Namespace, _stdout: TextIO, stderr: TextIO) -> int:
    """Serve until stopped; return the exit status.

    .. versionadded:: 0.1.0
    """
    try:
        import uvicorn  # noqa: PLC0415 - the command exists without the extra

        from civaffairs.serve.app import create_app  # noqa: PLC0415 - needs starlette
    except ImportError as exc:
        stderr.write(
            f"civaffairs: error: 'serve' needs the serve extra ({exc.name} is missing): "
            "pip install 'civaffairs[serve]'\n"
        )
        return EXIT_BAD_INPUT
    book = ParameterBook.load(args.params) if args.params else None
    app = create_app(book=book)
    logging.config.dictConfig(_logging(args.log_level))
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        access_log=False,
        log_config=None,
        log_level=args.log_level,
        server_header=False,
    )
    return 0
