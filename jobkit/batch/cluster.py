"""The Dask cluster behind ``jobkit batch --dask-scheduler``: connected within a short time, or a plain reason.

Dask's own client waits 30 s for a scheduler that is not there and then
raises a traceback; jobkit waits ``JOBKIT_DASK_TIMEOUT`` seconds (10 by
default) and says which address did not answer.
"""

from __future__ import annotations

import math
import os
from typing import Any

from jobkit.errors import SettingError

DEFAULT_TIMEOUT = 10.0
SETTING = "--dask-scheduler (JOBKIT_DASK_SCHEDULER)"


def connect_timeout() -> float:
    """Seconds to wait for the scheduler: JOBKIT_DASK_TIMEOUT, a number from 0.1 to 3600."""
    raw = os.environ.get("JOBKIT_DASK_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0.1 <= value <= 3600:
        raise SettingError(f"JOBKIT_DASK_TIMEOUT must be a number of seconds from 0.1 to 3600, got {raw!r}.")
    return value


def connect(address: str, timeout: float | None = None) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address``; a SettingError naming it when it does not answer."""
    from distributed import Client

    wait = connect_timeout() if timeout is None else timeout
    try:
        return Client(address, timeout=wait)
    except ValueError as exc:  # an address dask cannot parse: no scheme, no port
        raise SettingError(f"{SETTING} {address!r} is not a Dask scheduler address ({exc}); "
                           "give one like tcp://host:8786.") from None
    except OSError:  # refused, unreachable or silent (dask raises OSError when its connect times out)
        raise SettingError(f"{SETTING}: no Dask scheduler answered at {address} within {wait:g} s; check the "
                           "address and that `dask scheduler` runs there (JOBKIT_DASK_TIMEOUT sets the wait)."
                           ) from None
