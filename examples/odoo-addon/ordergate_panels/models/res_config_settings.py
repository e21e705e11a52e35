from odoo import api, fields, models

from .ordergate_service import PARAM_AUDIENCE, PARAM_URL


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ordergate_service_url = fields.Char(
        string="Order gate service URL",
        config_parameter=PARAM_URL,
        help="Where this Odoo reaches the order gate service, e.g. http://127.0.0.1:8080. "
        "Only the Odoo server calls it: the browser talks to Odoo.",
    )
    ordergate_audience = fields.Char(
        string="Audience",
        config_parameter=PARAM_AUDIENCE,
        default="ordergate",
        help="The audience the service expects in user assertions (its --audience).",
    )
    ordergate_secret_set = fields.Boolean(
        string="Shared secret configured",
        compute="_compute_ordergate_secret_set",
        help="The secret is never shown here. Set ordergate_erp_secret in the Odoo "
        "configuration file, ORDERGATE_ERP_SECRET in Odoo's environment, or the system "
        "parameter ordergate_panels.erp_secret (at least 32 bytes).",
    )

    @api.depends("ordergate_service_url")
    def _compute_ordergate_secret_set(self):
        has = len((self.env["ordergate.service"]._secret() or "").encode("utf-8")) >= 32
        for settings in self:
            settings.ordergate_secret_set = has
