# Pure Python helpers with no Odoo import, so they can be loaded and tested on their own.
