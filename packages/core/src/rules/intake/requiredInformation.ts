import { formatMoney } from '../../i18n/formatMoney.js';
import { formatQuantity } from '../../lib/display.js';
import { orderFacts, type OrderFacts } from '../../lib/orderFacts.js';
import type { Evidence, Finding, MessageParam } from '../../model/Finding.js';
import { roundHalfAwayFromZero } from '../../model/Money.js';
import type { Order, OrderLine } from '../../model/Order.js';
import { withinSafeRange, type LineTotals } from '../../model/orderTotals.js';
import { isIsoDate } from '../../model/Temporal.js';
import type { Policy } from '../../policy/Policy.js';
import type { RequiredItem } from '../../policy/intakePolicy.js';
import type { PassRule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

// Compiled once. Well-formed enough to catch typing slips ("name@", "a b@c.com", "x@host")
// without rejecting real addresses, including internationalised domains.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const MIN_PHONE_DIGITS = 6;

function blank(value: string): boolean {
  if (value.length === 0) return true;
  // Fast path: a visible ASCII first character means not blank, without trimming a copy.
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return value.trim() === '';
}

// The policy's list turned into a set once per policy, not searched item by item on every order.
const requiredMemo = new WeakMap<readonly RequiredItem[], ReadonlySet<RequiredItem>>();

function requiredSet(items: readonly RequiredItem[]): ReadonlySet<RequiredItem> {
  let set = requiredMemo.get(items);
  if (set === undefined) {
    set = new Set(items);
    requiredMemo.set(items, set);
  }
  return set;
}

/**
 * A phone number as people type it: digits with spaces, `+`, `-` and parentheses, and at least
 * six digits (short enough for an extension-less local number, long enough to catch a stray
 * keystroke).
 *
 * @example
 * isWellFormedPhone('+86 (21) 5555-0101'); // true
 * isWellFormedPhone('call me'); // false
 */
export function isWellFormedPhone(phone: string): boolean {
  let digits = 0;
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    // space + - ( )
    else if (c !== 0x20 && c !== 0x2b && c !== 0x2d && c !== 0x28 && c !== 0x29) return false;
  }
  return digits >= MIN_PHONE_DIGITS;
}

/**
 * An e-mail address of the shape `local@domain.tld`, without spaces.
 *
 * @example
 * isWellFormedEmail('li.na@example.cn'); // true
 * isWellFormedEmail('li.na@example'); // false
 */
export function isWellFormedEmail(email: string): boolean {
  return EMAIL.test(email.trim());
}

/**
 * IN-2: lists every missing or malformed piece of required information at once, one `block`
 * finding per item (the order goes back to sales for correction), each citing the field path in
 * its evidence (e.g. `lines.2.quantity`). The items in `policy.intake.requiredItems` are checked
 * when listed; a blank or whitespace-only text counts as missing.
 *
 * - `customer.name`, `contact.name`, `requestedDeliveryDate`, `paymentTerms`: present.
 * - `contact.method`: a phone or an e-mail address; whichever is given must be well formed
 *   (see `isWellFormedPhone`, `isWellFormedEmail`).
 * - `deliveryAddress`: street and city present; the country, when given, two letters (ISO 3166-1).
 * - `invoice`: invoice title and taxpayer ID present.
 * - `lines`: at least one line; `lines.product`: each line has a product name or product ID;
 *   `lines.specification`: each line has a specification or a model.
 *
 * Always checked, whatever the policy lists, because every other rule computes on them:
 * - each line's `quantity`: present (`intake.required.line.quantity`) and above zero
 *   (`intake.malformed.line.quantity`);
 * - each line's `unitPrice`: present (`intake.required.line.unitPrice`) and not negative
 *   (`intake.malformed.line.unitPrice`); a zero price is RV-1's;
 * - a line's amounts (quantity × unit or list price, with tax) and the order's totals within the
 *   safe integer range (`intake.limit.line.amount`, `intake.limit.order.amount`);
 * - a requested delivery date, when given, a real calendar date `YYYY-MM-DD`
 *   (`intake.malformed.requestedDeliveryDate`).
 *
 * Message keys are one per item (`intake.required.contact.name`, `intake.malformed.contact.email`…)
 * so each language renders the item's own name; line items carry `line` (1-based position) and
 * `lineId`.
 *
 * @example
 * requiredInformation(Order.parse({ ...input, paymentTerms: '' }), ctx);
 * // [{ ruleId: 'IN-2', severity: 'block', messageKey: 'intake.required.paymentTerms',
 * //    evidence: [{ field: 'paymentTerms', value: '' }], … }]
 */
