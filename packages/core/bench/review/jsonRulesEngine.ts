// The review checks (IN-2, IN-3, IN-4, RV-1, RV-3…RV-8, RV-10) written for json-rules-engine,
// the way its users write rules: one engine built from the policy (thresholds become condition
// values), rules as JSON conditions over facts, events carrying the rule ID. The order comes in
// as flat runtime facts; what the conditions need beyond plain fields (totals, per-line effective
// discounts, lead time, the lines that fail a per-line check) comes from dynamic facts, because
// the library keeps loops out of rules and leaves them to fact functions. A small adapter turns
// the events into finding identities, reading from the almanac the lines a per-line event names.
import {
  Engine,
  type Almanac,
  type EngineResult,
  type NestedCondition,
  type RuleProperties,
} from 'json-rules-engine';
import type { Order, OrderLine, Policy, Severity } from '../../src/index.js';
import type { RuleContext } from '../../src/rules/shared/RuleContext.js';
import type { PlainFinding } from './findingIdentity.js';

const DAY_MS = 86_400_000;

// Patterns for the `matches` / `notMatches` operators. They allow surrounding whitespace where
// the checks trim first.
const PHONE = '^(?:[ +()\\-]*[0-9]){6}[0-9 +()\\-]*$';
const EMAIL = '^\\s*[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+\\s*$';
const COUNTRY = '^\\s*[A-Za-z]{2}\\s*$';

/** Lines named by a fact (a list of line indexes) whose fields go into the evidence. */
interface LineRef {
  fact: string;
  params?: Record<string, unknown>;
  /** Field templates; `{i}` becomes the line index. */
  fields: string[];
  /** Only the first line listed. */
  first?: boolean;
}

/** What every rule's event carries. */
interface FindingEvent {
  ruleId: string;
  severity: Severity;
  /** The message key; for a group, the prefix its triggers are appended to. */
  key: string;
  fields?: string[];
  /** One finding per line the fact lists. */
  each?: LineRef;
  /** The lines the fact lists, as evidence of this one finding. */
  list?: LineRef;
  /** Events of one group make one finding (RV-4 triggers, RV-5 reasons, RV-10 reasons). */
  group?: string;
  trigger?: string;
  /** Evidence added once to the group's finding. */
  closing?: string[];
}

/** Order in which triggers and reasons appear in a group's message key. */
const TRIGGER_ORDER = [
  'special',
  'largeAmount',
  'unknownCurrency',
  'complex',
  'changed',
  'neverShipped',
  'docsIncomplete',
];

interface Totals {
  untaxed: number;
  total: number;
  /** Sum of quantity × list price, when every line has a list price. */
  list: number | null;
  /** Effective discount of each line, basis points. */
  lineDiscountsBp: number[];
}

function blank(s: string): boolean {
  return s.trim() === '';
}

function indexesWhere(lines: readonly OrderLine[], test: (line: OrderLine) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (test(lines[i]!)) out.push(i);
  return out;
}

function dayOf(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
}

const is = (fact: string, value: unknown): NestedCondition => ({ fact, operator: 'equal', value });
const isBlank = (fact: string, value = true): NestedCondition => ({
  fact,
  operator: 'blank',
  value,
});
const nonEmpty = (
  fact: string,
  value = true,
  params?: Record<string, unknown>,
): NestedCondition => ({
  fact,
  operator: 'nonEmpty',
  value,
  ...(params ? { params } : {}),
});

function rule(name: string, conditions: NestedCondition[], event: FindingEvent): RuleProperties {
  return { name, conditions: { all: conditions }, event: { type: event.ruleId, params: event } };
}

/**
 * The policy's review checks as json-rules-engine rules (what `buildReviewEngine` adds).
 *
 * @example
 * reviewEngineRules(policy).length; // 47 under the full review policy
 */
