import type { Finding } from '../../model/Finding.js';
import type { Policy } from '../../policy/Policy.js';
import { openIssues } from '../../state/TrackingState.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import { finding } from '../shared/finding.js';

/**
 * AR-1: why an order may not be archived yet, every reason at once — not delivered
 * (`archive.blocked.notDelivered`), not settled (`archive.blocked.notSettled`, param `missing`:
 * `paid`, `invoiced` or both — settled means paid and invoiced), after-sales issues open
 * (`archive.blocked.openIssues`). Empty when it is eligible.
 *
 * @example
 * archiveBlockers(view.workflow, policy).map((f) => f.messageKey); // ['archive.blocked.notSettled']
 */
export function archiveBlockers(state: Pick<OrderWorkflow, 'tracking'>, policy: Policy): Finding[] {
  const tracking = state.tracking;
  const out: Finding[] = [];
  if (!tracking?.delivery) {
    out.push(
      finding(policy, {
        ruleId: 'AR-1',
        severity: 'block',
        messageKey: 'archive.blocked.notDelivered',
        evidence: [{ field: 'tracking.delivery' }],
      }),
    );
  }
  const missing = [
    ...(tracking?.settlement.paid ? [] : ['paid']),
    ...(tracking?.settlement.invoiced ? [] : ['invoiced']),
  ];
  if (missing.length > 0) {
    out.push(
      finding(policy, {
        ruleId: 'AR-1',
        severity: 'block',
        messageKey: `archive.blocked.notSettled.${missing.join('.')}`,
        evidence: missing.map((m) => ({
          field: `tracking.settlement.${m}`,
          value: false,
          limit: true,
        })),
      }),
    );
  }
  const open = openIssues(tracking);
  if (open.length > 0) {
    out.push(
      finding(policy, {
        ruleId: 'AR-1',
        severity: 'block',
        messageKey: 'archive.blocked.openIssues',
        params: { count: open.length, issues: open.map((i) => i.id).join(', ') },
        evidence: open.map((i) => ({
          field: `tracking.issues.${i.id}`,
          value: i.status,
          limit: 'closed',
        })),
      }),
    );
  }
  return out;
}
