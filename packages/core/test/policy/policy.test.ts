import { describe, expect, it } from 'vitest';
import {
  loadPolicy,
  policyJsonSchema,
  PolicyError,
  type InputIssue,
  type PolicyInput,
} from '../../src/index.js';

/** The problems `loadPolicy` lists for a document, sorted by path ([] when it loads). */
function issues(document: unknown): InputIssue[] {
  try {
    loadPolicy(document);
    return [];
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return [...e.issues].sort((a, b) => a.path.localeCompare(b.path));
  }
}
const paths = (document: unknown) => issues(document).map((i) => i.path);
const label = { en: 'Quality', zh: '质量' };

describe('policy document', () => {
  it('defaults reproduce the regulations (RV-2 24 h, IN-4 4 h, RV-8 30 %, RV-6 no authority, RV-7 chain)', () => {
    const p = loadPolicy({});
    expect(p.review.deadlines.defaultHours).toBe(24);
    expect(p.review.deadlines.urgentHours).toBe(4);
    expect(p.review.advancePayment.customMadePercent).toBe(30);
    expect(p.review.discount.authorityByRole).toEqual({ salesperson: 0 });
    expect(p.review.routes.exceptional).toEqual([
      'marketingVpReview',
      'financeDirectorOpinion',
      'presidentApproval',
    ]);
    expect(p.approvals.steps['salesHead']?.stage).toBeGreaterThan(
      p.approvals.steps['jointReview']!.stage,
    );
    expect(p.intake.numbering.pattern).toBe('SO-{YYYY}-{seq:6}');
    expect(Object.keys(p.roles)).toEqual(
      expect.arrayContaining(['salesHead', 'financeDirector', 'president', 'engineering']),
    );
  });

  it('merges given roles and steps over the defaults instead of replacing them', () => {
    const p = loadPolicy({
      roles: { salesHead: { label: { en: 'Head', zh: '主管' }, users: ['u-wang'] } },
    });
    expect(p.roles['salesHead']?.users).toEqual(['u-wang']);
    expect(p.roles['president']).toBeDefined();
  });

  it('refuses an invalid policy listing every problem with its path', () => {
    let error: unknown;
    try {
      loadPolicy({
        timeZone: 'Mars/Olympus',
        review: { deadlines: { defaultHours: -1 }, routes: { always: ['noSuchStep'] } },
        intake: { numbering: { pattern: 'SO-{YYYY}' } },
        approvals: {
          steps: { x: { label: { en: 'x', zh: 'x' }, roles: ['ghost'], stage: 1, ruleId: 'RV-3' } },
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const found = (error as PolicyError).issues.map((i) => i.path);
    // shape problems and cross-reference problems come together, in one error
    expect(found.sort()).toEqual(
      [
        'approvals.steps.x.roles.0',
        'intake.numbering.pattern',
        'review.deadlines.defaultHours',
        'review.routes.always.0',
        'timeZone',
      ].sort(),
    );
    expect((error as PolicyError).code).toBe('INVALID_POLICY');
  });

  it('checks cross-references: unknown roles and steps are named', () => {
    expect(
      issues({
        review: { routes: { always: ['noSuchStep'] } },
        approvals: {
          steps: { x: { label: { en: 'x', zh: 'x' }, roles: ['ghost'], stage: 1, ruleId: 'RV-3' } },
        },
      }),
    ).toEqual([
      { path: 'approvals.steps.x.roles.0', message: 'unknown role "ghost"' },
      { path: 'review.routes.always.0', message: 'unknown approval step "noSuchStep"' },
    ]);
  });

  it('exports a JSON Schema integrators can point their editor at', () => {
    const schema = policyJsonSchema();
    expect(schema['type']).toBe('object');
    const props = schema['properties'] as Record<string, unknown>;
    expect(Object.keys(props)).toEqual(
      expect.arrayContaining(['roles', 'review', 'approvals', 'intake', 'timeZone']),
    );
  });
});

describe('strict policy: unknown keys', () => {
  it('refuses unknown keys at any depth, each at its path with the key likely meant', () => {
    expect(
      issues({
        rols: {},
        review: { jointReveiw: { step: 'jointReview' } },
        roles: { salesHead: { users: ['u-wang'], nextLvl: 'president' } },
        approvals: { steps: { salesHead: { deadlinHours: 8 } } },
        currencies: { CNY: { minorUnits: 2, symbol: '¥' } },
        credit: { gradeActions: { E: 'block' } },
      }),
    ).toEqual([
      {
        path: 'approvals.steps.salesHead.deadlinHours',
        message: 'unknown key "deadlinHours" (did you mean "deadlineHours"?)',
      },
      { path: 'credit.gradeActions.E', message: 'unknown key "E"' },
      { path: 'currencies.CNY.symbol', message: 'unknown key "symbol"' },
      {
        path: 'review.jointReveiw',
        message: 'unknown key "jointReveiw" (did you mean "jointReview"?)',
      },
      {
        path: 'roles.salesHead.nextLvl',
        message: 'unknown key "nextLvl" (did you mean "nextLevel"?)',
      },
      { path: 'rols', message: 'unknown key "rols" (did you mean "roles"?)' },
    ]);
  });

  it('the JSON Schema closes every object (additionalProperties: false) and lets record entries be partial', () => {
    interface Node {
      type?: string;
      properties?: Record<string, Node>;
      additionalProperties?: Node | false;
      items?: Node;
      required?: string[];
      maximum?: number;
    }
    const schema = policyJsonSchema() as Node;
    const objects: [string, Node][] = [];
    const walk = (node: Node, path: string) => {
      if (node.properties) objects.push([path, node]);
      for (const [k, v] of Object.entries(node.properties ?? {})) walk(v, `${path}.${k}`);
      if (node.additionalProperties) walk(node.additionalProperties, `${path}.*`);
      if (node.items) walk(node.items, `${path}[]`);
    };
    walk(schema, '');
    expect(objects.length).toBeGreaterThan(30);
    expect(objects.filter(([, n]) => n.additionalProperties !== false).map(([p]) => p)).toEqual([]);
    const at = (...keys: string[]) =>
      keys.reduce<Node | undefined>(
        (n, k) => (k === '*' ? n?.additionalProperties || undefined : n?.properties?.[k]),
        schema,
      );
    // a role entry is closed, and partial: { salesHead: { users: [...] } } is a valid document
    expect(at('roles', '*')?.required).toBeUndefined();
    expect(at('approvals', 'steps', '*')?.required).toBeUndefined();
    // a delegation replaces the default list whole, so it is complete
    expect(at('delegations')?.items?.required).toEqual(['from', 'to']);
    // bounds are stated for editors too
    expect(at('review', 'deadlines', 'defaultHours')?.maximum).toBe(87_600);
    expect(at('archive', 'retention', 'years')?.maximum).toBe(100);
  });
});

describe('strict policy: dates and delegations', () => {
  const delegation = {
    from: 'u-wang',
    to: 'u-zhao',
    roles: ['salesHead'],
    validFrom: '2026-03-02T00:00:00+08:00',
    validUntil: '2026-03-13T23:59:59+08:00',
  };

  it('a delegation window of zoned ISO instants loads', () => {
    expect(loadPolicy({ delegations: [delegation] }).delegations).toEqual([delegation]);
  });

  it.each([
    ['2026-13-45T00:00:00+08:00', 'an impossible date'],
    ['2026-02-30T00:00:00Z', 'a day the month does not have'],
    ['end of March', 'words'],
    ['2026-03-02T09:00:00', 'a time without a zone'],
    ['2026-03-02', 'a date without a time'],
  ])('refuses %s (%s) at its path', (validFrom) => {
    expect(issues({ delegations: [{ ...delegation, validFrom }] })).toEqual([
      {
        path: 'delegations.0.validFrom',
        message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-02T09:30:00+08:00',
      },
    ]);
  });

  it('refuses a window that ends before (or when) it starts, comparing instants across zones', () => {
    expect(
      issues({
        delegations: [
          { ...delegation, validUntil: '2026-03-01T23:59:59+08:00' },
          // the same instant written in two zones
          {
            ...delegation,
            validFrom: '2026-03-02T08:00:00+08:00',
            validUntil: '2026-03-02T00:00:00Z',
          },
        ],
      }),
    ).toEqual([
      { path: 'delegations.0.validUntil', message: 'must be after validFrom' },
      { path: 'delegations.1.validUntil', message: 'must be after validFrom' },
    ]);
  });

  it('refuses a delegation to oneself', () => {
    expect(issues({ delegations: [{ ...delegation, to: 'u-wang' }] })).toEqual([
      { path: 'delegations.0.to', message: 'a user cannot delegate to themselves ("u-wang")' },
    ]);
  });

  it('reports a malformed window once: no "must be after" beside it', () => {
    expect(
      paths({
        delegations: [{ ...delegation, validFrom: 'soon', validUntil: '2020-01-01T00:00:00Z' }],
      }),
    ).toEqual(['delegations.0.validFrom']);
  });

  it('holidays are calendar dates', () => {
    expect(
      paths({
        review: { deadlines: { calendar: { holidays: ['2026-10-01', '2026-02-30', 'May Day'] } } },
      }),
    ).toEqual(['review.deadlines.calendar.holidays.1', 'review.deadlines.calendar.holidays.2']);
  });
});

describe('strict policy: one pass, each mistake once', () => {
  it('RV-3 one empty role label is one issue, not one per reference to the role', () => {
    expect(issues({ roles: { salesHead: { label: { en: '', zh: '主管' } } } })).toEqual([
      {
        path: 'roles.salesHead.label.en',
        message: 'Too small: expected string to have >=1 characters',
      },
    ]);
  });

  it('a malformed new role still counts as a role for the steps that name it', () => {
    expect(
      issues({
        roles: { quality: { users: ['u-liu'] } }, // a new role without its label
        approvals: {
          steps: { qualityReview: { label, roles: ['quality'], stage: 15, ruleId: 'RV-5' } },
        },
        review: { routes: { regular: ['regularReview', 'qualityReview'] } },
      }),
    ).toEqual([{ path: 'roles.quality.label', message: 'required: expected object' }]);
  });

  it('a malformed step still counts as a step for the routes that name it', () => {
    expect(
      issues({
        approvals: {
          steps: {
            qualityReview: { label, roles: ['production'], stage: 'fifteen', ruleId: 'RV-5' },
          },
        },
        review: { routes: { regular: ['qualityReview'] } },
      }),
    ).toEqual([
      {
        path: 'approvals.steps.qualityReview.stage',
        message: 'Invalid input: expected number, received string',
      },
    ]);
  });

  it('RV-2 a calendar whose day starts badly is reported once, not again as "day ends before it starts"', () => {
    expect(
      paths({
        review: {
          deadlines: { calendar: { dayStart: '9am', dayEnd: '08:30' }, defaultHours: 60_000 },
        },
      }),
    ).toEqual(['review.deadlines.calendar.dayStart']);
  });

  it('problems in different sections all show, whatever their kind', () => {
    expect(
      paths({
        timeZone: 'Mars/Olympus',
        review: { routes: { always: ['noSuchStep'] }, jointReveiw: {} },
        delegations: [{ from: 'u-a', to: 'u-a' }],
        credit: { approvalStep: 'ghostStep', nearLimitPercent: 120 },
      }),
    ).toEqual([
      'credit.approvalStep',
      'credit.nearLimitPercent',
      'delegations.0.to',
      'review.jointReveiw',
      'review.routes.always.0',
      'timeZone',
    ]);
  });

  it('a document that is not an object is one issue at the root', () => {
    expect(issues('roles: everyone')).toEqual([
      { path: '', message: 'Invalid input: expected object, received string' },
    ]);
  });

  it('leaves the document it reads untouched', () => {
    const document = { roles: { salesHead: { users: ['u-wang'], nextLvl: 'x' } }, rols: {} };
    const copy = JSON.parse(JSON.stringify(document)) as unknown;
    issues(document);
    loadPolicy({ roles: { salesHead: { users: ['u-wang'] } } });
    expect(document).toEqual(copy);
  });
});

describe('partial overrides merge into the defaults', () => {
  it('RV-3 adding a user to a role keeps its label and next level', () => {
    const p = loadPolicy({ roles: { salesHead: { users: ['u-wang'] } } });
    expect(p.roles['salesHead']).toEqual({
      label: { en: 'Sales department head', zh: '销售部门负责人' },
      users: ['u-wang'],
      groups: [],
      nextLevel: 'generalManager',
    });
  });

  it('changing one field of a default approval step keeps the rest of it, and the other steps', () => {
    const p = loadPolicy({ approvals: { steps: { jointReview: { deadlineHours: 8 } } } });
    expect(p.approvals.steps['jointReview']).toMatchObject({
      roles: ['technical', 'finance', 'production'],
      mode: 'eachDepartment',
      stage: 20,
      ruleId: 'RV-4',
      deadlineHours: 8,
    });
    expect(Object.keys(p.approvals.steps)).toEqual(Object.keys(loadPolicy().approvals.steps));
  });

  it('one label of a role in one language', () => {
    expect(
      loadPolicy({ roles: { salesHead: { label: { en: 'Head of sales' } } } }).roles['salesHead']
        ?.label,
    ).toEqual({ en: 'Head of sales', zh: '销售部门负责人' });
  });

  it('arrays replace the default whole', () => {
    const p = loadPolicy({
      review: { routes: { always: ['salesHead', 'legalReview'] } },
      roles: { salesHead: { users: ['u-wang'] } },
    });
    expect(p.review.routes.always).toEqual(['salesHead', 'legalReview']);
    expect(
      loadPolicy({ roles: { salesHead: { users: ['u-zhao'] } } }).roles['salesHead']?.users,
    ).toEqual(['u-zhao']);
  });

  it('records keyed by name merge entry by entry: RV-4 thresholds, CH-2 departments, currencies, RV-6 authority', () => {
    const p = loadPolicy({
      review: {
        jointReview: { largeAmount: { CNY: 50_000_000 } },
        discount: { authorityByRole: { salesHead: 15 } },
      },
      change: { departments: { paymentTerms: ['financeDirector'] } },
      currencies: { XAU: { minorUnits: 3 } },
    });
    expect(p.review.jointReview.largeAmount).toEqual({
      CNY: 50_000_000,
      USD: 15_000_000,
      EUR: 14_000_000,
    });
    expect(p.review.discount.authorityByRole).toEqual({ salesperson: 0, salesHead: 15 });
    expect(p.change.departments['paymentTerms']).toEqual(['financeDirector']);
    expect(p.change.departments['lines.unitPrice']).toEqual(['finance']);
    expect(p.currencies['XAU']).toEqual({ minorUnits: 3 });
    expect(p.currencies['CNY']).toEqual({ minorUnits: 2 });
  });

  it('CR-2 one grade action changes, the others keep their defaults', () => {
    expect(loadPolicy({ credit: { gradeActions: { C: 'block' } } }).credit.gradeActions).toEqual({
      A: 'pass',
      B: 'pass',
      C: 'block',
      D: 'block',
    });
  });

  it('a new role or step gives its required fields', () => {
    expect(paths({ approvals: { steps: { qualityReview: { roles: ['production'] } } } })).toEqual([
      'approvals.steps.qualityReview.label',
      'approvals.steps.qualityReview.ruleId',
      'approvals.steps.qualityReview.stage',
    ]);
    const typed: PolicyInput = { roles: { quality: { label, groups: ['qa'] } } };
    expect(loadPolicy(typed).roles['quality']).toEqual({ label, users: [], groups: ['qa'] });
  });
});

describe('strict policy: every value bounded, so a policy that loads runs', () => {
  it.each<[string, PolicyInput, string]>([
    [
      'RV-2 review hours',
      { review: { deadlines: { defaultHours: 87_601 } } },
      'review.deadlines.defaultHours',
    ],
    [
      'RV-2 hours are positive',
      { review: { deadlines: { urgentHours: 0 } } },
      'review.deadlines.urgentHours',
    ],
    [
      'RV-2 hours per order type',
      { review: { deadlines: { byOrderType: { export: 1e300 } } } },
      'review.deadlines.byOrderType.export',
    ],
    [
      'RV-2 step deadline',
      { approvals: { steps: { salesHead: { deadlineHours: -1 } } } },
      'approvals.steps.salesHead.deadlineHours',
    ],
    [
      'IN-3 confirmation deadline',
      { intake: { verbal: { confirmationDeadlineHours: 1e12 } } },
      'intake.verbal.confirmationDeadlineHours',
    ],
    [
      'RV-1 lead time',
      { review: { pricing: { minLeadTimeDays: 3_651 } } },
      'review.pricing.minLeadTimeDays',
    ],
    [
      'RV-1 lead time in whole days',
      { review: { pricing: { minLeadTimeDays: 1.5 } } },
      'review.pricing.minLeadTimeDays',
    ],
    [
      'TR-2 at-risk days',
      { tracking: { delivery: { atRiskDays: -1 } } },
      'tracking.delivery.atRiskDays',
    ],
    ['CR-6 overdue days', { credit: { overdueSuspendDays: 1e9 } }, 'credit.overdueSuspendDays'],
    ['CR-7 ageing buckets', { credit: { ageingBuckets: [30, 60, 1e9] } }, 'credit.ageingBuckets.2'],
    [
      'RV-4 thresholds are not negative',
      { review: { jointReview: { largeAmount: { CNY: -1 } } } },
      'review.jointReview.largeAmount.CNY',
    ],
    [
      'RV-4 thresholds are safe integers',
      { review: { jointReview: { largeAmount: { USD: 2 ** 60 } } } },
      'review.jointReview.largeAmount.USD',
    ],
    [
      'RV-10 thresholds are minor units',
      { review: { contract: { requiredAbove: { CNY: 10.5 } } } },
      'review.contract.requiredAbove.CNY',
    ],
    [
      'RV-6 authority in percent',
      { review: { discount: { authorityByRole: { salesperson: 101 } } } },
      'review.discount.authorityByRole.salesperson',
    ],
    [
      'RV-8 advance in percent',
      { review: { advancePayment: { customMadePercent: -5 } } },
      'review.advancePayment.customMadePercent',
    ],
    ['CR-5 near-limit percent', { credit: { nearLimitPercent: 150 } }, 'credit.nearLimitPercent'],
    [
      'IN-1 sequence width',
      { intake: { numbering: { pattern: 'SO-{seq:1000000000}' } } },
      'intake.numbering.pattern',
    ],
    [
      'IN-1 sequence width at least 1',
      { intake: { numbering: { pattern: 'SO-{seq:0}' } } },
      'intake.numbering.pattern',
    ],
    [
      'IN-1 pattern length',
      { intake: { numbering: { pattern: `${'X'.repeat(70)}{seq}` } } },
      'intake.numbering.pattern',
    ],
    [
      'IN-1 unknown placeholder',
      { intake: { numbering: { pattern: 'SO-{YYY}-{seq:6}' } } },
      'intake.numbering.pattern',
    ],
    [
      'AR-3 archive number width',
      { archive: { numbering: { pattern: 'AR-{seq:17}' } } },
      'archive.numbering.pattern',
    ],
    [
      'AR-3 filing number',
      { archive: { filing: { numberPattern: 'HT-{YYYY}' } } },
      'archive.filing.numberPattern',
    ],
    ['AR-6 retention years', { archive: { retention: { years: 101 } } }, 'archive.retention.years'],
    [
      'AR-5 grant days',
      { archive: { access: { maxGrantDays: 1e7 } } },
      'archive.access.maxGrantDays',
    ],
    [
      'AR-5 default grant within the maximum',
      { archive: { access: { grantDays: 31 } } },
      'archive.access.grantDays',
    ],
    [
      'RV-2 calendar day ends after it starts',
      { review: { deadlines: { calendar: { dayStart: '18:00', dayEnd: '09:00' } } } },
      'review.deadlines.calendar.dayEnd',
    ],
    [
      'RV-2 calendar day of zero length',
      { review: { deadlines: { calendar: { dayStart: '09:00', dayEnd: '09:00' } } } },
      'review.deadlines.calendar.dayEnd',
    ],
  ])('%s', (_what, document, path) => {
    expect(paths(document)).toEqual([path]);
  });

  it('RV-2 with a business calendar, a deadline must fall within ten years of its working time', () => {
    const calendar = { workingDays: [1], dayStart: '09:00', dayEnd: '10:00' }; // 1 h a week
    expect(issues({ review: { deadlines: { calendar, defaultHours: 600 } } })).toEqual([
      {
        path: 'review.deadlines.defaultHours',
        message: '600 working hours do not fit in ten years of the business calendar (at most 507)',
      },
    ]);
    expect(() =>
      loadPolicy({ review: { deadlines: { calendar, defaultHours: 507, urgentHours: 4 } } }),
    ).not.toThrow();
  });
});
