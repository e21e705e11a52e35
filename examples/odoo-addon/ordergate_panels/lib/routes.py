"""The service calls the panels make, the only ones the Odoo proxy forwards.

They mirror ``CLIENT_ROUTES`` of ``@ordergate/ui-widgets`` (a repository test checks that every
route of the client is matched here, and nothing else is) plus the message catalogue the panels
read to render findings. No Odoo import here.
"""

import re

ALLOWED_ROUTES = (
    ("GET", r"/v1/work-queue"),
    ("GET", r"/v1/metrics"),
    ("GET", r"/v1/roles"),
    ("GET", r"/v1/people"),
    ("GET", r"/v1/orders/[^/]+"),
    ("GET", r"/v1/orders/[^/]+/(?:actions|timeline|diff)"),
    ("GET", r"/v1/customers/[^/]+/credit"),
    (
        "POST",
        r"/v1/orders/[^/]+/(?:approve|reject|return|release-credit|decline-credit"
        r"|request-change|request-cancellation|approve-change|reject-change|withdraw-change)",
    ),
    ("GET", r"/desk/messages/(?:en|zh-CN)\.json"),
)

_COMPILED = tuple((method, re.compile(pattern + r"\Z")) for method, pattern in ALLOWED_ROUTES)


def is_allowed(method, path):
    """Whether the proxy forwards ``method path`` (path without the query string).

    >>> is_allowed("POST", "/v1/orders/42/approve"), is_allowed("POST", "/v1/tokens")
    (True, False)
    """
    if ".." in path or "//" in path:
        return False
    return any(m == method and rx.match(path) for m, rx in _COMPILED)
