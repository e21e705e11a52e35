"""User assertions for the order gate service: HS256 JSON Web Tokens, signed server-side.

The service (``packages/server``, "Identity") accepts ``Authorization: Bearer <jwt>`` signed with
the secret it shares with the ERP: ``aud`` (its audience), ``sub`` (the user's id), ``groups``
(the user's ERP groups, which the policy maps to roles), ``iat``, ``exp`` at most five minutes
later, a ``jti`` accepted once, and ``name`` (the user's display name, which the panels show
instead of the id). The secret never leaves the Odoo server.

No Odoo import here: the file is loaded alone by the repository's tests.
"""

import base64
import hashlib
import hmac
import json
import time
import uuid

#: The service refuses assertions living longer than this (TOKEN_TOO_LONG).
MAX_LIFETIME = 300
#: The service refuses secrets shorter than this.
MIN_SECRET_BYTES = 32


class AssertionConfigError(ValueError):
    """The assertion cannot be signed as configured (the message never holds the secret)."""


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _json(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


#: The longest display name the service accepts in the ``name`` claim (UTF-16 code units).
MAX_NAME = 200


def sign_assertion(secret, audience, subject, groups, lifetime=60, now=None, name=None):
    """Sign a short-lived user assertion.

    >>> token = sign_assertion("s" * 32, "ordergate", "2", ["sales_team.group_sale_manager"])
    >>> token.count(".")
    2
    """
    key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret or b"")
    if len(key) < MIN_SECRET_BYTES:
        raise AssertionConfigError(
            "the order gate secret must be at least %d bytes" % MIN_SECRET_BYTES
        )
    if not audience:
        raise AssertionConfigError("the order gate audience is empty")
    if not subject:
        raise AssertionConfigError("the user id (sub) is empty")
    if not 0 < lifetime <= MAX_LIFETIME:
        raise AssertionConfigError("the lifetime must be 1..%d seconds" % MAX_LIFETIME)
    issued = int(now if now is not None else time.time())
    payload = {
        "aud": audience,
        "sub": str(subject),
        "groups": [str(g) for g in groups],
        "iat": issued,
        "exp": issued + int(lifetime),
        "jti": uuid.uuid4().hex,
    }
    display = " ".join(str(name or "").split())[:MAX_NAME]
    while len(display.encode("utf-16-le")) // 2 > MAX_NAME:  # the service counts UTF-16 units
        display = display[:-1]
    if display:
        payload["name"] = display
    signing_input = _b64(_json({"alg": "HS256", "typ": "JWT"})) + b"." + _b64(_json(payload))
    signature = hmac.new(key, signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + _b64(signature)).decode("ascii")
