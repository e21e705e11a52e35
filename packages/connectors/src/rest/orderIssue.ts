import {
  Address,
  Contact,
  INPUT_LIMITS,
  InvoiceInfo,
  Order,
  OrderLine,
  isIsoDateTime,
} from '@ordergate/core';
import { z } from 'zod';
import { commonIsoMs } from './values.js';

/** What keeps a value from being a core `Order`: the path (dotted, empty for the order itself). */
export interface OrderIssue {
  path: string;
  message: string;
}

// The core's `Order` schema compiled once per process by zod's ahead-of-time compiler
// (`z.compile`): the same schema, checks and refinements, generated into one function that
// validates without building the parsed copy. Compiled on first use, not at import.
let compiled: typeof Order | undefined;

/**
 * The first issue `Order.safeParse(value)` would report, or `undefined` when `value` is a valid
 * core `Order` input. Three steps, each only when the one before cannot say yes:
 *
 * 1. `surelyOrder`: the core's checks written out for the orders a connector builds (plain
 *    strings, numbers, booleans; no prepayments, contract, urgency or written confirmation).
 *    It only ever says yes for what `Order.safeParse` accepts (a property test holds it to that).
 * 2. the compiled `Order` (zod's `validate` fast path);
 * 3. `Order.safeParse` itself, so a refused order's path and message are exactly the core's.
 *
 * A runtime where generated code cannot run (a strict CSP) gets the plain schema back from
 * `z.compile`: same answers, runtime speed.
 *
 * @example
 * orderIssue({ id: '42' }); // { path: 'customer', message: 'Invalid input: expected object, received undefined' }
 */
export function orderIssue(value: unknown): OrderIssue | undefined {
  if (surelyOrder(value)) return undefined;
  compiled ??= z.compile(Order);
  if (compiled.validate(value)) return undefined;
  const parsed = Order.safeParse(value);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

const ID = INPUT_LIMITS.idLength;
const TEXT = INPUT_LIMITS.textLength;
const MAX = INPUT_LIMITS.quantity;
const CURRENCY = /^[A-Z]{3}$/;

// The keys this check knows, per object of the core's `Order`. Should the core's schema gain or
// lose a key, `surelyOrder` stops saying yes (every order goes to the compiled schema) until this
// file is brought up to date.
const KNOWN = {
  order: [
    'id',
    'number',
    'externalRef',
    'revision',
    'orderType',
    'customer',
    'contact',
    'deliveryAddress',
    'lines',
    'currency',
    'requestedDeliveryDate',
    'paymentTerms',
    'invoice',
    'channel',
    'writtenConfirmation',
    'urgent',
    'urgency',
    'salesperson',
    'enteredAt',
    'customerRequestedChange',
    'technicalComplexity',
    'shipBeforePayment',
    'prepayments',
    'contract',
    'notes',
  ],
  line: [
    'id',
    'productId',
    'productName',
    'model',
    'specification',
    'quantity',
    'uom',
    'unitPrice',
    'listPrice',
    'discountBp',
    'taxBp',
    'customMade',
    'special',
    'technicalDocsComplete',
    'shippedBefore',
    'availableQuantity',
  ],
  contact: ['name', 'phone', 'email'],
  address: ['street', 'city', 'postalCode', 'country'],
  invoice: ['title', 'taxId'],
};

let shapeKnown: boolean | undefined;

function sameKeys(shape: Record<string, unknown>, known: readonly string[]): boolean {
  const keys = Object.keys(shape);
  return keys.length === known.length && known.every((k) => Object.hasOwn(shape, k));
}

function knowsShape(): boolean {
  shapeKnown ??=
    sameKeys(Order.shape, KNOWN.order) &&
    sameKeys(OrderLine.shape, KNOWN.line) &&
    sameKeys(Contact.shape, KNOWN.contact) &&
    sameKeys(Address.shape, KNOWN.address) &&
    sameKeys(InvoiceInfo.shape, KNOWN.invoice);
  return shapeKnown;
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `IdString`: text of 1 to 200 characters. */
function id(v: unknown): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= ID;
}

/** `CodeString`, absent (default or optional) or text of at most 200 characters. */
function code(v: unknown): boolean {
  return v === undefined || (typeof v === 'string' && v.length <= ID);
}

/** `TextString`, absent or text of at most 4,000 characters. */
function text(v: unknown): boolean {
  return v === undefined || (typeof v === 'string' && v.length <= TEXT);
}

function flag(v: unknown): boolean {
  return v === undefined || typeof v === 'boolean';
}

/** `MinorUnits`: a safe integer. */
function minor(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/** Basis points, absent or a whole number 0…10 000. */
function basisPoints(v: unknown): boolean {
  return (
    v === undefined || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 10_000)
  );
}

/** `Quantity`: a finite number within the safe range, `least` or more. */
function quantity(v: unknown, least: number): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= least && v <= MAX;
}

