import type { RawAnswer } from './HttpSender.js';
import { toInvalidResponse, type FaultContext } from './toOdooError.js';

/** Parses an answer body as JSON, turning HTML pages and garbage into a typed error. */
export function parseJson(answer: RawAnswer, where: FaultContext): unknown {
  const ctx = { ...where, retryAfterMs: answer.retryAfterMs };
  const text = answer.text.trim();
  if (
    text === '' ||
    (text[0] !== '{' && text[0] !== '[' && text !== 'null' && !/^[-\d"tf]/.test(text))
  ) {
    throw toInvalidResponse(answer.status, answer.text, ctx);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw toInvalidResponse(answer.status, answer.text, ctx);
  }
}
