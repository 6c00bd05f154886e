"""Strategies of the building blocks: identifiers, texts, and country and currency codes."""

from __future__ import annotations

from hypothesis import strategies as st

from trafficking_model._validation import (
    COUNTRY_CODES,
    CURRENCY_CODES,
)
from trafficking_model.strategies._draw import (
    CHARACTERS,
    below,
    check_size,
)

# Strategies are built once, here or in each public function, and never inside a
# draw: building one costs far more than drawing from it.
IDENTIFIERS = st.builds(
    "{}-{:04}".format,
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    st.integers(min_value=0, max_value=999_999),
) | st.text(CHARACTERS, min_size=1, max_size=24).map(str.strip).filter(bool)


def identifiers() -> st.SearchStrategy[str]:
    """Draw identifiers: non-empty text with no whitespace around it.

    Half look like record numbers (`"V-0012"`), half are any Unicode text that
    can be written as UTF-8, to exercise code that assumes ASCII.

    Returns:
        A strategy of identifiers.

    Example:
        >>> from hypothesis import find
        >>> identifier = find(identifiers(), lambda text: len(text) > 3)
        >>> identifier == identifier.strip() and len(identifier) > 3
        True
    """
    return IDENTIFIERS


def texts(*, max_size: int = 80) -> st.SearchStrategy[str]:
    """Draw free text that is not empty or blank, such as a title or a name.

    Args:
        max_size: The most characters a text has.

    Returns:
        A strategy of texts with at least one character other than whitespace.

    Example:
        >>> from hypothesis import find
        >>> find(texts(), lambda text: text.startswith(" ")).strip() != ""
        True
    """
    check_size("texts", 1, max_size)
    return st.text(CHARACTERS, min_size=1, max_size=max_size).filter(str.strip)


TEXTS = texts()
SHORT_TEXTS = texts(max_size=24)


def country_codes() -> st.SearchStrategy[str]:
    """Draw ISO 3166-1 alpha-3 country codes, such as `"AZE"`.

    The user-assigned codes `XAA` to `XZZ`, which the model accepts for
    fictional data, are drawn too.

    Returns:
        A strategy of every code the model accepts.

    Example:
        >>> from hypothesis import find
        >>> find(country_codes(), lambda code: code.startswith("AZ"))
        'AZE'
    """
    return COUNTRIES


def currency_codes() -> st.SearchStrategy[str]:
    """Draw ISO 4217 alphabetic currency codes, such as `"AZN"`.

    Returns:
        A strategy of every code the model accepts.

    Example:
        >>> from hypothesis import find
        >>> find(currency_codes(), lambda code: code.startswith("AZ"))
        'AZN'
    """
    return CURRENCIES


COUNTRIES = st.sampled_from(sorted(COUNTRY_CODES))
CURRENCIES = st.sampled_from(sorted(CURRENCY_CODES))


def unique_ids(draw: st.DrawFn, min_size: int, max_size: int) -> list[str]:
    size = below(draw, max_size, min_size)
    result: list[str] = draw(
        st.lists(IDENTIFIERS, min_size=size, max_size=size, unique=True)
    )
    return result
