"""``/ordergate_panels/service/…``: the panels' calls, forwarded to the order gate service as
the signed-in Odoo user.

The browser never holds a credential of the service: it calls Odoo with its Odoo session and
the page's CSRF token (``X-Odoo-CSRF``); Odoo forwards only the calls the panels make
(``lib/routes.py``) with the user's person token (``ordergate.service``).
"""

import json

from odoo import http
from odoo.http import request

from ..lib.routes import is_allowed
from ..models.ordergate_service import OrdergateUnavailable

PASSED_HEADERS = ("Content-Type", "X-Request-Id", "Cache-Control")


def _problem(status, code, detail):
    body = {"title": code.replace("_", " ").lower(), "status": status, "code": code, "detail": detail}
    return request.make_response(
        json.dumps(body), headers=[("Content-Type", "application/problem+json")], status=status
    )


class OrdergateProxy(http.Controller):
    @http.route(
        "/ordergate_panels/service/<path:path>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        csrf=False,  # checked below from a header, as fetch() sends it, for GET and POST alike
    )
    def forward(self, path, **_params):
        httprequest = request.httprequest
        if not request.validate_csrf(httprequest.headers.get("X-Odoo-CSRF", "")):
            return _problem(403, "CSRF", "The page's security token is missing or stale; reload.")
        target = "/" + path
        method = httprequest.method
        if not is_allowed(method, target):
            return _problem(404, "NOT_FORWARDED", "The panels make no such call.")
        body = None
        if method == "POST":
            if httprequest.mimetype != "application/json":
                return _problem(415, "UNSUPPORTED_MEDIA_TYPE", "The body must be application/json.")
            body = httprequest.get_data()
        lang = httprequest.headers.get("Accept-Language") or "en"
        query = httprequest.query_string.decode("ascii", "replace")
        try:
            answer = request.env["ordergate.service"]._forward(
                request.session, method, target, query, body, lang
            )
        except OrdergateUnavailable as error:
            return _problem(error.status, error.code, error.detail)
        headers = [(h, answer.headers[h]) for h in PASSED_HEADERS if h in answer.headers]
        return request.make_response(answer.content, headers=headers, status=answer.status_code)
