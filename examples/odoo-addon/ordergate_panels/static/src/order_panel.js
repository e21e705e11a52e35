/** @odoo-module */
// The order gate's panels on the sales order form, in the web client's own Owl: the panels of
// @ordergate/ui-widgets (static/src/lib/ui_widgets.js, built with `@odoo/owl` external) are
// ordinary children of this view widget, so Odoo's module loader hands them the one Owl 2.8.1
// of the page. They read and act through this Odoo (/ordergate_panels/service/…), which
// forwards each call to the service as the signed-in user; the browser holds no credential of
// the service, only its Odoo session and the page's CSRF token.
import { Component, onWillStart, useSubEnv } from '@odoo/owl';
import { _t } from '@web/core/l10n/translation';
import { registry } from '@web/core/registry';
import { user } from '@web/core/user';
import { standardWidgetProps } from '@web/views/widgets/standard_widget_props';
import {
  ApprovalPanel,
  ChangePanel,
  CreditPanel,
  I18n,
  OrdergateClient,
  TrackingPanel,
  hostLang,
  loadTexts,
} from '@ordergate_panels/lib/ui_widgets';

/** The Odoo route that forwards the panels' calls (controllers/main.py). */
export const SERVICE_BASE = '/ordergate_panels/service';

/** The panel each `<widget name="ordergate_panel" panel="…"/>` shows. */
export const PANELS = {
  approval: ApprovalPanel,
  tracking: TrackingPanel,
  credit: CreditPanel,
  change: ChangePanel,
};

function panelLang() {
  const lang = user.lang || hostLang();
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let shared = null;

/**
 * One client, one set of texts and one bus for every panel of the page, so an approval in one
 * panel refreshes the others (`og-changed`).
 */
export function ordergateEnv() {
  if (!shared) {
    const lang = panelLang();
    const client = new OrdergateClient({
      baseUrl: SERVICE_BASE,
      credential: '',
      lang,
      fetch: (input, init = {}) => {
        const headers = new Headers(init.headers || {});
        headers.delete('authorization'); // Odoo adds the user's own, server-side
        headers.set('X-Odoo-CSRF', odoo.csrf_token);
        return fetch(input, { ...init, headers, credentials: 'same-origin' });
      },
    });
    const i18n = new I18n(lang);
    // the language packs are inlined in the bundle built for Odoo: loadTexts answers at once
    const ready = Promise.all([client.messages(lang), loadTexts(lang)]).then(([messages]) => {
      i18n.messages = messages;
    });
    shared = { client, i18n, bus: new EventTarget(), ready };
  }
  return shared;
}

export class OrdergatePanel extends Component {
  static template = 'ordergate_panels.OrdergatePanel';
  static props = {
    ...standardWidgetProps,
    panel: { type: String, optional: true },
  };

  setup() {
    const { client, i18n, bus, ready } = ordergateEnv();
    useSubEnv({ client, i18n, bus });
    onWillStart(() => ready);
    this.unsavedText = _t('Save the order to see its review by the order gate.');
  }

  get Panel() {
    return PANELS[this.props.panel || 'approval'] || ApprovalPanel;
  }

  /** The order as the service knows it: the Odoo id, as the Odoo connector maps it. */
  get orderId() {
    const id = this.props.record.resId;
    return id ? String(id) : '';
  }
}

registry.category('view_widgets').add('ordergate_panel', {
  component: OrdergatePanel,
  extractProps: ({ attrs }) => ({ panel: attrs.panel }),
});
