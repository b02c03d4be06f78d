"""Kiosk policy, free of any screen: the config file, the staff PIN, wrong-PIN back-off and the idle clock.

The kiosk front end (`ketaquiz.tui.kiosk`) asks these objects what to do; they never draw anything, and every
time-dependent one takes a clock so tests drive time instead of waiting for it.

- `load_kiosk_config(path)` reads the YAML config and refuses anything doubtful (unknown keys, wrong types, a
  warning under 20 s, a missing PIN hash) with one `KioskConfigError` that lists every problem as
  `file:line: error: message`. A kiosk never starts half-configured.
- PINs are stored only as salted scrypt hashes; the parameters travel inside the hash string so they can be
  raised later without breaking old configs.
- `set_pin_in_config` changes only the `pin_hash` line of a config and writes the file atomically.
- `PinGuard` counts wrong PINs in memory and slows them down; `IdlePolicy` says when to warn and to reset.

Four modules, one policy each: `config`, `pin` (hashing and the wrong-PIN guard), `idle` and `visit` (which
questions a visit asks).
"""

from __future__ import annotations

from ketaquiz.core.kiosk.config import (
    CONFIG_KEYS,
    THEMES,
    ConfigProblem,
    KioskConfig,
    KioskConfigError,
    load_kiosk_config,
    set_pin_in_config,
)
from ketaquiz.core.kiosk.idle import (
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_IDLE_WARNING,
    MIN_IDLE_WARNING,
    IdlePolicy,
    IdleState,
)
from ketaquiz.core.kiosk.pin import MIN_PIN_LENGTH, PinGuard, PinResult, hash_pin, pin_problem, verify_pin

__all__ = [
    "CONFIG_KEYS",
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_IDLE_WARNING",
    "MIN_IDLE_WARNING",
    "MIN_PIN_LENGTH",
    "THEMES",
    "ConfigProblem",
    "IdlePolicy",
    "IdleState",
    "KioskConfig",
    "KioskConfigError",
    "PinGuard",
    "PinResult",
    "hash_pin",
    "load_kiosk_config",
    "pin_problem",
    "set_pin_in_config",
    "verify_pin",
]
