import type { Finding } from '../../model/Finding.js';
import type { Policy } from '../../policy/Policy.js';
import { openIssues, type TrackingState } from '../../state/TrackingState.js';
import { finding } from '../shared/finding.js';

/**
 * TR-4: why an order cannot be marked completed yet — not delivered
 * (`tracking.complete.notDelivered`), or acceptance issues still open
 * (`tracking.complete.openIssues`, params `count`, `issues`). Empty when delivery and after-sales
 * are done.
 *
 * @example
 * completionBlockers(state.tracking, policy); // [] once delivered with every issue closed
 */
export function completionBlockers(tracking: TrackingState | undefined, policy: Policy): Finding[] {
  const out: Finding[] = [];
  if (!tracking?.delivery) {
    out.push(
      finding(policy, {
        ruleId: 'TR-4',
        severity: 'block',
        messageKey: 'tracking.complete.notDelivered',
        evidence: [{ field: 'tracking.delivery' }],
      }),
    );
  }
  const open = openIssues(tracking);
  if (open.length > 0) {
    out.push(
      finding(policy, {
        ruleId: 'TR-4',
        severity: 'block',
        messageKey: 'tracking.complete.openIssues',
        params: { count: open.length, issues: open.map((i) => i.id).join(', ') },
        evidence: open.map((i) => ({ field: `tracking.issues.${i.id}`, value: i.status })),
      }),
    );
  }
  return out;
}
