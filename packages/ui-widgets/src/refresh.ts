import { onMounted, onWillStart, onWillUnmount } from '@odoo/owl';
import type { PanelEnv } from './env.js';

/** What `useOrderRefresh` reads of a panel: its env and the order it shows. */
export interface RefreshedPanel {
  env: PanelEnv;
  props: { orderId: string; pollMs?: number };
}

/**
 * An order panel's refresh, as an Owl hook (call it in `setup`): `load()` before the first render,
 * then `load(true)` (quiet: keep the screen when the order's version did not change) whenever
 * another panel says this order changed (`og-changed` on `env.bus`) and every `props.pollMs`
 * (default 15 s; 0 turns polling off) while the page is visible; a page hidden (a background
 * tab) does not poll, and reads the order once when shown again. Listeners and timer end with
 * the component.
 *
 * @example
 * override setup() { useOrderRefresh(this, (quiet) => this.load(quiet)); }
 */
export function useOrderRefresh(
  panel: RefreshedPanel,
  load: (quiet?: boolean) => Promise<void>,
): void {
  onWillStart(() => load());
  let poll: ReturnType<typeof setInterval> | undefined;
  const changed = (e: Event) => {
    if ((e as CustomEvent<string>).detail === panel.props.orderId) void load(true);
  };
  // a page in a background tab does not poll; shown again, it reads the order at once
  const doc = globalThis.document as Document | undefined;
  const hidden = () => doc?.visibilityState === 'hidden';
  const shown = () => {
    if (!hidden()) void load(true);
  };
  onMounted(() => {
    panel.env.bus?.addEventListener('og-changed', changed);
    const every = panel.props.pollMs ?? 15_000;
    if (every > 0) {
      poll = setInterval(shown, every);
      doc?.addEventListener('visibilitychange', shown);
    }
  });
  onWillUnmount(() => {
    panel.env.bus?.removeEventListener('og-changed', changed);
    doc?.removeEventListener('visibilitychange', shown);
    clearInterval(poll);
  });
}
