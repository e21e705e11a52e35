import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addHours,
  BusinessCalendar,
  deliveryAlerts,
  emptyTracking,
  filingDueDate,
  grantDays,
  loadPolicy,
  MemoryStore,
  Ordergate,
  OrdergateError,
  PolicyError,
  retainUntil,
  type CustomerInput,
  type Policy,
  type PolicyInput,
} from '../../src/index.js';
import { formatOrderNumber } from '../../src/rules/intake/formatOrderNumber.js';
import { formatPeriodNumber } from '../../src/lib/periodNumber.js';
import { addDays } from '../../src/lib/localDate.js';
import {
  MAX_POLICY_DAYS,
  MAX_POLICY_HOURS,
  MAX_RETENTION_YEARS,
} from '../../src/policy/policyValues.js';
import { workingHoursInTenYears } from '../../src/policy/policyChecks.js';
import { makeLine, makeOrder } from '../support/orders.js';
import { companyRoles, people, testClock, testIds } from '../support/people.js';

// "Every policy that loads runs": valid policies, generated across every bounded value, are fed
// to loadPolicy and then to the order desk; nothing but results and typed OrdergateErrors may
// come out. And one invalid value put into a valid policy is one PolicyError issue, at its path.

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Pacific/Chatham'];
const ROLE_NAMES = Object.keys(companyRoles);
const PEOPLE = Object.values(people);
const DAY_MS = 86_400_000;

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const isoDate = fc
  .integer({ min: Date.UTC(2025, 0, 1) / DAY_MS, max: Date.UTC(2032, 11, 31) / DAY_MS })
  .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
/** An instant in 2025–2035 written with a random explicit zone (Z or ±hh:mm). */
const zonedInstant = (minMs = Date.UTC(2025, 0, 1), maxMs = Date.UTC(2035, 11, 31)) =>
  fc
    .tuple(
      fc.integer({ min: minMs / 1000, max: maxMs / 1000 }),
      fc.constantFrom(0, 480, -300, 345, 765),
    )
    .map(([s, offset]) => {
      const local = new Date(s * 1000 + offset * 60_000).toISOString().slice(0, 19);
      if (offset === 0) return `${local}Z`;
      const sign = offset < 0 ? '-' : '+';
      return `${local}${sign}${hhmm(Math.abs(offset))}`;
    });
const hours = (max: number) =>
  fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, Math.floor(max)) }),
    fc.double({ min: 1 / 60, max, noNaN: true, noDefaultInfinity: true }),
  );
const days = fc.oneof(
  fc.integer({ min: 0, max: 30 }),
  fc.integer({ min: 0, max: MAX_POLICY_DAYS }),
);
const percent = fc.oneof(
  fc.constantFrom(0, 100),
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
);
const amount = fc.oneof(
  fc.constantFrom(0, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: 0, max: 1_000_000_000 }),
  fc.maxSafeNat(),
);
const subset = <T>(values: readonly T[], minLength = 0) => fc.subarray([...values], { minLength });
/** A number pattern: text, date placeholders and one {seq} or {seq:N}, N from 1 to 16. */
const numberPattern = fc
  .tuple(
    fc.array(fc.constantFrom('SO', 'AR', '-', '/', '{YYYY}', '{YY}', '{MM}', 'Q'), {
      maxLength: 6,
    }),
    fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
    fc.array(fc.constantFrom('-', 'X', '{MM}'), { maxLength: 3 }),
  )
  .map(([before, width, after]) =>
    [...before, width === undefined ? '{seq}' : `{seq:${width}}`, ...after].join(''),
  );

const calendar = fc
  .record({
    workingDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    window: fc
      .uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 2, maxLength: 2 })
      .map((w) => w.sort((a, b) => a - b)),
    holidays: fc.uniqueArray(isoDate, { maxLength: 15 }),
    extraWorkingDays: fc.uniqueArray(isoDate, { maxLength: 4 }),
  })
  .map(({ window: [start = 0, end = 1], ...rest }) => ({
    ...rest,
    dayStart: hhmm(start),
    dayEnd: hhmm(end),
  }))
  // a calendar must leave room for the default deadlines (24 h) and generated step deadlines
  .filter((cal) => workingHoursInTenYears(BusinessCalendar.parse(cal)) >= 500);

