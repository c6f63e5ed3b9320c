"""Domain errors. Shells translate them: 422 in the API, a form error, exit code 2 in the CLI."""

from __future__ import annotations


class DorsiError(Exception):
    """Base of every error the core raises on purpose."""


class ValidationError(DorsiError, ValueError):
    """A value that breaks a rule of the contract; ``field`` is a dotted path like ``knee_to_wall.left``."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


class ReferralRequired(DorsiError):
    """A red flag gates the program until a professional has cleared the user."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        self.reasons = reasons
        super().__init__(
            "a professional should clear you before you start the program (red flags: "
            + ", ".join(reasons)
            + ")"
        )