export const requiredInformation: PassRule = (order, ctx, facts) =>
  missingInformation(order, ctx.policy, facts);

/**
 * IN-2 without a rule context: the same findings as `requiredInformation`, for callers that only
 * hold a policy (e.g. a form checking a draft before submission).
 *
 * @example
 * if (missingInformation(order, policy).length > 0) showCorrections();
 */
export function missingInformation(
  order: Order,
  policy: Policy,
  facts: OrderFacts = orderFacts(order),
): Finding[] {
  const required = requiredSet(policy.intake.requiredItems);
  const out: Finding[] = [];

  if (required.has('customer.name') && blank(order.customer.name)) {
    report(out, policy, {
      messageKey: 'intake.required.customer.name',
      evidence: [{ field: 'customer.name', value: order.customer.name }],
    });
  }
  if (required.has('contact.name') && blank(order.contact.name)) {
    report(out, policy, {
      messageKey: 'intake.required.contact.name',
      evidence: [{ field: 'contact.name', value: order.contact.name }],
    });
  }
  if (required.has('contact.method')) {
    const { phone, email } = order.contact;
    const noPhone = blank(phone);
    const noEmail = blank(email);
    if (noPhone && noEmail) {
      report(out, policy, {
        messageKey: 'intake.required.contact.method',
        evidence: [
          { field: 'contact.phone', value: phone },
          { field: 'contact.email', value: email },
        ],
      });
    }
    // A given but malformed value is reported even when the other method is fine: someone will
    // use it, and a wrong number is worse than none.
    if (!noPhone && !isWellFormedPhone(phone)) {
      report(out, policy, {
        messageKey: 'intake.malformed.contact.phone',
        evidence: [{ field: 'contact.phone', value: phone }],
        params: {
          value: phone,
        },
      });
    }
    if (!noEmail && !isWellFormedEmail(email)) {
      report(out, policy, {
        messageKey: 'intake.malformed.contact.email',
        evidence: [{ field: 'contact.email', value: email }],
        params: {
          value: email,
        },
      });
    }
  }
  if (required.has('deliveryAddress')) {
    const { street, city, country } = order.deliveryAddress;
    if (blank(street)) {
      report(out, policy, {
        messageKey: 'intake.required.deliveryAddress.street',
        evidence: [{ field: 'deliveryAddress.street', value: street }],
      });
    }
    if (blank(city)) {
      report(out, policy, {
        messageKey: 'intake.required.deliveryAddress.city',
        evidence: [{ field: 'deliveryAddress.city', value: city }],
      });
    }
    if (!blank(country) && !COUNTRY.test(country.trim())) {
      report(out, policy, {
        messageKey: 'intake.malformed.deliveryAddress.country',
        evidence: [{ field: 'deliveryAddress.country', value: country }],
        params: { value: country },
      });
    }
  }
  if (required.has('lines') && order.lines.length === 0) {
    report(out, policy, {
      messageKey: 'intake.required.lines',
      evidence: [{ field: 'lines', value: 0, limit: 1 }],
    });
  }
  const needProduct = required.has('lines.product');
  const needSpecification = required.has('lines.specification');
  let linesInRange = true;
  for (let i = 0; i < order.lines.length; i++) {
    const line = order.lines[i]!;
    if (needProduct && blank(line.productName) && blank(line.productId)) {
      report(out, policy, {
        messageKey: 'intake.required.line.product',
        evidence: [{ field: `lines.${String(i)}.productName`, value: line.productName }],
        params: { line: i + 1, lineId: line.id },
      });
    }
    if (needSpecification && blank(line.specification) && blank(line.model)) {
      report(out, policy, {
        messageKey: 'intake.required.line.specification',
        evidence: [{ field: `lines.${String(i)}.specification`, value: line.specification }],
        params: { line: i + 1, lineId: line.id },
      });
    }
    linesInRange =
      lineAmounts(out, policy, { order, line, index: i, totals: facts.lines[i] }) && linesInRange;
  }
  if (linesInRange && !withinSafeRange(facts.totals)) {
    report(out, policy, {
      messageKey: 'intake.limit.order.amount',
      evidence: [{ field: 'lines', value: order.lines.length, limit: Number.MAX_SAFE_INTEGER }],
    });
  }
  const date = order.requestedDeliveryDate;
  if (date === undefined || blank(date)) {
    if (required.has('requestedDeliveryDate')) {
      report(out, policy, {
        messageKey: 'intake.required.requestedDeliveryDate',
        evidence: [{ field: 'requestedDeliveryDate', value: date }],
      });
    }
  } else if (!isIsoDate(date)) {
    // A wrong date is worse than none: reported whether or not the policy requires one.
    report(out, policy, {
      messageKey: 'intake.malformed.requestedDeliveryDate',
      evidence: [{ field: 'requestedDeliveryDate', value: date }],
      params: { value: date },
    });
  }
  if (required.has('paymentTerms') && blank(order.paymentTerms)) {
    report(out, policy, {
      messageKey: 'intake.required.paymentTerms',
      evidence: [{ field: 'paymentTerms', value: order.paymentTerms }],
    });
  }
  if (required.has('invoice')) {
    if (blank(order.invoice.title)) {
      report(out, policy, {
        messageKey: 'intake.required.invoice.title',
        evidence: [{ field: 'invoice.title', value: order.invoice.title }],
      });
    }
    if (blank(order.invoice.taxId)) {
      report(out, policy, {
        messageKey: 'intake.required.invoice.taxId',
        evidence: [{ field: 'invoice.taxId', value: order.invoice.taxId }],
      });
    }
  }
  return out;
}

