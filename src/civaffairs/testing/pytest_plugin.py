"""The pytest plugin that runs policy case files (:mod:`civaffairs.testing.cases`).

Installed with civaffairs (entry point ``civaffairs`` in the ``pytest11``
group), so it is active in every project where civaffairs is installed; turn
it off with ``-p no:civaffairs``.  It collects:

- every file named ``*.cases.toml`` that pytest visits;
- every ``*.toml`` file under the directories listed in the ini option
  ``civaffairs_case_dirs`` (paths relative to the ini file), e.g. in
  ``pyproject.toml``::

      [tool.pytest.ini_options]
      civaffairs_case_dirs = ["tests/policy"]

Each case is one test, named after the case.  A failing case shows the
expected and decided values (``-`` expected, ``+`` decided) and the decision
with its reasons and citations, rendered in the language of the ini option
``civaffairs_case_lang`` (``en``, the default, or ``zh``).  A malformed case
fails with every problem named by file, case and field; a malformed file
(not TOML, an unknown top-level key) is a collection error.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

    from civaffairs.testing.cases import CaseEntry

__all__ = ["CaseFileCollector", "CaseItem"]

_SUFFIX = ".cases.toml"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the plugin's ini options.

    .. versionadded:: 0.1.0
    """
    parser.addini(
        "civaffairs_case_dirs",
        "directories whose *.toml files are all civaffairs policy case files",
        type="paths",
        default=[],
    )
    parser.addini(
        "civaffairs_case_lang",
        "language of the decisions shown for failing policy cases: en or zh",
        default="en",
    )


def _is_case_file(file_path: Path, config: pytest.Config) -> bool:
    if file_path.name.endswith(_SUFFIX):
        return True
    if file_path.suffix != ".toml":
        return False
    folders: list[Path] = config.getini("civaffairs_case_dirs")
    return any(file_path.is_relative_to(folder) for folder in folders)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect ``*.cases.toml`` files and ``*.toml`` files under ``civaffairs_case_dirs``.

    .. versionadded:: 0.1.0
    """
    if _is_case_file(file_path, parent.config):
        collector: CaseFileCollector = CaseFileCollector.from_parent(parent, path=file_path)
        return collector
    return None


def _short(excinfo: pytest.ExceptionInfo[BaseException]) -> str | None:
    """Return the message alone for the errors that explain themselves, else ``None``."""
    from civaffairs.testing.cases import CaseFileError, CaseMismatchError  # noqa: PLC0415 - lazy

    if isinstance(excinfo.value, CaseMismatchError | CaseFileError):
        return str(excinfo.value)
    return None


class CaseFileCollector(pytest.File):
    """A policy case file: one :class:`CaseItem` per case.

    .. versionadded:: 0.1.0
    """

    def collect(self) -> Iterator[CaseItem]:
        """Read the file and yield its cases, valid or not."""
        from civaffairs.testing.cases import read_case_file  # noqa: PLC0415 - lazy

        try:
            label = str(self.path.relative_to(self.config.rootpath))
        except ValueError:
            label = str(self.path)
        for entry in read_case_file(self.path, label=label):
            item: CaseItem = CaseItem.from_parent(self, name=entry.name, entry=entry)
            yield item

    def repr_failure(  # type: ignore[override]
        self, excinfo: pytest.ExceptionInfo[BaseException]
    ) -> str | TerminalRepr:
        """Show a malformed file's problems without a traceback."""
        return _short(excinfo) or super().repr_failure(excinfo)


class CaseItem(pytest.Item):
    """One policy case run as a test.

    .. versionadded:: 0.1.0
    """

    def __init__(self, *, entry: CaseEntry, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entry = entry

    def runtest(self) -> None:
        """Run the case; raise its problems, or the differences from what it expects."""
        from civaffairs.testing.cases import check_case  # noqa: PLC0415 - lazy

        if self.entry.error is not None:
            raise self.entry.error
        assert self.entry.case is not None  # noqa: S101 - no error means a case
        lang = self.config.getini("civaffairs_case_lang")
        check_case(self.entry.case, lang="zh" if lang == "zh" else "en")

    def repr_failure(  # type: ignore[override]
        self, excinfo: pytest.ExceptionInfo[BaseException]
    ) -> str | TerminalRepr:
        """Show a failing case's report (or its problems) without a traceback.

        A civaffairs error the calculator raised (a parameter with no value on
        the date, say) is shown with the case's location, also without one.
        """
        from civaffairs.errors import CivaffairsError  # noqa: PLC0415 - lazy

        short = _short(excinfo)
        if short is not None:
            return short
        case = self.entry.case
        if case is not None and isinstance(excinfo.value, CivaffairsError):
            return (
                f"policy case {case.name!r} could not be decided\n"
                f"  file: {case.location}\n"
                f"  programme: {case.programme}, as of {case.as_of.isoformat()}\n"
                f"  source: {case.source}\n"
                f"{type(excinfo.value).__name__}: {excinfo.value}"
            )
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Locate the case: its file, the line of its ``[[case]]`` header, its name."""
        line = self.entry.line - 1 if self.entry.line else None
        return self.path, line, f"policy case: {self.name}"
