"""The test kit: hypothesis strategies and invariant checks for other projects' test suites.

Use it from your own property tests to draw valid civil-affairs inputs and to
state the invariants every calculator should keep:

- :mod:`civaffairs.testing.strategies` — strategies for resident ID numbers,
  jurisdictions, money, persons and households (``st.from_type(Household)``
  works too, through hypothesis's plugin entry point);
- :mod:`civaffairs.testing.invariants` — checks that raise a readable
  ``AssertionError`` when a decision breaks an invariant.

It needs hypothesis, which the ``testkit`` extra installs::

    pip install "civaffairs[testkit]"

.. versionadded:: 0.1.0
"""