const deadlines = fc.option(calendar, { nil: undefined }).chain((cal) => {
  // With a calendar, deadlines must fit in ten years of its working time. Deadlines near that
  // bound take seconds to count through the calendar, so generated ones stay within 2,000 h;
  // the bound itself is tested on its own below.
  const most =
    cal === undefined
      ? MAX_POLICY_HOURS
      : Math.min(2_000, workingHoursInTenYears(BusinessCalendar.parse(cal)));
  return fc.record(
    {
      defaultHours: hours(most),
      urgentHours: hours(most),
      byOrderType: fc.dictionary(fc.constantFrom('export', 'domestic'), hours(most)),
      ...(cal === undefined ? {} : { calendar: fc.constant(cal) }),
    },
    { requiredKeys: cal === undefined ? [] : ['calendar'] },
  );
});

const delegation = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...PEOPLE.map((p) => p.id)), { minLength: 2, maxLength: 2 }),
    fc.option(subset(ROLE_NAMES, 1), { nil: undefined }),
    zonedInstant(),
    fc.integer({ min: 1, max: 400 * DAY_MS }),
  )
  .map(([[from = 'u-a', to = 'u-b'], roles, validFrom, length]) => ({
    from,
    to,
    ...(roles ? { roles } : {}),
    validFrom,
    validUntil: new Date(Date.parse(validFrom) + length).toISOString(),
  }));

const stepOverride = fc
  .tuple(
    fc.record(
      {
        deadlineHours: hours(500),
        stage: fc.integer({ min: -1_000, max: 1_000 }),
        escalateTo: fc.constantFrom(...ROLE_NAMES),
      },
      { requiredKeys: [] },
    ),
    fc.oneof(
      fc.record({
        mode: fc.constantFrom('any' as const, 'all' as const, 'eachDepartment' as const),
      }),
      fc.record({ mode: fc.constant('mOfN' as const), m: fc.integer({ min: 1, max: 3 }) }),
      fc.constant({}),
    ),
  )
  .map(([fields, mode]) => ({ ...fields, ...mode }));

/** Who holds the roles: the company's groups, some roles with users added (the owner too: SoD). */
const roles = fc
  .dictionary(fc.constantFrom(...ROLE_NAMES), subset(PEOPLE.map((p) => p.id)), { maxKeys: 3 })
  .map((users) =>
    Object.fromEntries(
      Object.entries(companyRoles).map(([name, role]) => [
        name,
        { ...role, users: users[name] ?? [] },
      ]),
    ),
  );

/** A company role and step of its own, on the regular route. */
const qualityReview = {
  roles: { quality: { label: { en: 'Quality', zh: '质量' }, users: ['u-liu'] } },
  approvals: {
    steps: {
      qualityReview: {
        label: { en: 'Quality review', zh: '质量评审' },
        roles: ['quality'],
        stage: 12,
        ruleId: 'RV-5' as const,
      },
    },
  },
  review: { routes: { regular: ['regularReview', 'qualityReview'] } },
};

