import { z } from 'zod';

/** A label in English and Simplified Chinese. */
export const LocalizedText = z.object({ en: z.string().min(1), zh: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** The languages every message exists in. */
export const Locale = z.enum(['en', 'zh']);
export type Locale = z.infer<typeof Locale>;
