"""The built @ordergate/ui-widgets bundle this addon loads, and what to do when it is missing.

No Odoo import here: the file is loaded alone by the repository's tests.
"""

import os

#: Built by ``pnpm --filter @ordergate/ui-widgets build:odoo`` (not kept in git).
BUNDLE_FILES = ("static/src/lib/ui_widgets.js", "static/src/lib/ui_widgets.css")
ADDON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def missing_bundle(addon_dir=ADDON_DIR):
    """A message naming the missing bundle files and how to build them, or ``None``."""
    missing = [f for f in BUNDLE_FILES if not os.path.isfile(os.path.join(addon_dir, f))]
    if not missing:
        return None
    return (
        "ordergate_panels: %s missing. Build the panels first, from the ordergate repository: "
        "pnpm --filter @ordergate/ui-widgets build:odoo" % ", ".join(missing)
    )
