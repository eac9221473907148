"""The few exceptions jobkit raises.

An exception means jobkit could not do what was asked (read a file, load a data
file). A resume that fails a check is a result, never an exception. Every error
has a stable ``code`` that the JSON API, batch rows and the CLI report as is.
"""

from __future__ import annotations


class JobkitError(Exception):
    """Base class: jobkit could not do what was asked."""

    code = "jobkit_error"

    def __init__(self, message: str, *, filename: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename

    def __str__(self) -> str:
        # OSError subclasses (PermissionError, TimeoutError) would print errno fields.
        return self.message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class UnsupportedFormat(JobkitError, ValueError):
    """The file is not a PDF, DOCX or plain-text resume."""

    code = "unsupported_format"


class EmptyDocument(JobkitError, ValueError):
    """The file has no bytes, or no text and nothing else to read."""

    code = "empty_document"


class CorruptDocument(JobkitError, ValueError):
    """The file claims a format but its content is broken or truncated."""

    code = "corrupt_document"


class EncryptedDocument(JobkitError, PermissionError):
    """The file needs a password to open."""

    code = "encrypted_document"


class FileTooLarge(JobkitError, ValueError):
    """The file is bigger than the configured limit."""

    code = "file_too_large"


class TooManyPages(JobkitError, ValueError):
    """The document has more pages than a resume can have."""

    code = "too_many_pages"


class UnsafeDocument(JobkitError, ValueError):
    """The file looks built to attack a reader (zip bomb, XML entity tricks)."""

    code = "unsafe_document"


class ReadTimeout(JobkitError, TimeoutError):
    """Reading took longer than the time budget."""

    code = "read_timeout"


class DataFileError(JobkitError, ValueError):
    """A keyword, credential or question data file is invalid."""

    code = "data_file_error"


class NotFound(JobkitError, LookupError):
    """No role, question set or question has that id."""

    code = "not_found"


class InvalidInput(JobkitError, ValueError):
    """An argument given to jobkit is not usable (empty posting, bad option)."""

    code = "invalid_input"


class PostingIsLink(InvalidInput):
    """A link was given where the posting's text belongs: jobkit never fetches pages."""

    code = "posting_is_link"


class Busy(JobkitError, RuntimeError):
    """Too much work is waiting (batches queued per session or per server); try again later."""

    code = "too_busy"


class BatchStoreUnavailable(JobkitError, RuntimeError):
    """The batch database cannot be used (damaged, a folder in its place, kept locked by another program)."""

    code = "batch_store_unavailable"


class StorageFull(JobkitError, OSError):
    """The disk that holds batch uploads or the batch database is full."""

    code = "storage_full"


class SettingError(JobkitError, ValueError):
    """A setting (an environment variable or option) cannot be used as given: a weak secret key, an
    unreachable Dask scheduler. The message names the setting and how to fix it."""

    code = "setting_error"


class WorkerFailed(JobkitError, RuntimeError):
    """The worker process checking a file died or was lost (a killed process, a lost Dask task)."""

    code = "worker_failed"


class InternalError(JobkitError, RuntimeError):
    """jobkit failed on a file for a reason of its own (a bug, not the file): that file's batch row says so."""

    code = "internal_error"


class ExportInvalid(JobkitError, ValueError):
    """An export (JSON Resume) would break its published schema: nothing is written."""

    code = "export_invalid"
