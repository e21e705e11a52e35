import { canonicalJson } from '../lib/canonicalJson.js';
import type { CreditProfile, Customer } from '../model/Customer.js';

/** Who owns a customer field: the ERP (synced in), or ordergate (decided here, written back). */
export type FieldOwner = 'erp' | 'ordergate' | 'ordergate once governed';

/**
 * Who owns each field of a stored customer, as `mergeCustomerFacts` applies it (the table of
 * `docs/field-ownership.md`):
 * - the ERP owns the customer's name, receivables, open orders, exchange rates, the time the
 *   facts were read, and the credit flags it keeps (guarantee on file, prepayment terms, credit
 *   terms, an incident): its value always replaces the stored one;
 * - `grade` and `limit` are the ERP's until a CR-3 request changes them here; from then on
 *   ordergate governs them (`credit.governed`), the ERP's value is ignored and the approved one
 *   is written back through the outbox (`updateCreditTerms`);
 * - `evaluatedAt` is the later of the two (an evaluation in either place counts, CR-1);
 * - temporary increases and the governance marks are ordergate's (CR-3): only approvals write
 *   them.
 *
 * @example
 * CUSTOMER_FIELD_OWNERSHIP['credit.limit']; // 'ordergate once governed'
 */
export const CUSTOMER_FIELD_OWNERSHIP = {
  name: 'erp',
  receivables: 'erp',
  openOrders: 'erp',
  rates: 'erp',
  asOf: 'erp',
  'credit.guaranteeOnFile': 'erp',
  'credit.prepaymentTerms': 'erp',
  'credit.creditTerms': 'erp',
  'credit.incident': 'erp',
  'credit.evaluatedAt': 'erp',
  'credit.grade': 'ordergate once governed',
  'credit.limit': 'ordergate once governed',
  'credit.temporaryIncreases': 'ordergate',
  'credit.governed': 'ordergate',
} as const satisfies Record<string, FieldOwner>;

const later = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : Date.parse(b) > Date.parse(a) ? b : a;

/**
 * The stored customer after the ERP's facts arrive (CR-1, CR-3), by `CUSTOMER_FIELD_OWNERSHIP`:
 * ERP-owned fields come from `incoming`; a grade or limit that an approved CR-3 request set stays
 * as approved whatever the ERP says, so the next sync never undoes an approval; a grade or limit
 * the ERP does not send keeps the stored one; temporary increases and governance marks are kept
 * (the ERP cannot claim or drop them). A first put takes the ERP's facts, without governance
 * marks.
 *
 * @example
 * const stored = await og.customer('c-1'); // limit ¥800,000 approved through CR-3
 * mergeCustomerFacts(stored, erpFacts).credit.limit; // still ¥800,000, whatever erpFacts says
 */
export function mergeCustomerFacts(stored: Customer | undefined, incoming: Customer): Customer {
  const { governed: _claimed, ...erpCredit } = incoming.credit;
  if (!stored) return { ...incoming, credit: erpCredit };
  const governed = stored.credit.governed;
  const pick = <K extends 'grade' | 'limit'>(field: K): CreditProfile[K] =>
    governed?.[field] ? stored.credit[field] : (incoming.credit[field] ?? stored.credit[field]);
  const grade = pick('grade');
  const limit = pick('limit');
  const evaluatedAt = later(stored.credit.evaluatedAt, incoming.credit.evaluatedAt);
  const known = new Set(stored.credit.temporaryIncreases.map((t) => t.requestId));
  const credit: CreditProfile = {
    guaranteeOnFile: incoming.credit.guaranteeOnFile,
    prepaymentTerms: incoming.credit.prepaymentTerms,
    creditTerms: incoming.credit.creditTerms,
    ...(incoming.credit.incident !== undefined ? { incident: incoming.credit.incident } : {}),
    ...(grade !== undefined ? { grade } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(evaluatedAt !== undefined ? { evaluatedAt } : {}),
    temporaryIncreases: [
      ...stored.credit.temporaryIncreases,
      ...incoming.credit.temporaryIncreases.filter((t) => !known.has(t.requestId)),
    ],
    ...(governed ? { governed } : {}),
  };
  return { ...incoming, credit };
}

/**
 * Whether two stored customers hold the same facts, apart from when they were read (`asOf`):
 * storing the second would change nothing a rule reads.
 *
 * @example
 * if (sameCustomerFacts(stored, merged)) return stored; // no write, no audit event
 */
export function sameCustomerFacts(a: Customer, b: Customer): boolean {
  const { asOf: _a, ...x } = a;
  const { asOf: _b, ...y } = b;
  return canonicalJson(x) === canonicalJson(y);
}
