import { z } from 'zod';

/**
 * A label in English and Simplified Chinese.
 *
 * @example
 * LocalizedText.parse({ en: 'Sales department head', zh: '销售部门负责人' });
 */
export const LocalizedText = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * The languages every message exists in.
 *
 * @example
 * DEFAULT_STEPS.jointReview.label[Locale.parse('zh')]; // '联合评审(技术、财务、生产)'
 */
export const Locale = z.enum(['en', 'zh']);
export type Locale = z.infer<typeof Locale>;
