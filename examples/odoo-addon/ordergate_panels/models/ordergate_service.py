"""How this Odoo talks to the order gate service: its address, and who the user is.

The service never sees an Odoo password or session. For the user in front of the form, Odoo
signs a user assertion (``lib/assertion.py``: HS256, ``sub`` = the ``res.users`` id, ``groups`` =
the external ids of their groups, two-minute life, one use) with the secret it shares with the
service, and swaps it at ``POST /desk/session`` for a person token (eight hours, read and act as
that person). The token is kept in the user's server-side Odoo session and sent only from this
server; the secret and the token never reach the browser.

Later modules grow this model (signed webhooks after commit, the rules enforced on confirm); it
is the one place that knows the service's address and the secret.
"""

import logging
import os
import time
from datetime import datetime

import requests

from odoo import api, models
from odoo.tools import config

from ..lib.assertion import AssertionConfigError, sign_assertion

_logger = logging.getLogger(__name__)

PARAM_URL = "ordergate_panels.service_url"
PARAM_AUDIENCE = "ordergate_panels.audience"
PARAM_SECRET = "ordergate_panels.erp_secret"
SESSION_KEY = "ordergate_panels.person_token"
TIMEOUT = 15


class OrdergateUnavailable(Exception):
    """The service is not configured or cannot be reached; ``code`` is a problem code."""

    def __init__(self, code, status, detail):
        super().__init__(detail)
        self.code = code
        self.status = status
        self.detail = detail


class OrdergateService(models.AbstractModel):
    _name = "ordergate.service"
    _description = "Order gate service connection"

    @api.model
    def _service_url(self):
        url = (self.env["ir.config_parameter"].sudo().get_param(PARAM_URL) or "").strip()
        return url.rstrip("/")

    @api.model
    def _audience(self):
        param = self.env["ir.config_parameter"].sudo().get_param(PARAM_AUDIENCE)
        return (param or "ordergate").strip()

    @api.model
    def _secret(self):
        """The shared secret: Odoo's config file (``ordergate_erp_secret``), the environment
        (``ORDERGATE_ERP_SECRET``), or the system parameter, in that order."""
        return (
            config.get("ordergate_erp_secret")
            or os.environ.get("ORDERGATE_ERP_SECRET")
            or self.env["ir.config_parameter"].sudo().get_param(PARAM_SECRET)
            or ""
        )

    @api.model
    def _user_groups(self, user):
        """The external ids of the user's groups, implied ones included (Odoo 18: ``groups_id``;
        19: ``all_group_ids``)."""
        field = "all_group_ids" if "all_group_ids" in user._fields else "groups_id"
        groups = user.sudo()[field]
        return sorted(x for x in groups.get_external_id().values() if x)

    @api.model
    def _sign_assertion(self, user):
        try:
            return sign_assertion(
                self._secret(),
                self._audience(),
                str(user.id),
                self._user_groups(user),
                lifetime=120,
                name=user.sudo().name,
            )
        except AssertionConfigError as error:
            raise OrdergateUnavailable("NOT_CONFIGURED", 503, str(error)) from None

    @api.model
    def _person_token(self, session, lang, renew=False):
        """The user's person token for the service, from the session or a fresh swap."""
        url = self._service_url()
        if not url:
            raise OrdergateUnavailable(
                "NOT_CONFIGURED", 503, "The order gate service URL is not set (Settings, Order gate)."
            )
        user = self.env.user
        cached = session.get(SESSION_KEY)
        if (
            not renew
            and isinstance(cached, dict)
            and cached.get("uid") == user.id
            and cached.get("url") == url
            and cached.get("exp", 0) > time.time() + 60
        ):
            return cached["token"]
        assertion = self._sign_assertion(user)
        try:
            answer = requests.post(
                url + "/desk/session",
                headers={"Authorization": "Bearer " + assertion, "Accept-Language": lang},
                timeout=TIMEOUT,
            )
        except requests.RequestException as error:
            _logger.warning("order gate service unreachable: %s", type(error).__name__)
            raise OrdergateUnavailable(
                "SERVICE_UNREACHABLE", 502, "The order gate service cannot be reached."
            ) from None
        if not 200 <= answer.status_code < 300:
            try:
                problem = answer.json()
            except ValueError:
                problem = {}
            raise OrdergateUnavailable(
                problem.get("code") or "SIGN_IN",
                answer.status_code if answer.status_code >= 400 else 502,
                problem.get("detail") or "The order gate service refused the sign-in.",
            )
        body = answer.json()
        expires = body.get("expiresAt") or ""
        try:
            exp = datetime.fromisoformat(expires.replace("Z", "+00:00")).timestamp()
        except ValueError:
            exp = time.time() + 600
        session[SESSION_KEY] = {"uid": user.id, "url": url, "token": body["token"], "exp": exp}
        return body["token"]

    @api.model
    def _forward(self, session, method, path, query, body, lang):
        """Send one panel call to the service as the current user; on a refused person token
        (expired or revoked) swap a fresh assertion once and retry."""
        url = self._service_url() + path + (("?" + query) if query else "")
        headers = {"Accept-Language": lang, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        answer = None
        for renew in (False, True):
            headers["Authorization"] = "Bearer " + self._person_token(session, lang, renew=renew)
            try:
                answer = requests.request(method, url, headers=headers, data=body, timeout=TIMEOUT)
            except requests.RequestException as error:
                _logger.warning("order gate service unreachable: %s", type(error).__name__)
                raise OrdergateUnavailable(
                    "SERVICE_UNREACHABLE", 502, "The order gate service cannot be reached."
                ) from None
            if answer.status_code != 401:
                break
        return answer
