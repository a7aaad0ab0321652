"""kg's one exception family. The CLI catches ``KGError`` and prints its message."""


class KGError(Exception):
    """Base class for every error kg raises on purpose."""


class InputError(KGError):
    """An input path or format that kg cannot read at all."""


class NothingReadError(InputError):
    """Every input was empty, unreadable or malformed: there is nothing to build."""


class StrictModeError(InputError):
    """``--strict`` was given and at least one record was skipped."""


class ModelNotFoundError(KGError):
    """No usable spaCy English pipeline is installed."""
