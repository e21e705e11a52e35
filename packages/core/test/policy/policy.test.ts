import { describe, expect, it } from 'vitest';
import { loadPolicy, policyJsonSchema, PolicyError } from '../../src/index.js';

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
    const paths = (error as PolicyError).issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'timeZone',
        'review.deadlines.defaultHours',
        'intake.numbering.pattern',
      ]),
    );
    expect((error as PolicyError).code).toBe('INVALID_POLICY');
  });

  it('checks cross-references: unknown roles and steps are named', () => {
    expect(() =>
      loadPolicy({
        review: { routes: { always: ['noSuchStep'] } },
        approvals: {
          steps: { x: { label: { en: 'x', zh: 'x' }, roles: ['ghost'], stage: 1, ruleId: 'RV-3' } },
        },
      }),
    ).toThrow(
      /review\.routes\.always\.0: unknown approval step "noSuchStep".*|approvals\.steps\.x\.roles\.0: unknown role "ghost"/,
    );
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
