"""The Dask cluster behind ``jobkit batch --dask-scheduler``: connected within a short time, or a plain reason.

Dask's own client waits 30 s for a scheduler that is not there and then
raises a traceback; jobkit waits ``JOBKIT_DASK_TIMEOUT`` seconds (10 by
default) and says which address did not answer.
"""

from __future__ import annotations

from typing import Any

from jobkit.config import DEFAULTS
from jobkit.errors import SettingError

SETTING = "--dask-scheduler (JOBKIT_DASK_SCHEDULER)"


def connect(address: str, timeout: float = DEFAULTS.dask_timeout) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address``, waiting ``timeout`` seconds (JOBKIT_DASK_TIMEOUT);
    a SettingError naming it when it does not answer."""
    from distributed import Client

    try:
        return Client(address, timeout=timeout)
    except ValueError as exc:  # an address dask cannot parse: no scheme, no port
        raise SettingError(f"{SETTING} {address!r} is not a Dask scheduler address ({exc}); "
                           "give one like tcp://host:8786.") from None
    except OSError:  # refused, unreachable or silent (dask raises OSError when its connect times out)
        raise SettingError(f"{SETTING}: no Dask scheduler answered at {address} within {timeout:g} s; check the "
                           "address and that `dask scheduler` runs there (JOBKIT_DASK_TIMEOUT sets the wait)."
                           ) from None
