import { z } from 'zod';

/**
 * Sizes past which an input is not an order, an action or a record at all but a fault (a runaway
 * export, a pasted file, an attack): the parse refuses it with a `ValidationError`. They are far
 * beyond any real document, so no regulation reading depends on them, and they keep every string,
 * list and amount the core stores, hashes and renders small and exact.
 *
 * - `idLength`: identifiers, codes and references (order and line ids, user ids, numbers, payment
 *   terms, phone numbers, dates as typed…), 200 characters;
 * - `textLength`: free text (names, addresses, specifications, notes, reasons, comments),
 *   4,000 characters;
 * - `lines`: lines of one order, 1,000;
 * - `listLength`: entries of other lists in an action (groups of an actor, line ids of an
 *   acceptance issue, operations of a change patch…), 1,000;
 * - `quantity`: the largest quantity, in either sign: `Number.MAX_SAFE_INTEGER`. Amounts are
 *   safe integers (`MinorUnits`); a line or order total beyond that range is IN-2's to report.
 *
 * @example
 * INPUT_LIMITS.idLength; // 200
 */
export const INPUT_LIMITS = {
  idLength: 200,
  textLength: 4_000,
  lines: 1_000,
  listLength: 1_000,
  quantity: Number.MAX_SAFE_INTEGER,
} as const;

/**
 * A non-empty identifier of at most `INPUT_LIMITS.idLength` characters.
 *
 * @example
 * IdString.parse('u-li');
 */
export const IdString = z
  .string()
  .min(1)
  .max(INPUT_LIMITS.idLength, `must be at most ${String(INPUT_LIMITS.idLength)} characters`);

/**
 * A code or reference that may be empty, at most `INPUT_LIMITS.idLength` characters.
 *
 * @example
 * CodeString.parse('NET30');
 */
export const CodeString = z
  .string()
  .max(INPUT_LIMITS.idLength, `must be at most ${String(INPUT_LIMITS.idLength)} characters`);

/**
 * Free text (a name, a reason, a comment) of at most `INPUT_LIMITS.textLength` characters.
 *
 * @example
 * TextString.parse('Customer renegotiated the price');
 */
export const TextString = z
  .string()
  .max(INPUT_LIMITS.textLength, `must be at most ${String(INPUT_LIMITS.textLength)} characters`);
