import type { CreditGrade } from '../../policy/creditPolicy.js';

/**
 * What each credit grade means (CR-2), in English and Chinese, for message parameters.
 *
 * @example
 * GRADE_LABELS.C.zh; // '较差'
 */
export const GRADE_LABELS: Readonly<Record<CreditGrade, { en: string; zh: string }>> = {
  A: { en: 'good', zh: '良好' },
  B: { en: 'fair', zh: '一般' },
  C: { en: 'poor', zh: '较差' },
  D: { en: 'bad', zh: '差' },
};