export function reviewEngineRules(policy: Policy): RuleProperties[] {
  const { intake, review } = policy;
  const rules: RuleProperties[] = [];
  const required = new Set(intake.requiredItems);
  const in2 = (name: string, conditions: NestedCondition[], key: string, fields: string[]) =>
    rules.push(
      rule(`IN-2 ${name}`, conditions, { ruleId: 'IN-2', severity: 'block', key, fields }),
    );

  // IN-2 required information.
  if (required.has('customer.name'))
    in2('customer name', [isBlank('customerName')], 'intake.required.customer.name', [
      'customer.name',
    ]);
  if (required.has('contact.name'))
    in2('contact name', [isBlank('contactName')], 'intake.required.contact.name', ['contact.name']);
  if (required.has('contact.method')) {
    in2(
      'contact method',
      [isBlank('contactPhone'), isBlank('contactEmail')],
      'intake.required.contact.method',
      ['contact.phone', 'contact.email'],
    );
    in2(
      'phone',
      [
        isBlank('contactPhone', false),
        { fact: 'contactPhone', operator: 'notMatches', value: PHONE },
      ],
      'intake.malformed.contact.phone',
      ['contact.phone'],
    );
    in2(
      'email',
      [
        isBlank('contactEmail', false),
        { fact: 'contactEmail', operator: 'notMatches', value: EMAIL },
      ],
      'intake.malformed.contact.email',
      ['contact.email'],
    );
  }
  if (required.has('deliveryAddress')) {
    in2('street', [isBlank('street')], 'intake.required.deliveryAddress.street', [
      'deliveryAddress.street',
    ]);
    in2('city', [isBlank('city')], 'intake.required.deliveryAddress.city', [
      'deliveryAddress.city',
    ]);
    in2(
      'country',
      [isBlank('country', false), { fact: 'country', operator: 'notMatches', value: COUNTRY }],
      'intake.malformed.deliveryAddress.country',
      ['deliveryAddress.country'],
    );
  }
  if (required.has('lines')) in2('lines', [is('lineCount', 0)], 'intake.required.lines', ['lines']);
  if (required.has('lines.product'))
    rules.push(
      rule('IN-2 line product', [nonEmpty('linesWithoutProduct')], {
        ruleId: 'IN-2',
        severity: 'block',
        key: 'intake.required.line.product',
        each: { fact: 'linesWithoutProduct', fields: ['lines.{i}.productName'] },
      }),
    );
  if (required.has('lines.specification'))
    rules.push(
      rule('IN-2 line specification', [nonEmpty('linesWithoutSpecification')], {
        ruleId: 'IN-2',
        severity: 'block',
        key: 'intake.required.line.specification',
        each: { fact: 'linesWithoutSpecification', fields: ['lines.{i}.specification'] },
      }),
    );
  if (required.has('requestedDeliveryDate'))
    in2(
      'delivery date',
      [isBlank('requestedDeliveryDate')],
      'intake.required.requestedDeliveryDate',
      ['requestedDeliveryDate'],
    );
  if (required.has('paymentTerms'))
    in2('payment terms', [isBlank('paymentTerms')], 'intake.required.paymentTerms', [
      'paymentTerms',
    ]);
  if (required.has('invoice')) {
    in2('invoice title', [isBlank('invoiceTitle')], 'intake.required.invoice.title', [
      'invoice.title',
    ]);
    in2('tax id', [isBlank('invoiceTaxId')], 'intake.required.invoice.taxId', ['invoice.taxId']);
  }

  // IN-3 verbal order awaiting written confirmation.
  rules.push(
    rule(
      'IN-3 verbal',
      [is('channel', 'verbal'), is('writtenConfirmation', false)],
      intake.verbal.mode === 'block'
        ? {
            ruleId: 'IN-3',
            severity: 'warn',
            key: 'intake.verbal.confirmationPending',
            fields: ['channel', 'writtenConfirmation'],
          }
        : {
            ruleId: 'IN-3',
            severity: 'warn',
            key: 'intake.verbal.confirmationDeadline',
            fields: ['channel', 'writtenConfirmation', 'writtenConfirmation.at'],
          },
    ),
  );

  // IN-4 urgent order.
  rules.push(
    rule('IN-4 urgent', [is('urgent', true)], {
      ruleId: 'IN-4',
      severity: 'info',
      key: 'intake.urgent.prioritised',
      fields: ['urgent'],
    }),
  );
  if (intake.urgent.requireFeasibility)
    rules.push(
      rule('IN-4 unassessed', [is('urgent', true), is('feasible', null)], {
        ruleId: 'IN-4',
        severity: 'block',
        key: 'intake.urgent.feasibilityMissing',
        fields: ['urgency.feasible'],
      }),
    );
  rules.push(
    rule('IN-4 infeasible', [is('urgent', true), is('feasible', false), is('urgencyNote', '')], {
      ruleId: 'IN-4',
      severity: 'warn',
      key: 'intake.urgent.infeasible',
      fields: ['urgency.feasible'],
    }),
    rule(
      'IN-4 infeasible with note',
      [
        is('urgent', true),
        is('feasible', false),
        { fact: 'urgencyNote', operator: 'notEqual', value: '' },
      ],
      {
        ruleId: 'IN-4',
        severity: 'warn',
        key: 'intake.urgent.infeasible',
        fields: ['urgency.feasible', 'urgency.note'],
      },
    ),
  );

  // RV-1 pricing and terms; a deviation the policy classes as exceptional is RV-7.
  const pricing = review.pricing;
  const deviation = (outcome: 'block' | 'exceptional', blockKey: string, exceptionalKey: string) =>
    outcome === 'block'
      ? { ruleId: 'RV-1', severity: 'block' as const, key: blockKey }
      : { ruleId: 'RV-7', severity: 'approval' as const, key: exceptionalKey };
  if (pricing.allowedPaymentTerms.length > 0)
    rules.push(
      rule(
        'RV-1 payment terms',
        [
          isBlank('paymentTerms', false),
          { fact: 'paymentTerms', operator: 'notIn', value: pricing.allowedPaymentTerms },
        ],
        {
          ...deviation(
            pricing.paymentTermsDeviation,
            'review.pricing.paymentTerms.notAllowed',
            'review.exceptional.paymentTerms',
          ),
          fields: ['paymentTerms'],
        },
      ),
    );
  rules.push(
    rule('RV-1 delivery date past', [{ fact: 'leadTimeDays', operator: 'lessThan', value: 0 }], {
      ruleId: 'RV-1',
      severity: 'block',
      key: 'review.pricing.deliveryDate.past',
      fields: ['requestedDeliveryDate'],
    }),
  );
  for (const working of [false, true]) {
    rules.push(
      rule(
        `RV-1 lead time${working ? ' (working days)' : ''}`,
        [
          { fact: 'leadTimeDays', operator: 'greaterThanInclusive', value: 0 },
          { fact: 'leadTimeDays', operator: 'lessThan', value: pricing.minLeadTimeDays },
          is('leadTimeInWorkingDays', working),
        ],
        {
          ...deviation(
            pricing.leadTimeDeviation,
            working
              ? 'review.pricing.leadTime.tooShortWorkingDays'
              : 'review.pricing.leadTime.tooShort',
            working ? 'review.exceptional.leadTimeWorkingDays' : 'review.exceptional.leadTime',
          ),
          fields: ['requestedDeliveryDate', 'leadTimeDays'],
        },
      ),
    );
  }
  if (pricing.requireListPrice)
    rules.push(
      rule('RV-1 list price', [nonEmpty('linesWithoutListPrice')], {
        ruleId: 'RV-1',
        severity: 'block',
        key: 'review.pricing.listPrice.missing',
        each: { fact: 'linesWithoutListPrice', fields: ['lines.{i}.listPrice'] },
      }),
    );
  rules.push(
    rule('RV-1 zero price', [nonEmpty('linesAtZeroPrice')], {
      ruleId: 'RV-1',
      severity: 'block',
      key: 'review.pricing.unitPrice.zero',
      each: { fact: 'linesAtZeroPrice', fields: ['lines.{i}.unitPrice'] },
    }),
  );

  // RV-3 every order needs the sales head.
  if (review.routes.always.length > 0)
    rules.push(
      rule('RV-3 sales head', [], {
        ruleId: 'RV-3',
        severity: 'approval',
        key: 'review.salesHead.required',
      }),
    );

  // RV-4 joint review.
  const joint = review.jointReview;
  const jointEvent = {
    ruleId: 'RV-4',
    severity: 'approval' as const,
    key: 'review.jointReview',
    group: 'RV-4',
  };
  rules.push(
    rule('RV-4 special product', [nonEmpty('specialLines')], {
      ...jointEvent,
      trigger: 'special',
      list: { fact: 'specialLines', fields: ['lines.{i}.special'] },
    }),
  );
  if (joint.customMadeIsSpecial)
    rules.push(
      rule('RV-4 custom-made product', [nonEmpty('customNotSpecialLines')], {
        ...jointEvent,
        trigger: 'special',
        list: { fact: 'customNotSpecialLines', fields: ['lines.{i}.customMade'] },
      }),
    );
  const jointAmount = joint.includeTax ? 'total' : 'untaxed';
  rules.push(
    rule(
      'RV-4 large amount',
      [
        { fact: 'largeAmountThreshold', operator: 'notEqual', value: null },
        {
          fact: jointAmount,
          operator: 'greaterThanInclusive',
          value: { fact: 'largeAmountThreshold' },
        },
      ],
      { ...jointEvent, trigger: 'largeAmount', fields: [jointAmount] },
    ),
  );
  if (joint.unknownCurrency === 'jointReview')
    rules.push(
      rule('RV-4 unknown currency', [is('largeAmountThreshold', null)], {
        ...jointEvent,
        trigger: 'unknownCurrency',
        fields: ['currency'],
      }),
    );
  rules.push(
    rule('RV-4 complex', [is('technicalComplexity', true)], {
      ...jointEvent,
      trigger: 'complex',
      fields: ['technicalComplexity'],
    }),
  );

  // RV-5 route.
  const routes = review.routes;
  if (routes.regular.length > 0)
    rules.push(
      rule(
        'RV-5 regular',
        [
          is('customerRequestedChange', false),
          nonEmpty('linesNeverShipped', false),
          nonEmpty('linesDocsIncomplete', false),
        ],
        { ruleId: 'RV-5', severity: 'approval', key: 'review.route.regular' },
      ),
    );
  if (routes.nonRegular.length > 0) {
    const nonRegular = {
      ruleId: 'RV-5',
      severity: 'approval' as const,
      key: 'review.route.nonRegular',
      group: 'RV-5',
    };
    rules.push(
      rule('RV-5 changed', [is('customerRequestedChange', true)], {
        ...nonRegular,
        trigger: 'changed',
        fields: ['customerRequestedChange'],
      }),
      rule('RV-5 never shipped', [nonEmpty('linesNeverShipped')], {
        ...nonRegular,
        trigger: 'neverShipped',
        list: { fact: 'linesNeverShipped', fields: ['lines.{i}.shippedBefore'] },
      }),
      rule('RV-5 documents incomplete', [nonEmpty('linesDocsIncomplete')], {
        ...nonRegular,
        trigger: 'docsIncomplete',
        list: { fact: 'linesDocsIncomplete', fields: ['lines.{i}.technicalDocsComplete'] },
      }),
    );
  }

  // RV-6 discounts beyond authority; RV-7 beyond the exceptional limit.
  const discount = review.discount;
  const limits: [string, 'RV-6' | 'RV-7', string, string][] = [
    [
      'authority',
      'RV-6',
      'review.discount.lineBeyondAuthority',
      'review.discount.orderBeyondAuthority',
    ],
  ];
  if (discount.exceptionalAbovePercent !== undefined)
    limits.push([
      'exceptional',
      'RV-7',
      'review.exceptional.lineDiscount',
      'review.exceptional.orderDiscount',
    ]);
  for (const [limit, ruleId, lineKey, orderKey] of limits) {
    for (const listed of [true, false]) {
      const params = { limit, listed };
      rules.push(
        rule(
          `${ruleId} line discount (${listed ? 'list price' : 'no list price'})`,
          [nonEmpty('linesDiscountedAbove', true, params)],
          {
            ruleId,
            severity: 'approval',
            key: lineKey,
            each: {
              fact: 'linesDiscountedAbove',
              params,
              fields: listed
                ? ['lines.{i}.unitPrice', 'lines.{i}.discountBp', 'lines.{i}.effectiveDiscountBp']
                : ['lines.{i}.discountBp', 'lines.{i}.effectiveDiscountBp'],
            },
          },
        ),
      );
    }
    rules.push(
      rule(
        `${ruleId} order discount`,
        [
          {
            fact: 'orderDiscountBp',
            operator: 'greaterThan',
            value:
              limit === 'authority'
                ? { fact: 'discountAuthorityBp' }
                : Math.round(discount.exceptionalAbovePercent! * 100),
          },
        ],
        { ruleId, severity: 'approval', key: orderKey, fields: ['untaxed', 'effectiveDiscountBp'] },
      ),
    );
  }

  // RV-7 shipping before payment without credit terms (the customer's, decision 014).
  rules.push(
    rule(
      'RV-7 ship before payment',
      [is('shipBeforePayment', true), is('customerCreditTerms', false)],
      {
        ruleId: 'RV-7',
        severity: 'approval',
        key: 'review.exceptional.shipBeforePayment',
        fields: ['shipBeforePayment', 'customer.credit.creditTerms'],
      },
    ),
  );

  // RV-8 advance payment for custom-made products.
  rules.push(
    rule(
      'RV-8 advance',
      [nonEmpty('customLines'), { fact: 'advanceAmount', operator: 'greaterThan', value: 0 }],
      {
        ruleId: 'RV-8',
        severity: 'info',
        key: 'review.advance.required',
        fields: ['total'],
        list: { fact: 'customLines', fields: ['lines.{i}.customMade'] },
      },
    ),
  );

  // RV-10 legal review of a needed contract.
  if (routes.legal.length > 0) {
    const contract = review.contract;
    const contractEvent = {
      ruleId: 'RV-10',
      severity: 'approval' as const,
      key: 'review.contract.legalReview',
      group: 'RV-10',
      closing: ['contract.legalReviewed'],
    };
    const notReviewed = is('contractLegalReviewed', false);
    const amount = contract.includeTax ? 'total' : 'untaxed';
    rules.push(
      rule('RV-10 contract required', [notReviewed, is('contractRequired', true)], {
        ...contractEvent,
        fields: ['contract.required'],
      }),
      rule(
        'RV-10 amount',
        [
          notReviewed,
          { fact: 'contractThreshold', operator: 'notEqual', value: null },
          { fact: amount, operator: 'greaterThanInclusive', value: { fact: 'contractThreshold' } },
        ],
        { ...contractEvent, fields: [amount] },
      ),
    );
    if (contract.requiredForCustomMade)
      rules.push(
        rule('RV-10 custom-made', [notReviewed, nonEmpty('customLines')], {
          ...contractEvent,
          list: { fact: 'customLines', fields: ['lines.{i}.customMade'], first: true },
        }),
      );
  }
  return rules;
}

