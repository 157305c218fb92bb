"""Build the wheel and the sdist, then use the wheel as a user would, from a fresh venv.

Run from the repository (CI runs it after the docs build)::

    .venv/bin/python tools/check_wheel.py

1. ``python -m build`` makes an sdist and, from it, a wheel (so the sdist is complete).
2. The wheel's file list is checked: it carries ``py.typed``, every data file the
   package reads (the record books and the parameter schema TOML files, the GB/T 2260
   divisions table, the JSON Schemas — every non-Python file tracked under
   ``src/civaffairs``; the example requests stay in the repository, the package never
   reads them) and every module; nothing outside the package (no docs, no
   docs tooling, no tests); the core requirements name no docs or test tool, and the
   ``serve`` extra names Starlette and uvicorn.
3. A fresh venv gets the wheel with the ``serve`` extra, and from it, in an empty
   directory (so the source tree cannot be imported): ``civaffairs --version``,
   ``civaffairs programmes``, ``civaffairs assess`` of an example request, and a
   server smoke test — start ``civaffairs serve --port 0``, ``GET /healthz``,
   ``GET /v1/schema/request``, ``POST /v1/assess`` one request, stop it with SIGTERM,
   and find no traceback in its log.

Exits 0 when every check passed, 1 otherwise, saying which.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "requests" / "assistance.dibao.json"
#: Requirements the installed package must never pull in (docs and test tooling).
TOOLING = re.compile(r"^(sphinx|myst|furo|pytest|hypothesis|mypy|ruff|schemathesis)", re.I)


class CheckError(Exception):
    """A check of the wheel failed."""


def _say(text: str) -> None:
    sys.stdout.write(f"check_wheel: {text}\n")
    sys.stdout.flush()


def _run(*argv: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(  # noqa: S603 - fixed programs of this check, no shell
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        shown = " ".join(str(a) for a in argv)
        raise CheckError(f"{shown} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def build(out: Path) -> tuple[Path, Path]:
    """Build the sdist and the wheel into ``out``; return their paths."""
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    (sdist,) = out.glob("civaffairs-*.tar.gz")
    (wheel,) = out.glob("civaffairs-*.whl")
    return sdist, wheel


def _tracked() -> list[str]:
    """List the package's files tracked by git (or on disk, outside a git checkout)."""
    try:
        listed = _run("git", "-C", ROOT, "ls-files", "src/civaffairs").split()
    except (CheckError, OSError):
        listed = [str(p.relative_to(ROOT)) for p in (ROOT / "src" / "civaffairs").rglob("*")]
    return [
        name.removeprefix("src/")
        for name in listed
        if "__pycache__" not in name and (ROOT / name).is_file()
    ]


def check_contents(wheel: Path) -> None:
    """Check the wheel holds the package, its data, and nothing else."""
    with zipfile.ZipFile(wheel) as opened:
        names = set(opened.namelist())
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(opened.read(metadata_name).decode("utf-8"))
    problems = [f"missing {name}" for name in _tracked() if name not in names]
    required = ("civaffairs/py.typed", "civaffairs/jurisdictions/divisions.tsv")
    problems += [f"missing {name}" for name in required if name not in names]
    books = [n for n in names if n.startswith("civaffairs/books/") and n.endswith(".toml")]
    schemas = [n for n in names if n.endswith(".schema.toml")]
    documents = [n for n in names if n.endswith(".schema.json")]
    if not books or not schemas or not documents:
        problems.append(
            f"no record books ({len(books)}), parameter schemas ({len(schemas)}) "
            f"or JSON Schemas ({len(documents)})"
        )
    outside = sorted(
        n
        for n in names
        if not n.startswith("civaffairs/") and not re.match(r"civaffairs-[^/]+\.dist-info/", n)
    )
    problems += [f"not part of the package: {n}" for n in outside]
    problems += [f"compiled or docs file: {n}" for n in names if re.search(r"\.pyc$|/_ext/", n)]
    requires = metadata.get_all("Requires-Dist") or []
    core = [r for r in requires if "extra ==" not in r]
    problems += [f"a core requirement is tooling: {r}" for r in core if TOOLING.match(r)]
    serve = " ".join(r for r in requires if 'extra == "serve"' in r)
    if "starlette" not in serve or "uvicorn" not in serve:
        problems.append(f"the serve extra lacks starlette or uvicorn: {serve!r}")
    if problems:
        raise CheckError("the wheel's contents:\n  " + "\n  ".join(problems))
    _say(
        f"{wheel.name}: {len(names)} files; {len(books)} record books, {len(schemas)} "
        f"parameter schemas, {len(documents)} JSON Schemas"
    )


