from . import controllers, models
from .lib.bundle import missing_bundle


def pre_init_hook(env):
    """Refuse to install without the panels' bundle: the form view's widget would not load."""
    missing = missing_bundle()
    if missing:
        from odoo.exceptions import UserError

        raise UserError(missing)
