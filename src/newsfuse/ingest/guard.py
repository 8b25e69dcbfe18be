"""One record's failure is that record's rejection: the records after it are still read.

Readers of list inputs (JSON arrays, JSON Lines, feeds) make each record through
:func:`isolated`, so an unexpected error in one record becomes a Rejection (E112) for that
record alone, instead of ending the generator and silently losing the rest of the file.
The traceback goes to the ``newsfuse`` logger at debug level (``newsfuse --debug``), never
to the terminal of a normal run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..errors import Errors
from ..records import Document, Rejection

__all__ = ["isolated", "unexpected"]

log = logging.getLogger("newsfuse")


def unexpected(source: str, exc: BaseException) -> Rejection:
    """The E112 rejection of ``source`` for an unexpected error (its traceback logged at debug level)."""
    log.debug("reading %s failed", source, exc_info=exc)
    return Rejection(source, "E112", Errors.E112.msg(detail=source, error=f"{type(exc).__name__}: {exc}"))


def isolated(source: str, make: Callable[[], Document | Rejection]) -> Document | Rejection:
    """``make()``, or the rejection of ``source`` when it raises."""
    try:
        return make()
    except Exception as exc:  # noqa: BLE001 - any failure of one record is its rejection
        return unexpected(source, exc)
