import { CHANGE_FIELD_LABELS } from '../../i18n/messages/change.js';
import type { Policy } from '../../policy/Policy.js';

function fieldLabel(key: string): { en: string; zh: string } {
  for (let k = key; k !== ''; k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') {
    const label = CHANGE_FIELD_LABELS[k];
    if (label) return label;
  }
  return { en: key, zh: key };
}

/**
 * Changed field keys as readable names, one parameter per language (`fieldsEn`, `fieldsZh`),
 * each name once.
 *
 * @example
 * fieldParams(['lines.unitPrice', 'contact.phone']); // { fieldsEn: 'unit price, contact', fieldsZh: '单价、联系人' }
 */
export function fieldParams(keys: readonly string[]): { fieldsEn: string; fieldsZh: string } {
  const labels = keys.map(fieldLabel);
  return {
    fieldsEn: [...new Set(labels.map((l) => l.en))].join(', '),
    fieldsZh: [...new Set(labels.map((l) => l.zh))].join('、'),
  };
}

/**
 * Department roles as readable names from the policy's role labels, one parameter per language.
 *
 * @example
 * departmentParams(policy, ['finance', 'production']); // { departmentsEn: 'Finance, Production / …', departmentsZh: '财务部门、…' }
 */
export function departmentParams(
  policy: Policy,
  roles: readonly string[],
): { departmentsEn: string; departmentsZh: string } {
  const labels = roles.map((r) => policy.roles[r]?.label ?? { en: r, zh: r });
  return {
    departmentsEn: labels.map((l) => l.en).join(', '),
    departmentsZh: labels.map((l) => l.zh).join('、'),
  };
}