/** Dynamic facts: totals, discounts, lead time, thresholds and per-line lists, from the runtime facts. */
function addDerivedFacts(engine: Engine, policy: Policy): void {
  const { review } = policy;
  const lines = (a: Almanac) => a.factValue<OrderLine[]>('lines');
  const linesFact = (id: string, test: (line: OrderLine) => boolean) =>
    engine.addFact(id, async (_params, a) => indexesWhere(await lines(a), test));

  linesFact('linesWithoutProduct', (l) => blank(l.productName) && blank(l.productId));
  linesFact('linesWithoutSpecification', (l) => blank(l.specification) && blank(l.model));
  linesFact('linesWithoutListPrice', (l) => l.listPrice === undefined);
  linesFact('linesAtZeroPrice', (l) => l.unitPrice === 0);
  linesFact('specialLines', (l) => l.special);
  linesFact('customNotSpecialLines', (l) => l.customMade && !l.special);
  linesFact('customLines', (l) => l.customMade);
  linesFact('linesNeverShipped', (l) => !l.shippedBefore);
  linesFact('linesDocsIncomplete', (l) => !l.technicalDocsComplete);

  engine.addFact('totals', async (_params, a): Promise<Totals> => {
    let untaxed = 0;
    let tax = 0;
    let list: number | null = 0;
    const lineDiscountsBp: number[] = [];
    for (const l of await lines(a)) {
      const gross = Math.round(l.quantity! * l.unitPrice!);
      const net = gross - Math.round((gross * l.discountBp) / 10_000);
      untaxed += net;
      tax += Math.round((net * l.taxBp) / 10_000);
      if (l.listPrice === undefined) {
        list = null;
        lineDiscountsBp.push(l.discountBp);
      } else {
        const atList = Math.round(l.quantity! * l.listPrice);
        if (list !== null) list += atList;
        lineDiscountsBp.push(
          atList - net > 0 && atList > 0 ? Math.round(((atList - net) * 10_000) / atList) : 0,
        );
      }
    }
    return { untaxed, total: untaxed + tax, list, lineDiscountsBp };
  });
  engine.addFact('total', async (_params, a) => (await a.factValue<Totals>('totals')).total);
  engine.addFact('untaxed', async (_params, a) => (await a.factValue<Totals>('totals')).untaxed);
  engine.addFact('orderDiscountBp', async (_params, a) => {
    const { list, untaxed } = await a.factValue<Totals>('totals');
    return list !== null && list - untaxed > 0 && list > 0
      ? Math.round(((list - untaxed) * 10_000) / list)
      : 0;
  });
  engine.addFact('discountAuthorityBp', async (_params, a) => {
    const submitter = await a.factValue<RuleContext['submitter']>('submitter');
    let best = 0;
    for (const [role, percent] of Object.entries(review.discount.authorityByRole)) {
      const def = policy.roles[role];
      if (
        percent > 0 &&
        def &&
        (def.users.includes(submitter.id) || submitter.groups.some((g) => def.groups.includes(g)))
      )
        best = Math.max(best, Math.round(percent * 100));
    }
    return best;
  });
  engine.addFact('linesDiscountedAbove', async (params: Record<string, unknown>, a) => {
    const limit =
      params.limit === 'authority'
        ? await a.factValue<number>('discountAuthorityBp')
        : Math.round((review.discount.exceptionalAbovePercent ?? 100) * 100);
    const { lineDiscountsBp } = await a.factValue<Totals>('totals');
    const all = await lines(a);
    return indexesWhere(all, (l) => (l.listPrice !== undefined) === params.listed).filter(
      (i) => lineDiscountsBp[i]! > limit,
    );
  });
  engine.addFact(
    'largeAmountThreshold',
    async (_params, a) =>
      review.jointReview.largeAmount[await a.factValue<string>('currency')] ?? null,
  );
  engine.addFact(
    'contractThreshold',
    async (_params, a) =>
      review.contract.requiredAbove[await a.factValue<string>('currency')] ?? null,
  );
  engine.addFact('advanceAmount', async (_params, a) =>
    Math.round(
      ((await a.factValue<number>('total')) *
        Math.round(review.advancePayment.customMadePercent * 100)) /
        10_000,
    ),
  );

  // RV-1 lead time: calendar days, or working days of the policy's business calendar.
  const dayFormat = new Intl.DateTimeFormat('en-CA', {
    timeZone: policy.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const calendar = review.deadlines.calendar;
  const holidays = new Set(calendar?.holidays.map(dayOf));
  const extraWorkingDays = new Set(calendar?.extraWorkingDays.map(dayOf));
  const workingDays = new Set(calendar?.workingDays);
  engine.addFact('leadTime', async (_params, a) => {
    const date = await a.factValue<string>('requestedDeliveryDate');
    if (date === '') return null;
    const from = dayOf(dayFormat.format(Date.parse(await a.factValue<string>('submittedAt'))));
    const to = dayOf(date);
    if (calendar === undefined || to <= from) return { days: to - from, working: false };
    let days = 0;
    for (let d = from + 1; d <= to && days < review.pricing.minLeadTimeDays; d++) {
      if (
        extraWorkingDays.has(d) ||
        (workingDays.has((((d % 7) + 7 + 3) % 7) + 1) && !holidays.has(d))
      )
        days++;
    }
    return { days, working: true };
  });
  engine.addFact(
    'leadTimeDays',
    async (_params, a) => (await a.factValue<{ days: number } | null>('leadTime'))?.days ?? null,
  );
  engine.addFact(
    'leadTimeInWorkingDays',
    async (_params, a) =>
      (await a.factValue<{ working: boolean } | null>('leadTime'))?.working ?? false,
  );
}

const patterns = new Map<string, RegExp>();
function pattern(source: string): RegExp {
  let re = patterns.get(source);
  if (re === undefined) {
    re = new RegExp(source);
    patterns.set(source, re);
  }
  return re;
}

/**
 * One json-rules-engine `Engine` holding the review rules of `policy`, with its custom operators
 * (`blank`, `matches`, `notMatches`, `nonEmpty`) and dynamic facts. Build it once and reuse it.
 *
 * @example
 * const engine = buildReviewEngine(policy);
 * const findings = await jsonRulesEngineReview(engine, order, ctx);
 */
export function buildReviewEngine(policy: Policy): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addOperator<string, boolean>('blank', (value, expected) => blank(value) === expected);
  engine.addOperator<string, string>('matches', (value, source) => pattern(source).test(value));
  engine.addOperator<string, string>('notMatches', (value, source) => !pattern(source).test(value));
  engine.addOperator<unknown[], boolean>(
    'nonEmpty',
    (value, expected) => value.length > 0 === expected,
  );
  addDerivedFacts(engine, policy);
  for (const r of reviewEngineRules(policy)) engine.addRule(r);
  return engine;
}

/**
 * The order as json-rules-engine runtime facts: its fields flattened, absent values as `null` or
 * `''` (the engine refuses undefined facts), the lines as one fact.
 *
 * @example
 * await engine.run(reviewFacts(order, ctx));
 */
export function reviewFacts(order: Order, ctx: RuleContext): Record<string, unknown> {
  return {
    customerName: order.customer.name,
    contactName: order.contact.name,
    contactPhone: order.contact.phone,
    contactEmail: order.contact.email,
    street: order.deliveryAddress.street,
    city: order.deliveryAddress.city,
    country: order.deliveryAddress.country,
    lines: order.lines,
    lineCount: order.lines.length,
    requestedDeliveryDate: order.requestedDeliveryDate ?? '',
    paymentTerms: order.paymentTerms,
    invoiceTitle: order.invoice.title,
    invoiceTaxId: order.invoice.taxId,
    channel: order.channel,
    writtenConfirmation: order.writtenConfirmation !== undefined,
    urgent: order.urgent,
    feasible: order.urgency?.feasible ?? null,
    urgencyNote: order.urgency?.note ?? '',
    currency: order.currency,
    technicalComplexity: order.technicalComplexity,
    customerRequestedChange: order.customerRequestedChange,
    shipBeforePayment: order.shipBeforePayment,
    customerCreditTerms: ctx.customer?.credit.creditTerms === true,
    contractRequired: order.contract.required,
    contractLegalReviewed: order.contract.legalReviewed,
    submittedAt: ctx.submittedAt,
    submitter: ctx.submitter,
  };
}

async function lineIndexes(almanac: Almanac, ref: LineRef): Promise<number[]> {
  const all = await almanac.factValue<number[]>(ref.fact, ref.params);
  return ref.first ? all.slice(0, 1) : all;
}

function lineFields(ref: LineRef, i: number): string[] {
  return ref.fields.map((f) => f.replace('{i}', String(i)));
}

/**
 * The adapter: the events of one engine run as finding identities. A per-line event (`each`)
 * becomes one finding per line its fact lists; events of a group become one finding whose key
 * names the group's triggers in order.
 *
 * @example
 * const findings = await findingsOfRun(await engine.run(reviewFacts(order, ctx)));
 */
export async function findingsOfRun(result: EngineResult): Promise<PlainFinding[]> {
  const out: PlainFinding[] = [];
  const groups = new Map<
    string,
    { event: FindingEvent; fields: string[]; triggers: Set<string> }
  >();
  for (const e of result.events) {
    const event = e.params as FindingEvent;
    if (event.each) {
      for (const i of await lineIndexes(result.almanac, event.each))
        out.push({
          ruleId: event.ruleId,
          severity: event.severity,
          messageKey: event.key,
          fields: lineFields(event.each, i),
        });
      continue;
    }
    const fields = event.fields ? [...event.fields] : [];
    if (event.list)
      for (const i of await lineIndexes(result.almanac, event.list))
        fields.push(...lineFields(event.list, i));
    if (event.group === undefined) {
      out.push({ ruleId: event.ruleId, severity: event.severity, messageKey: event.key, fields });
      continue;
    }
    let g = groups.get(event.group);
    if (g === undefined) {
      g = { event, fields: [], triggers: new Set() };
      groups.set(event.group, g);
    }
    g.fields.push(...fields);
    if (event.trigger) g.triggers.add(event.trigger);
  }
  for (const { event, fields, triggers } of groups.values()) {
    const ordered = TRIGGER_ORDER.filter((t) => triggers.has(t));
    out.push({
      ruleId: event.ruleId,
      severity: event.severity,
      messageKey: ordered.length > 0 ? `${event.key}.${ordered.join('.')}` : event.key,
      fields: [...fields, ...(event.closing ?? [])],
    });
  }
  return out;
}

/**
 * The review findings of `order` by json-rules-engine: facts in, one run, events out.
 *
 * @example
 * const engine = buildReviewEngine(policy);
 * (await jsonRulesEngineReview(engine, order, ctx)).map(findingIdentity);
 */
export async function jsonRulesEngineReview(
  engine: Engine,
  order: Order,
  ctx: RuleContext,
): Promise<PlainFinding[]> {
  return findingsOfRun(await engine.run(reviewFacts(order, ctx)));
}
