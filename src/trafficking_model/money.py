"""Amounts of money, such as the budget of a measure."""

from __future__ import annotations

from decimal import Decimal

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns
from trafficking_model._validation import (
    CURRENCY_CODE,
    NON_NEGATIVE,
    Problems,
    field,
    is_amount,
    is_currency,
    raise_if_any,
)

__all__ = ["Money"]


@owns(NON_NEGATIVE, CURRENCY_CODE)
@attrs.frozen(kw_only=True)
class Money:
    """A non-negative amount in an ISO 4217 currency.

    Attributes:
        amount: A finite, non-negative `Decimal`; floats are refused, because they
            cannot hold most decimal amounts exactly.
        currency: An ISO 4217 alphabetic code, such as `"AZN"` or `"USD"`.

    Example:
        >>> from decimal import Decimal
        >>> str(Money(amount=Decimal("150000.00"), currency="AZN"))
        '150000.00 AZN'
        >>> Money(amount=Decimal("-1"), currency="AZN")
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.amount: -1 is negative
    """

    amount: Decimal = attrs.field(metadata=kinds.amount())
    currency: str = attrs.field(metadata=kinds.currency())

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_amount(problems, field("amount"), self.amount)
        is_currency(problems, field("currency"), self.currency)
        raise_if_any(problems)

    def __str__(self) -> str:
        """Render as `amount currency`."""
        return f"{self.amount} {self.currency}"
