import { formatMoney } from '../../i18n/formatMoney.js';
import type { Policy } from '../../policy/Policy.js';
import type { ReleasePath } from '../../policy/creditPolicy.js';
import { approverParams } from './approverParams.js';

/** How a credit hold can be released, in each language, as message parameters. */
export interface ReleaseParams {
  [key: string]: string;
  releaseEn: string;
  releaseZh: string;
}

function joinEn(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1] ?? ''}`;
}

/**
 * The release paths of a hold as readable text (CR-1, CR-4, CR-6): "a credit release (Credit
 * approval), a prepayment of 1,000.00 CNY or a guarantee on file". Built from the policy, so a
 * re-routed approval or a changed list of paths shows in the message.
 *
 * @example
 * creditReleaseParams(policy, ['prepayment', 'guarantee'], { amount: 100_000, currency: 'CNY' });
 */
export function creditReleaseParams(
  policy: Policy,
  paths: readonly ReleasePath[],
  prepayment: { amount: number; currency: string },
): ReleaseParams {
  const approver = approverParams(policy, [policy.credit.approvalStep]);
  const money = formatMoney(prepayment.amount, prepayment.currency, policy);
  const en: string[] = [];
  const zh: string[] = [];
  for (const p of paths) {
    switch (p) {
      case 'approval':
        en.push(`a credit release (${approver.approverEn})`);
        zh.push(`经${approver.approverZh}放行`);
        break;
      case 'prepayment':
        en.push(`a prepayment of ${money}`);
        zh.push(`预付${money}`);
        break;
      case 'guarantee':
        en.push('a guarantee on file');
        zh.push('提供担保');
        break;
    }
  }
  return { releaseEn: joinEn(en), releaseZh: zh.join('或') };
}