/** One line's quantity, unit price and amounts (always checked); false when out of range. */
function lineAmounts(
  out: Finding[],
  policy: Policy,
  at: { order: Order; line: OrderLine; index: number; totals: LineTotals | undefined },
): boolean {
  const { line, index } = at;
  const path = `lines.${String(index)}`;
  const params = { line: index + 1, lineId: line.id };
  const { quantity, unitPrice, listPrice } = line;
  if (quantity === undefined) {
    report(out, policy, {
      messageKey: 'intake.required.line.quantity',
      evidence: [{ field: `${path}.quantity`, value: undefined }],
      params,
    });
  } else if (!(quantity > 0)) {
    report(out, policy, {
      messageKey: 'intake.malformed.line.quantity',
      evidence: [{ field: `${path}.quantity`, value: quantity, limit: 0 }],
      params: { ...params, value: formatQuantity(quantity) },
    });
  }
  if (unitPrice === undefined) {
    report(out, policy, {
      messageKey: 'intake.required.line.unitPrice',
      evidence: [{ field: `${path}.unitPrice`, value: undefined }],
      params,
    });
  } else if (unitPrice < 0) {
    report(out, policy, {
      messageKey: 'intake.malformed.line.unitPrice',
      evidence: [{ field: `${path}.unitPrice`, value: unitPrice, limit: 0 }],
      params: { ...params, value: formatMoney(unitPrice, at.order.currency, policy) },
    });
  }
  if (quantity === undefined || unitPrice === undefined) return true;
  const inRange =
    (at.totals === undefined || withinSafeRange(at.totals)) &&
    (listPrice === undefined || Number.isSafeInteger(roundHalfAwayFromZero(quantity * listPrice)));
  if (!inRange) {
    report(out, policy, {
      messageKey: 'intake.limit.line.amount',
      evidence: [
        { field: `${path}.quantity`, value: quantity },
        { field: `${path}.unitPrice`, value: unitPrice, limit: Number.MAX_SAFE_INTEGER },
      ],
      params,
    });
  }
  return inRange;
}

interface Gap {
  messageKey: string;
  evidence: Evidence[];
  params?: Record<string, MessageParam>;
}

// A module-level function rather than a closure per call: assessment runs in bulk.
function report(out: Finding[], policy: Policy, gap: Gap): void {
  out.push(finding(policy, { ruleId: 'IN-2', severity: 'block', ...gap }));
}