def _venv(where: Path, wheel: Path) -> Path:
    """Make a fresh venv with the wheel and its serve extra; return its bin directory."""
    _run(sys.executable, "-m", "venv", where)
    bin_dir = where / "bin"
    _run(bin_dir / "python", "-m", "pip", "install", "--quiet", f"{wheel}[serve]")
    return bin_dir


def _env() -> dict[str, str]:
    """Return the environment of the installed commands: nothing naming the source tree."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}


def check_cli(bin_dir: Path, cwd: Path) -> None:
    """Run the installed command line: version, programmes, an assessment."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    shown = _run(bin_dir / "civaffairs", "--version", cwd=cwd, env=_env()).strip()
    if shown != f"civaffairs {version}":
        raise CheckError(f"civaffairs --version printed {shown!r}")
    listed = _run(bin_dir / "civaffairs", "programmes", cwd=cwd, env=_env())
    if "assistance.dibao" not in listed:
        raise CheckError("civaffairs programmes does not list assistance.dibao")
    answer = json.loads(
        _run(bin_dir / "civaffairs", "assess", EXAMPLE, "--format", "json", cwd=cwd, env=_env())
    )
    if answer["results"][0]["decision"]["programme"] != "assistance.dibao":
        raise CheckError(f"civaffairs assess answered {answer!r}")
    where = _run(bin_dir / "python", "-c", "import civaffairs; print(civaffairs.__file__)", cwd=cwd)
    if str(ROOT) in where:
        raise CheckError(f"the venv imports the source tree: {where}")
    _say(f"CLI from the wheel: {shown}; programmes; assess -> {answer['results'][0]['programme']}")


def _get(url: str, body: bytes | None = None) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(  # noqa: S310 - a loopback URL of our own server
        url, data=body, headers={"Content-Type": "application/json"}
    )
    # Straight to the loopback server: a proxy named by HTTP_PROXY (how a CI machine may reach
    # PyPI) cannot reach it.
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with direct.open(request, timeout=60) as response:
        status: int = response.status
        return status, json.loads(response.read())


def check_server(bin_dir: Path, cwd: Path) -> None:
    """Start the installed server on a free port, call it, stop it."""
    log = cwd / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(  # noqa: S603 - the installed command, fixed arguments
            [str(bin_dir / "civaffairs"), "serve", "--port", "0"],
            cwd=cwd,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline and server.poll() is None:
            found = re.search(r"Uvicorn running on (http://\S+)", log.read_text(errors="replace"))
            url = found.group(1) if found else None
            time.sleep(0.1)
        if url is None:
            raise CheckError("civaffairs serve did not start:\n" + log.read_text(errors="replace"))
        status, health = _get(f"{url}/healthz")
        if (status, health.get("status")) != (200, "ok"):
            raise CheckError(f"GET /healthz answered {status} {health!r}")
        status, described = _get(f"{url}/v1/schema/request")
        if status != 200 or "$schema" not in described:
            raise CheckError(f"GET /v1/schema/request answered {status}")
        status, answer = _get(f"{url}/v1/assess", EXAMPLE.read_bytes())
        if status != 200 or "uses_example_data" not in answer:
            raise CheckError(f"POST /v1/assess answered {status} {answer!r}")
    finally:
        server.terminate()
        code = server.wait(timeout=30)
    logged = log.read_text(errors="replace")
    # uvicorn ends a graceful shutdown by re-raising the signal it was stopped with.
    if code not in {0, -signal.SIGTERM} or "Traceback" in logged:
        raise CheckError(f"civaffairs serve stopped with {code}:\n{logged}")
    _say(f"server from the wheel: {url} /healthz, /v1/schema/request, /v1/assess; stopped")


def main() -> int:
    """Run every check; return the exit status."""
    with tempfile.TemporaryDirectory(prefix="civaffairs-wheel-") as temporary:
        work = Path(temporary)
        try:
            sdist, wheel = build(work / "dist")
            _say(f"built {sdist.name} and {wheel.name}")
            check_contents(wheel)
            bin_dir = _venv(work / "venv", wheel)
            empty = work / "elsewhere"
            empty.mkdir()
            check_cli(bin_dir, empty)
            check_server(bin_dir, empty)
        except CheckError as exc:
            sys.stderr.write(f"check_wheel: FAILED: {exc}\n")
            return 1
    _say("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
