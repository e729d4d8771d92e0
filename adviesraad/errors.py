"""One base exception for every business rule a service refuses.

Each app subclasses it; views catch ``DomainError`` and show its Dutch message, never a 500.
"""


class DomainError(Exception):
    """A business rule refused the change. ``message`` is Dutch and shown to the user."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