/** A valid policy document varying every bounded value, over the company's role mapping. */
const policyDocument: fc.Arbitrary<PolicyInput> = fc
  .tuple(
    fc.record(
      {
        timeZone: fc.constantFrom(...ZONES),
        locale: fc.constantFrom('en' as const, 'zh' as const),
        currencies: fc.record({ XAU: fc.record({ minorUnits: fc.integer({ min: 0, max: 4 }) }) }),
        roles,
        delegations: fc.array(delegation, { maxLength: 2 }),
        intake: fc.record({
          numbering: fc.record({
            pattern: numberPattern,
            sequenceScope: fc.constantFrom('year' as const, 'global' as const),
          }),
          verbal: fc.record({
            mode: fc.constantFrom('block' as const, 'deadline' as const),
            confirmationDeadlineHours: hours(MAX_POLICY_HOURS),
          }),
        }),
        review: fc.record(
          {
            deadlines,
            pricing: fc.record({
              allowedPaymentTerms: subset(['NET30', 'NET60', 'PREPAID']),
              minLeadTimeDays: days,
              requireListPrice: fc.boolean(),
              leadTimeDeviation: fc.constantFrom('block' as const, 'exceptional' as const),
            }),
            discount: fc.record(
              {
                authorityByRole: fc.record({ salesperson: percent, salesHead: percent }),
                exceptionalAbovePercent: percent,
              },
              { requiredKeys: ['authorityByRole'] },
            ),
            jointReview: fc.record({
              largeAmount: fc.record({ CNY: amount, USD: amount }),
              includeTax: fc.boolean(),
              unknownCurrency: fc.constantFrom('jointReview' as const, 'ignore' as const),
            }),
            advancePayment: fc.record({ customMadePercent: percent }),
            contract: fc.record({
              requiredAbove: fc.record({ CNY: amount }),
              requiredForCustomMade: fc.boolean(),
            }),
          },
          { requiredKeys: [] },
        ),
        approvals: fc.record({
          steps: fc.record(
            { salesHead: stepOverride, regularReview: stepOverride },
            { requiredKeys: [] },
          ),
        }),
        credit: fc.record(
          {
            withoutFacts: fc.constantFrom('info' as const, 'hold' as const),
            nearLimitPercent: percent,
            overdueSuspendDays: days,
            ageingBuckets: fc
              .uniqueArray(fc.integer({ min: 1, max: MAX_POLICY_DAYS }), {
                minLength: 1,
                maxLength: 5,
              })
              .map((b) => b.sort((x, y) => x - y)),
            gradeActions: fc.record({
              C: fc.constantFrom('pass' as const, 'warn' as const, 'block' as const),
              D: fc.constantFrom('warn' as const, 'block' as const),
            }),
            missingLimit: fc.constantFrom('zero' as const, 'unlimited' as const),
            releasePaths: fc.record({
              'CR-1': subset(['approval', 'prepayment', 'guarantee'] as const, 1),
              'CR-4': subset(['approval', 'prepayment', 'guarantee'] as const, 1),
            }),
          },
          { requiredKeys: [] },
        ),
        tracking: fc.record({ delivery: fc.record({ atRiskDays: days }) }),
        archive: fc.record({
          numbering: fc.record({ pattern: numberPattern }),
          filing: fc.record({ day: fc.integer({ min: 1, max: 31 }), numberPattern }),
          retention: fc.record({ years: fc.integer({ min: 1, max: MAX_RETENTION_YEARS }) }),
          access: fc
            .uniqueArray(fc.integer({ min: 1, max: MAX_POLICY_DAYS }), {
              minLength: 2,
              maxLength: 2,
            })
            .map(([a = 1, b = 2]) => ({ grantDays: Math.min(a, b), maxGrantDays: Math.max(a, b) })),
        }),
      },
      { requiredKeys: ['roles'] },
    ),
    fc.boolean(),
  )
  .map(([document, quality]) =>
    quality
      ? {
          ...document,
          roles: { ...document.roles, ...qualityReview.roles },
          approvals: { steps: { ...document.approvals?.steps, ...qualityReview.approvals.steps } },
          review: { ...document.review, routes: qualityReview.review.routes },
        }
      : document,
  );

/** Runs `action`; an error it throws must be a typed OrdergateError. */
async function typed<T>(action: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof OrdergateError) return undefined;
    throw new Error(`untyped error: ${String(error)}`, { cause: error });
  }
}

const orderVariant = fc.record({
  urgent: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
  channel: fc.constantFrom('written' as const, 'verbal' as const),
  currency: fc.constantFrom('CNY', 'CNY', 'CNY', 'USD', 'XAU'),
  customMade: fc.boolean(),
  discountBp: fc.integer({ min: 0, max: 10_000 }),
  quantity: fc.integer({ min: 1, max: 1_000_000 }),
  /** Days from submission to the requested delivery date (negative: already past). */
  leadDays: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 4_000 })),
});

const customer = fc.option(
  fc.record({
    grade: fc.constantFrom('A' as const, 'B' as const, 'C' as const, 'D' as const),
    limit: fc.integer({ min: 0, max: 1_000_000_000 }),
    evaluated: fc.boolean(),
  }),
  { nil: undefined },
);

