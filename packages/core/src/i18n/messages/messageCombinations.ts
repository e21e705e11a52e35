import type { MessageTemplate } from './Message.js';

/**
 * One reason a message can list, in both languages (placeholders allowed).
 *
 * @example
 * const f: MessageFragment = { name: 'complex', en: 'complex technical requirements', zh: '技术要求复杂' };
 */
export interface MessageFragment {
  name: string;
  en: string;
  zh: string;
}

/**
 * How the joined reasons sit in the full sentence, per language.
 *
 * @example
 * const frame: MessageFrame = { en: (r) => `Joint review required (${r}).`, zh: (r) => `须联合评审(${r})。` };
 */
export interface MessageFrame {
  en: (reasons: string) => string;
  zh: (reasons: string) => string;
}

/**
 * Message templates for every non-empty combination of reasons, one key per combination:
 * `prefix.name1.name2…`, names in group order. Each group contributes at most one of its
 * fragments (fragments of one group exclude each other). Rules whose one finding lists several
 * reasons pick the key naming the reasons found, so the rendered text is entirely in one
 * language — message parameters are plain values and cannot carry translated phrases.
 *
 * @example
 * messageCombinations('review.x', [[{ name: 'a', en: 'A', zh: '甲' }], [{ name: 'b', en: 'B', zh: '乙' }]],
 *   { en: (r) => `Because ${r}.`, zh: (r) => `因为${r}。` });
 * // { 'review.x.a': …, 'review.x.b': …, 'review.x.a.b': { en: 'Because A; B.', zh: '因为甲;乙。' } }
 */
export function messageCombinations(
  prefix: string,
  groups: readonly (readonly MessageFragment[])[],
  frame: MessageFrame,
): Record<string, MessageTemplate> {
  const out: Record<string, MessageTemplate> = {};
  const walk = (g: number, chosen: MessageFragment[]) => {
    if (g === groups.length) {
      if (chosen.length === 0) return;
      out[[prefix, ...chosen.map((f) => f.name)].join('.')] = {
        en: frame.en(chosen.map((f) => f.en).join('; ')),
        zh: frame.zh(chosen.map((f) => f.zh).join(';')),
      };
      return;
    }
    walk(g + 1, chosen);
    for (const fragment of groups[g] ?? []) walk(g + 1, [...chosen, fragment]);
  };
  walk(0, []);
  return out;
}
