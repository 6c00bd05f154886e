"""Strategies of amounts of money."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from trafficking_model.money import Money
from trafficking_model.strategies._basics import (
    CURRENCIES,
)
from trafficking_model.strategies._draw import strategy_for


@strategy_for(Money)
def money(
    *,
    currency: str | None = None,
    max_amount: int = 10**12,
    places: int | None = 2,
) -> st.SearchStrategy[Money]:
    """Draw amounts of money.

    Args:
        currency: Use this currency; any ISO 4217 code when left out.
        max_amount: The largest amount.
        places: Digits after the decimal point, or `None` for any number of
            digits and exponents such as `Decimal("5E+3")`, to test code that
            formats amounts.

    Returns:
        A strategy of `Money`.

    Example:
        >>> from hypothesis import find
        >>> str(find(money(currency="AZN"), lambda m: m.amount >= 1000))
        '1000.00 AZN'
    """
    amounts = st.decimals(
        min_value=0,
        max_value=max_amount,
        allow_nan=False,
        allow_infinity=False,
        places=places,
    )
    if places is None:  # also amounts with a positive exponent, such as 5E+3
        top = len(str(max_amount)) - 4
        if top >= 0:
            amounts |= st.builds(
                Decimal.scaleb,
                st.integers(min_value=0, max_value=999).map(Decimal),
                st.integers(min_value=1, max_value=max(top, 1)),
            ).filter(lambda amount: amount <= max_amount)
    currencies = CURRENCIES if currency is None else st.just(currency)
    return st.builds(Money, amount=amounts, currency=currencies)


MONEY = money()
