"""The PDFium library pypdfium2 ships, loaded on its own: no ``import pypdfium2``.

``import pypdfium2`` (or ``pypdfium2.raw``) builds a ctypes prototype for each of
PDFium's thousands of entry points, several times what one page read costs.
jobkit calls about thirty of them, so it opens the library file that the
``pypdfium2_raw`` package folder holds (found without importing that package),
initializes PDFium once and declares only those (:func:`prototype`).

Sharing a process with pypdfium2 is safe: ``ctypes.CDLL`` of the same file is
the same loaded library, and PDFium ignores a second initialization. jobkit
never destroys the library (pypdfium2 does so at exit when it was imported).
"""

from __future__ import annotations

import ctypes
import functools
import importlib.util
import json
import sys
import threading
from pathlib import Path
from typing import Any

# Where the marker below is missing, the bundled PDFium predates pypdfium2 5.0.
NEWEST_CALL = "FPDFText_GetTextObject"
_LOADING = threading.Lock()  # two first reads on two threads: PDFium is initialized by one of them


def package_folder(name: str) -> Path | None:
    """The folder of an installed package, found without importing it (None when it is not installed)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]) if locations else None


def library_file_name() -> str:
    """PDFium's file name on this platform, as pypdfium2_raw's loader spells it."""
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        return "pdfium.dll"
    if sys.platform.startswith(("darwin", "ios")):
        return "libpdfium.dylib"
    return "libpdfium.so"


class _Config(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG, version 2: the fields PDFium reads at that version."""

    _fields_ = [("version", ctypes.c_int), ("m_pUserFontPaths", ctypes.c_void_p),
                ("m_pIsolate", ctypes.c_void_p), ("m_v8EmbedderSlot", ctypes.c_uint)]


def library() -> Any:
    """The PDFium library, loaded and initialized once per process; None when pypdfium2 is not installed."""
    with _LOADING:
        return _loaded()


@functools.lru_cache(maxsize=1)
def _loaded() -> Any:
    folder = package_folder("pypdfium2_raw")
    try:
        loaded = _load(folder) if folder is not None else None
    except (ImportError, OSError):  # a broken install: reinstalling is the fix either way
        return None
    if loaded is not None:
        init = ctypes.CFUNCTYPE(None, ctypes.POINTER(_Config))(("FPDF_InitLibraryWithConfig", loaded))
        init(ctypes.byref(_Config(version=2)))
    return loaded


def _load(folder: Path) -> Any:
    """The library file in pypdfium2_raw's folder. A pypdfium2 built against a PDFium of the system keeps
    none there: then its bindings module is asked where the library is (slower, but the same library)."""
    path = folder / library_file_name()
    if path.is_file():
        return ctypes.CDLL(str(path))
    from pypdfium2_raw import bindings

    return getattr(bindings, "_libs", {}).get("pdfium")


def prototype(name: str, restype: Any, *argtypes: Any) -> Any:
    """PDFium's entry point ``name`` with plain-integer handles (``c_void_p``): no pointer objects per call.

    The calls keep the GIL (``PYFUNCTYPE``): each returns within a microsecond, PDFium is
    serialized by a lock anyway, and not releasing and retaking the GIL saves a fifth of a call.
    """
    loaded = library()
    if loaded is None:
        raise ImportError("PDFium is not installed: run pip install '.[fast]' in the jobkit folder")
    return ctypes.PYFUNCTYPE(restype, *argtypes)((name, loaded))


@functools.lru_cache(maxsize=1)
def pypdfium2_version() -> str:
    """pypdfium2's version as ``pypdfium2.version.PYPDFIUM_INFO.version`` spells it, from its version.json."""
    folder = package_folder("pypdfium2")
    try:
        data = json.loads((folder / "version.json").read_text(encoding="utf-8")) if folder else None
        return version_text(data) if isinstance(data, dict) else ""
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def version_text(data: dict[str, Any]) -> str:
    """``major.minor.patch``, a beta, and the local descriptors (commits, dirty, source, editable)."""
    text = ".".join(str(data[k]) for k in ("major", "minor", "patch"))
    if data.get("beta") is not None:
        text += f"b{data['beta']}"
    local = [str(data["n_commits"]), str(data.get("hash"))] if data.get("n_commits", 0) > 0 else []
    local += ["dirty"] if data.get("dirty") else []
    text += "+" + ".".join(local) if local else ""
    text += f":{data['data_source']}" if data.get("data_source", "git") != "git" else ""
    return text + ("@editable" if data.get("is_editable") else "")
