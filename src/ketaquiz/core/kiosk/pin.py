"""The staff PIN: salted scrypt hashes (parameters inside the hash string, so they can be raised later) and
`PinGuard`, which counts wrong PINs in memory and slows guessing down.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import logging
import re
import secrets
import time
from dataclasses import dataclass, field

from ketaquiz.core.i18n import _
from ketaquiz.core.kiosk.idle import Clock, seconds_until

log = logging.getLogger("ketaquiz.kiosk")

MIN_PIN_LENGTH = 4
"""A PIN is 4 to 64 printable characters: digits suit a touch screen, but letters are allowed."""
MAX_PIN_LENGTH = 64

FREE_PIN_TRIES = 3
"""Wrong PINs in a row before the guard starts making staff wait."""
FIRST_PIN_WAIT = 30.0
MAX_PIN_WAIT = 3600.0
"""The doubling stops at an hour: long enough to stop guessing, short enough that staff are never locked out
for good (restarting the kiosk clears the count)."""


# ------------------------------------------------------------------------------------------------------------
# PIN hashing

_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
"""OWASP's minimum for scrypt (about 50 ms and 16 MiB per check): slow for a guesser, quick for staff."""
_SALT_BYTES, _KEY_BYTES = 16, 32
_HASH_RE = re.compile(r"^scrypt\$n=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$")


def pin_problem(pin: str) -> str | None:
    """Why a PIN cannot be used, or None when it can."""
    if len(pin) < MIN_PIN_LENGTH:
        return _("a PIN needs at least {n} characters").format(n=MIN_PIN_LENGTH)
    if len(pin) > MAX_PIN_LENGTH:
        return _("a PIN is at most {n} characters").format(n=MAX_PIN_LENGTH)
    if not pin.isprintable() or pin != pin.strip():
        return _("a PIN cannot hold spaces at its ends or control characters")
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """A salted scrypt hash of the PIN, as `scrypt$n=..,r=..,p=..$salt$key` (base64).

    Raises ValueError for a PIN that `pin_problem` refuses.
    """
    if problem := pin_problem(pin):
        raise ValueError(problem)
    salt = secrets.token_bytes(_SALT_BYTES) if salt is None else salt
    key = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=_KEY_BYTES)
    return f"scrypt$n={_SCRYPT_N},r={_SCRYPT_R},p={_SCRYPT_P}${_b64(salt)}${_b64(key)}"


def parse_pin_hash(text: str) -> tuple[int, int, int, bytes, bytes] | None:
    match = _HASH_RE.match(text.strip())
    if not match:
        return None
    n, r, p = (int(g) for g in match.group(1, 2, 3))
    # Bounds keep a hand-edited hash from asking for gigabytes of memory at every PIN check.
    if n < 2 or n & (n - 1) or n > 2**20 or not 1 <= r <= 32 or not 1 <= p <= 16 or 128 * n * r > 512 * 2**20:
        return None
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        key = base64.b64decode(match.group(5), validate=True)
    except ValueError:
        return None
    if len(salt) < 8 or len(key) < 16:
        return None
    return n, r, p, salt, key


def verify_pin(pin: str, pin_hash: str) -> bool:
    """True when `pin` matches the hash (constant-time compare); False if wrong or the hash is malformed."""
    parsed = parse_pin_hash(pin_hash)
    if parsed is None:
        return False
    n, r, p, salt, key = parsed
    try:
        candidate = hashlib.scrypt(
            pin.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=r, p=p, dklen=len(key), maxmem=2**30
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(candidate, key)


# ------------------------------------------------------------------------------------------------------------
# Wrong-PIN back-off


class PinResult(enum.Enum):
    """What happened to a PIN given to the guard."""

    RIGHT = "right"
    WRONG = "wrong"
    WAIT = "wait"
    """Not checked: the guard is making staff wait after too many wrong PINs."""


@dataclass(slots=True)
class PinGuard:
    """Checks staff PINs, slowing down guessing.

    After 3 wrong PINs in a row, a 30 s wait, doubled at each further miss (up to an hour). Counted in memory
    only; a right PIN clears the count. Misses are logged, never the PIN typed.
    """

    pin_hash: str
    clock: Clock = time.monotonic
    misses: int = 0
    """Wrong PINs in a row."""
    total_misses: int = 0
    """Wrong PINs since the kiosk started."""
    _locked_until: float = field(default=0.0, repr=False)

    def wait_remaining(self) -> float:
        """Seconds before another PIN will be checked (0 when one can be tried now)."""
        return seconds_until(self.clock, self._locked_until)

    def next_wait(self) -> float:
        """The wait that one more wrong PIN would bring."""
        misses = self.misses + 1
        if misses < FREE_PIN_TRIES:
            return 0.0
        return float(min(MAX_PIN_WAIT, FIRST_PIN_WAIT * 2 ** (misses - FREE_PIN_TRIES)))

    def check(self, pin: str) -> PinResult:
        """Check a PIN. During a wait nothing is checked and the miss count stays as it is."""
        if self.wait_remaining() > 0:
            return PinResult.WAIT
        if verify_pin(pin, self.pin_hash):
            if self.misses:
                log.info("staff PIN accepted after %d wrong in a row", self.misses)
            self.misses = 0
            self._locked_until = 0.0
            return PinResult.RIGHT
        wait = self.next_wait()
        self.misses += 1
        self.total_misses += 1
        self._locked_until = self.clock() + wait
        log.warning(  # i18n: not shown (the kiosk's log, for staff tools, in English)
            "wrong staff PIN (%d in a row, %d since start)%s",
            self.misses,
            self.total_misses,
            f"; next try in {wait:g} s" if wait else "",  # i18n: not shown (the log)
        )
        return PinResult.WRONG
