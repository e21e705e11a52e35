import type { OrdergateClient } from './client.js';
import type { I18n } from './i18n.js';

/**
 * The services every panel takes from Owl's `env`: the API client, the texts, and an optional
 * bus on which panels say an order changed (`og-changed`) or ask for a confirmation (`og-ask`).
 *
 * @example
 * const env: PanelEnv = { client, i18n: new I18n('en'), bus: new EventTarget() };
 */
export interface PanelEnv {
  client: OrdergateClient;
  i18n: I18n;
  bus?: EventTarget;
}