function line(l: unknown): boolean {
  if (!isObject(l)) return false;
  return (
    id(l.id) &&
    code(l.productId) &&
    text(l.productName) &&
    code(l.model) &&
    text(l.specification) &&
    (l.quantity === undefined || quantity(l.quantity, -MAX)) &&
    code(l.uom) &&
    (l.unitPrice === undefined || minor(l.unitPrice)) &&
    (l.listPrice === undefined || (minor(l.listPrice) && (l.listPrice as number) >= 0)) &&
    basisPoints(l.discountBp) &&
    basisPoints(l.taxBp) &&
    flag(l.customMade) &&
    flag(l.special) &&
    flag(l.technicalDocsComplete) &&
    flag(l.shippedBefore) &&
    (l.availableQuantity === undefined || quantity(l.availableQuantity, 0))
  );
}

function lines(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > INPUT_LIMITS.lines) return false;
  for (let i = 0; i < v.length; i++) if (!line(v[i])) return false;
  return true;
}

function contact(v: unknown): boolean {
  return v === undefined || (isObject(v) && text(v.name) && code(v.phone) && code(v.email));
}

function address(v: unknown): boolean {
  return (
    v === undefined ||
    (isObject(v) && text(v.street) && text(v.city) && code(v.postalCode) && code(v.country))
  );
}

function invoice(v: unknown): boolean {
  return v === undefined || (isObject(v) && text(v.title) && code(v.taxId));
}

/**
 * `IsoDateTime`. The common form `commonIsoMs` reads (a real date and time, a zone within
 * ±23:59, one to three decimals) is one `isIsoDateTime` accepts, and reading it costs less than
 * the core's regular expression and `Date.parse`; any other text goes to `isIsoDateTime`.
 */
function instant(v: string): boolean {
  return commonIsoMs(v) !== undefined || isIsoDateTime(v);
}

function channel(v: unknown): boolean {
  return v === undefined || v === 'written' || v === 'electronic' || v === 'verbal';
}

/**
 * True only when `Order.safeParse(value)` surely succeeds: the core's checks for the parts of an
 * order a connector maps, read in one pass without building anything. False means "not sure"
 * (also for every order with prepayments, a contract, an urgency assessment or a written
 * confirmation, which it leaves to the schema), never "invalid".
 *
 * @example
 * surelyOrder({ id: '42', customer: { id: '7' }, currency: 'CNY', lines: [], salesperson: 'u-li',
 *   enteredAt: '2026-03-02T09:00:00+08:00' }); // true
 */
export function surelyOrder(value: unknown): boolean {
  if (!isObject(value) || !knowsShape()) return false;
  const o = value;
  const customer = o.customer;
  return (
    o.writtenConfirmation === undefined &&
    o.urgency === undefined &&
    o.prepayments === undefined &&
    o.contract === undefined &&
    (o.revision === undefined ||
      (typeof o.revision === 'number' &&
        Number.isSafeInteger(o.revision) &&
        o.revision >= 1 &&
        o.revision <= MAX)) &&
    id(o.id) &&
    code(o.number) &&
    code(o.externalRef) &&
    (o.orderType === undefined || id(o.orderType)) &&
    isObject(customer) &&
    id(customer.id) &&
    text(customer.name) &&
    contact(o.contact) &&
    address(o.deliveryAddress) &&
    lines(o.lines) &&
    typeof o.currency === 'string' &&
    CURRENCY.test(o.currency) &&
    code(o.requestedDeliveryDate) &&
    code(o.paymentTerms) &&
    invoice(o.invoice) &&
    channel(o.channel) &&
    flag(o.urgent) &&
    id(o.salesperson) &&
    typeof o.enteredAt === 'string' &&
    instant(o.enteredAt) &&
    flag(o.customerRequestedChange) &&
    flag(o.technicalComplexity) &&
    flag(o.shipBeforePayment) &&
    text(o.notes)
  );
}