describe('every policy that loads runs', () => {
  it('IN-1 RV-2 CR-1 generated valid policies load, and submit, approve, release, wait and confirm give results or typed errors only', async () => {
    await fc.assert(
      fc.asyncProperty(
        policyDocument,
        orderVariant,
        customer,
        zonedInstant(Date.UTC(2025, 0, 1), Date.UTC(2035, 0, 1)),
        fc.integer({ min: 0, max: 20 * 24 }),
        async (document, variant, facts, start, waitHours) => {
          const policy: Policy = loadPolicy(document); // valid: must not throw
          const clock = testClock(start);
          const og = new Ordergate({ policy, store: new MemoryStore(), clock, ids: testIds() });
          if (facts) {
            const input: CustomerInput = {
              id: 'c-1',
              name: 'Shanghai Precision Machinery Co., Ltd.',
              credit: {
                grade: facts.grade,
                limit: { amount: facts.limit, currency: variant.currency },
                ...(facts.evaluated ? { evaluatedAt: '2025-01-01T00:00:00+08:00' } : {}),
              },
            };
            await og.putCustomer(input);
          }
          const order = makeOrder({
            id: 'o-prop',
            number: '',
            urgent: variant.urgent,
            channel: variant.channel,
            currency: variant.currency,
            requestedDeliveryDate: new Date(Date.parse(start) + variant.leadDays * DAY_MS)
              .toISOString()
              .slice(0, 10),
            enteredAt: start,
            lines: [
              makeLine({
                customMade: variant.customMade,
                discountBp: variant.discountBp,
                quantity: variant.quantity,
              }),
            ],
          });
          const submitted = await typed(() => og.submit(order, people.li));
          const recorded = submitted?.ok ? submitted.value : submitted?.recorded;
          if (recorded) expect(recorded.order.number).not.toBe('');
          if (submitted?.ok) {
            await typed(() => og.releaseCredit('o-prop', people.qian, { reason: 'ok' }));
            // everyone approves what they may, round after round, while the route moves
            for (let round = 0, moved = true; moved && round < 6; round++) {
              moved = false;
              for (const who of PEOPLE) {
                if ((await typed(() => og.approve('o-prop', who)))?.ok) moved = true;
              }
            }
            clock.advanceHours(waitHours);
            await typed(() => og.runScheduledChecks());
            await typed(() => og.confirm('o-prop', people.li));
          }
          // the archive and tracking values of the policy, through the rules that use them
          const now = clock.now();
          await typed(() => retainUntil(now, policy));
          await typed(() => addDays(now, grantDays(policy, undefined)));
          await typed(() => filingDueDate(now.slice(0, 7), policy));
          await typed(() => deliveryAlerts(order, emptyTracking(), { policy, now }));
          await typed(() =>
            formatPeriodNumber(policy.archive.filing.numberPattern, {
              month: now.slice(0, 7),
              sequence: 9_999_999,
            }),
          );
          await typed(() =>
            formatOrderNumber(policy.intake.numbering.pattern, {
              sequence: Number.MAX_SAFE_INTEGER,
              submittedAt: now,
              timeZone: policy.timeZone,
            }),
          );
        },
      ),
      // each run drives a whole review through the desk; 80 runs take a few seconds
      { numRuns: 80 },
    );
  }, 60_000);

  it('RV-2 a deadline at the most a business calendar allows is computed, not a RangeError', () => {
    const calendar = { workingDays: [3], dayStart: '09:00', dayEnd: '10:00', holidays: [] };
    const policy = loadPolicy({
      timeZone: 'America/New_York',
      review: { deadlines: { calendar, defaultHours: 507, urgentHours: 4 } },
    });
    const most = workingHoursInTenYears(policy.review.deadlines.calendar!);
    expect(most).toBe(507);
    const deadline = addHours('2026-03-05T09:30:00-05:00', most, {
      calendar: policy.review.deadlines.calendar,
      timeZone: policy.timeZone,
    });
    expect(deadline > '2035-01-01').toBe(true);
  });
});

