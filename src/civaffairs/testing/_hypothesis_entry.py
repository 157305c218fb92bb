"""The hypothesis plugin entry point: make ``st.from_type`` know civaffairs' types.

Hypothesis calls :func:`_register` when it is imported, in any project where
civaffairs is installed (``[project.entry-points.hypothesis]`` in
``pyproject.toml``).  Afterwards ``st.from_type(Household)``,
``st.from_type(Person)`` and ``st.from_type(ResidentId)`` draw the same values
as :func:`~civaffairs.testing.strategies.households`,
:func:`~civaffairs.testing.strategies.persons` and
:func:`~civaffairs.testing.strategies.resident_ids` with their defaults.

This runs while hypothesis itself is being imported, so it stays light: it
imports only the classes, and the strategies module on first use.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Any


def _household_strategy(_kind: type[Any]) -> Any:
    from civaffairs.testing import strategies  # noqa: PLC0415 - loaded on first use only

    return strategies.households()


def _person_strategy(_kind: type[Any]) -> Any:
    from civaffairs.testing import strategies  # noqa: PLC0415 - loaded on first use only

    return strategies.persons()


def _resident_id_strategy(_kind: type[Any]) -> Any:
    from civaffairs.testing import strategies  # noqa: PLC0415 - loaded on first use only

    return strategies.resident_ids()


def _register() -> None:
    """Register the civaffairs strategies with hypothesis (called by hypothesis on import).

    .. versionadded:: 0.1.0
    """
    from hypothesis import strategies as st  # noqa: PLC0415 - hypothesis calls us mid-import

    from civaffairs.entities import Household, Person  # noqa: PLC0415 - keep plugin load light
    from civaffairs.identity import ResidentId  # noqa: PLC0415 - keep plugin load light

    st.register_type_strategy(Household, _household_strategy)
    st.register_type_strategy(Person, _person_strategy)
    st.register_type_strategy(ResidentId, _resident_id_strategy)
