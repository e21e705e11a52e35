import type { RevisionDiff } from './diffRevisions.js';
import type { ChangeClassification } from '../../state/ChangeRequest.js';
import { changedFieldKeys } from './diffRevisions.js';
import { fieldMatches } from '../../lib/orderFields.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import { contractReasons } from '../review/contractReview.js';

export type { ChangeClassification };

/** Whether a policy entry list covers a key, and how specifically (-1 when it does not). */
function specificity(entries: readonly string[], key: string): number {
  let best = -1;
  for (const e of entries) if (fieldMatches(e, key) && e.length > best) best = e.length;
  return best;
}

/**
 * CH-4 materiality of one field key: the most specific matching entry of
 * `change.materiality.material` / `nonMaterial` decides (material on a tie); a key in neither
 * list follows `materiality.unlisted` (material by default).
 *
 * @example
 * isMaterialField('contact.phone', policy); // false
 * isMaterialField('lines.quantity', policy); // true
 */
export function isMaterialField(key: string, policy: Pick<Policy, 'change'>): boolean {
  const m = policy.change.materiality;
  const material = specificity(m.material, key);
  const nonMaterial = specificity(m.nonMaterial, key);
  if (material < 0 && nonMaterial < 0) return m.unlisted === 'material';
  return material >= nonMaterial;
}

function rolesFor(
  map: Readonly<Record<string, readonly string[]>>,
  keys: readonly string[],
): string[] {
  const out = new Set<string>();
  for (const [entry, roles] of Object.entries(map)) {
    if (keys.some((k) => fieldMatches(entry, k))) for (const r of roles) out.add(r);
  }
  return [...out];
}

/**
 * Whether an order has a contract (CH-7): it needs one (RV-10 `contractReasons`) or carries a
 * contract number.
 *
 * @example
 * hasContract(Order.parse({ ...input, contract: { required: true } }), policy); // true
 */
export function hasContract(order: Order, policy: Pick<Policy, 'review'>): boolean {
  return order.contract.number !== '' || contractReasons(order, policy).length > 0;
}

/**
 * Classifies a change from the diff between the current revision and the proposed one, so that
 * routing follows what actually changes, not the operations written (setting a field to its
 * own value changes nothing).
 *
 * @example
 * const c = classifyChange(diffRevisions(current, proposed), { policy, order: current });
 * c.material; // ['lines.unitPrice']
 */
export function classifyChange(
  diff: RevisionDiff,
  ctx: { policy: Policy; order: Order },
): ChangeClassification {
  const { policy, order } = ctx;
  const settings = policy.change;
  const fields = changedFieldKeys(diff);
  const material = fields.filter((k) => isMaterialField(k, policy));
  const isPrice = (k: string) => settings.priceFields.some((e) => fieldMatches(e, k));
  const price = material.filter(isPrice);
  const priceLines = diff.lines
    .filter((l) => l.kind === 'changed' && l.changes.some((c) => isPrice(`lines.${c.field}`)))
    .map((l) => l.lineId);
  const customerNotice = diff.header.filter((c) =>
    settings.customerNoticeFields.some((e) => fieldMatches(e, c.field)),
  );
  const contract =
    fields.some((k) => fieldMatches('contract', k)) ||
    (hasContract(order, policy) &&
      fields.some((k) => settings.contract.fields.some((e) => fieldMatches(e, k))));
  return {
    fields,
    material,
    price,
    priceLines,
    departments: rolesFor(settings.departments, material),
    notify: rolesFor(settings.notify, fields),
    customerNotice,
    contract,
  };
}

/**
 * Classifies a cancellation (CH-3): no field changes; the departments of
 * `change.cancellation.departments` review it, those of `change.cancellation.notify` are told
 * (CH-6), and an order with a contract has it terminated (CH-7).
 *
 * @example
 * classifyCancellation(order, policy).departments; // ['finance', 'production']
 */
export function classifyCancellation(order: Order, policy: Policy): ChangeClassification {
  return {
    fields: [],
    material: [],
    price: [],
    priceLines: [],
    departments: [...policy.change.cancellation.departments],
    notify: [...policy.change.cancellation.notify],
    customerNotice: [],
    contract: hasContract(order, policy),
  };
}