/** Where one invalid value goes in a valid document, and what it is. */
const mistake: fc.Arbitrary<{ path: readonly (string | number)[]; value: unknown }> = fc.oneof(
  fc.record({
    path: fc.constantFrom(
      ['review', 'deadlines', 'defaultHours'],
      ['review', 'deadlines', 'urgentHours'],
      ['intake', 'verbal', 'confirmationDeadlineHours'],
      ['approvals', 'steps', 'salesHead', 'deadlineHours'],
    ),
    value: fc.oneof(
      fc.double({ min: MAX_POLICY_HOURS + 0.001, max: 1e300, noNaN: true }),
      fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN, '24', null),
    ),
  }),
  fc.record({
    path: fc.constantFrom(
      ['review', 'pricing', 'minLeadTimeDays'],
      ['tracking', 'delivery', 'atRiskDays'],
      ['credit', 'overdueSuspendDays'],
    ),
    value: fc.oneof(
      fc.integer({ min: MAX_POLICY_DAYS + 1 }),
      fc.integer({ max: -1 }),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }).map((f) => 7 + f),
    ),
  }),
  fc.record({
    path: fc.constantFrom(
      ['review', 'jointReview', 'largeAmount', 'CNY'],
      ['review', 'contract', 'requiredAbove', 'USD'],
    ),
    value: fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }).map((f) => 100 + f),
      fc.constantFrom(2 ** 53, 1e20),
    ),
  }),
  fc.record({
    path: fc.constantFrom(
      ['review', 'advancePayment', 'customMadePercent'],
      ['credit', 'nearLimitPercent'],
      ['review', 'discount', 'authorityByRole', 'salesperson'],
    ),
    value: fc.oneof(
      fc.double({ min: 100.001, max: 1e9, noNaN: true }),
      fc.double({ min: -1e9, max: -0.001, noNaN: true }),
    ),
  }),
  fc.record({
    path: fc.constantFrom(
      ['intake', 'numbering', 'pattern'],
      ['archive', 'numbering', 'pattern'],
      ['archive', 'filing', 'numberPattern'],
    ),
    value: fc.oneof(
      fc.integer({ min: 17, max: 1e12 }).map((w) => `SO-{seq:${w}}`),
      fc.constantFrom('SO-{YYYY}', 'SO-{seq:0}', 'SO-{YYY}-{seq}', '', `${'X'.repeat(64)}{seq}`),
    ),
  }),
  fc.record({
    path: fc.constant(['archive', 'retention', 'years']),
    value: fc.oneof(fc.integer({ min: MAX_RETENTION_YEARS + 1 }), fc.integer({ max: 0 })),
  }),
  fc.record({
    path: fc.constantFrom(['delegations', 0, 'validFrom'], ['delegations', 0, 'validUntil']),
    value: fc.oneof(
      fc.constantFrom('2026-13-45T00:00:00Z', 'end of March', '2026-03-02T09:00:00', '2026-03-02'),
      zonedInstant().map((i) => i.replace(/(Z|[+-]\d\d:\d\d)$/, '')),
    ),
  }),
  fc.record({
    path: fc.constantFrom(
      ['review', 'jointReveiw'],
      ['rols'],
      ['roles', 'salesHead', 'nextLvl'],
      ['approvals', 'steps', 'jointReview', 'deadline'],
      ['credit', 'releasePaths', 'CR-9'],
      ['archive', 'access', 'grant'],
    ),
    value: fc.constant({}),
  }),
);

function withValue(
  document: PolicyInput,
  path: readonly (string | number)[],
  value: unknown,
): unknown {
  const copy = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
  // a delegation to put the mistake into, when the document has none
  if (path[0] === 'delegations' && !Array.isArray(copy['delegations'])) copy['delegations'] = [];
  const delegations = copy['delegations'] as unknown[] | undefined;
  if (path[0] === 'delegations' && delegations?.length === 0)
    delegations.push({ from: 'u-wang', to: 'u-zhao' });
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
  return copy;
}

describe('an invalid value is a PolicyError at its path', () => {
  it('one mistake put into a valid generated policy gives exactly one issue, at its path', () => {
    fc.assert(
      fc.property(policyDocument, mistake, (document, { path, value }) => {
        let error: unknown;
        try {
          loadPolicy(withValue(document, path, value));
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(PolicyError);
        expect((error as PolicyError).issues.map((i) => i.path)).toEqual([path.join('.')]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('any document is a policy or a PolicyError', () => {
  it('loadPolicy throws nothing but PolicyError, whatever it is given', () => {
    // random values, and random values grafted at random places of a valid document
    const keys = ['review', 'roles', 'approvals', 'credit', 'deadlines', 'steps', 'salesHead', 'x'];
    const grafted = fc
      .tuple(policyDocument, fc.array(fc.constantFrom(...keys), { maxLength: 4 }), fc.anything())
      .map(([document, path, value]) =>
        path.length === 0 ? value : withValue(document, path, value),
      );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.object(), grafted), (document) => {
        try {
          loadPolicy(document);
        } catch (error) {
          expect(error).toBeInstanceOf(PolicyError);
          expect((error as PolicyError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
