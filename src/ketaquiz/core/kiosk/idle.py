"""The kiosk's idle policy: when to warn a visitor who has stopped, and when to clear their session.

Time comes from an injected clock, so tests drive it instead of waiting.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]
"""Seconds on a monotonic scale (`time.monotonic` in real use)."""

DEFAULT_IDLE_TIMEOUT = 120.0
"""Seconds without input before the idle warning appears."""
DEFAULT_IDLE_WARNING = 30.0
"""Seconds the warning counts down before the session is cleared."""
MIN_IDLE_WARNING = 20.0
"""WCAG 2.2.1: a time limit must give at least 20 seconds to extend it."""


def seconds_until(clock: Clock, when: float) -> float:
    """Seconds from now on `clock` to the clock time `when`; 0 once it has passed (the idle countdown, the
    wrong-PIN wait)."""
    return max(0.0, when - clock())


# ------------------------------------------------------------------------------------------------------------
# Idle


class IdleState(enum.Enum):
    """Where a visitor's session stands on the idle clock."""

    ACTIVE = "active"
    WARNING = "warning"
    """The warning should be up, counting down."""
    RESET = "reset"
    """Time is up: clear the session."""


@dataclass(slots=True)
class IdlePolicy:
    """When to warn and when to reset, from the time of the last input.

    The warning is due `timeout` seconds after the last input; the reset `warning` seconds after that.
    """

    timeout: float = DEFAULT_IDLE_TIMEOUT
    warning: float = DEFAULT_IDLE_WARNING
    clock: Clock = time.monotonic
    last_activity: float = field(default=-1.0)

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.warning <= 0:
            raise ValueError("idle timeout and warning must be above 0")
        if self.last_activity < 0:
            self.last_activity = self.clock()

    def touch(self) -> None:
        """A key, click or touch: the visitor is here."""
        self.last_activity = self.clock()

    def idle_for(self) -> float:
        """Seconds since the last input."""
        return max(0.0, self.clock() - self.last_activity)

    @property
    def warning_due(self) -> float:
        """Clock time at which the warning should appear."""
        return self.last_activity + self.timeout

    @property
    def reset_due(self) -> float:
        """Clock time at which the session should be cleared."""
        return self.warning_due + self.warning

    def state(self) -> IdleState:
        now = self.clock()
        if now >= self.reset_due:
            return IdleState.RESET
        if now >= self.warning_due:
            return IdleState.WARNING
        return IdleState.ACTIVE

    def seconds_to_reset(self) -> float:
        """For the countdown: seconds left before the reset (never negative)."""
        return seconds_until(self.clock, self.reset_due)
