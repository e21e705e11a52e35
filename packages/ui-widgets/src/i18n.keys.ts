// The keys of the panels' texts, in the order of the English source (src/i18n.en.ts). The build
// replaces this module by the list itself (scripts/lang-packs.ts), so that the bundle carries the
// keys without the English texts; the packs ship their values in this order.
import EN from './i18n.en.js';

export default Object.keys(EN) as (keyof typeof EN)[];
