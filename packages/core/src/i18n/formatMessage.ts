import type { Finding, MessageParam } from '../model/Finding.js';
import type { Locale } from '../policy/LocalizedText.js';
import { MESSAGES } from './catalogue.js';

/**
 * Renders a message key with its parameters in English or Simplified Chinese. An unknown key
 * renders as the key itself followed by its parameters, so nothing is ever silently dropped.
 *
 * @example
 * formatMessage('review.salesHead.required', {}, 'zh');
 */
export function formatMessage(
  key: string,
  params: Readonly<Record<string, MessageParam>>,
  locale: Locale,
): string {
  const template = MESSAGES[key]?.[locale];
  if (template === undefined) return `${key} ${JSON.stringify(params)}`;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Renders a finding as `RULE-ID message`, e.g. `RV-4 Joint review required: …`.
 *
 * @example
 * assessment.findings.map((f) => formatFinding(f, 'en'));
 */
export function formatFinding(finding: Finding, locale: Locale): string {
  return `${finding.ruleId} ${formatMessage(finding.messageKey, finding.params, locale)}`;
}
