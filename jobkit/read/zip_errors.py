"""Everything :mod:`zipfile` raises on a damaged, odd or hostile archive.

Besides BadZipFile it raises NotImplementedError (unknown zip version or
compression method), RuntimeError (an encrypted entry), EOFError and
struct.error (cut headers), LargeZipFile, ValueError and OSError. Fuzzing
found the first of these escaping; every zip reader catches this tuple.
jobkit's own errors subclass ValueError too, so a handler that must let the
bounded reader's UnsafeDocument or FileTooLarge through (jobkit.read.zip_members)
catches JobkitError first.
"""

from __future__ import annotations

import struct
import zipfile

ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, struct.error,
              ValueError, OSError)
