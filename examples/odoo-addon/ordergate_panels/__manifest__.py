{
    "name": "Order gate: review panels on the sales order",
    "summary": "The order gate's approval, tracking, credit and change panels on the quotation form, "
    "run on the web client's own Owl",
    "version": "1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "ordergate",
    "depends": ["sale"],
    "data": [
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            # the @ordergate/ui-widgets bundle (pnpm --filter @ordergate/ui-widgets build:odoo)
            "ordergate_panels/static/src/lib/ui_widgets.js",
            "ordergate_panels/static/src/lib/ui_widgets.css",
            "ordergate_panels/static/src/order_panel.js",
            "ordergate_panels/static/src/order_panel.xml",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "installable": True,
    "application": False,
}
