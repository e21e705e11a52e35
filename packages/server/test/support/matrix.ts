// The authorisation matrix of issue 11: every order command × every person of the company
// policy (one per role) × their own order and someone else's, in review and confirmed. The
// answer of the HTTP API must be what the core allows: `og.allowedActions` for the actions it
// probes, a direct core call on the same state for the others. The state is put back after
// every command that succeeded, so every cell starts from the same data.
import { expect } from 'vitest';
import type { ActorInput, AllowedAction, OrderAction, Ordergate, Result } from '@ordergate/core';
import { refusalStatus } from '../../src/index.js';
import { dumpSchema, restoreSchema, type Query } from './dump.js';
import type { desk } from './http.js';
import { orderInput, people } from './scenario.js';

type Desk = ReturnType<typeof desk>;

interface Command {
  slug: string;
  /** The action `allowedActions` names for it; else the core is called directly. */
  action?: OrderAction;
  body?: unknown;
  core?: (og: Ordergate, id: string, actor: ActorInput) => Promise<Result<unknown>>;
}

const SIGNED = '2026-03-02T10:00:00+08:00';

/** Every command on an order, with a body a permitted caller would send. */
export const ORDER_COMMANDS: Command[] = [
  { slug: 'approve', action: 'approve' },
  { slug: 'reject', action: 'reject', body: { reason: 'no' } },
  { slug: 'return', action: 'returnToSales', body: { reason: 'fix' } },
  { slug: 'written-confirmation', action: 'recordWrittenConfirmation', body: { reference: 'W-1' } },
  {
    slug: 'contract-review',
    action: 'recordContractReview',
    body: { outcome: 'approved', reference: 'L-1' },
  },
  {
    slug: 'contract-signed',
    action: 'recordContractSigned',
    body: { signedAt: SIGNED, reference: 'HT-1' },
  },
  { slug: 'confirm', action: 'confirm' },
  { slug: 'release-credit', action: 'releaseCredit', body: { reason: 'ok' } },
  { slug: 'decline-credit', action: 'declineCredit', body: { reason: 'no' } },
  { slug: 'prepayments', action: 'recordPrepayment', body: { amount: 1 } },
  { slug: 'guarantees', action: 'recordGuarantee', body: { reference: 'G-1' } },
  { slug: 'request-cancellation', action: 'requestCancellation', body: { reason: 'no longer' } },
  { slug: 'approve-change', action: 'approveChange' },
  { slug: 'reject-change', action: 'rejectChange', body: { reason: 'no' } },
  { slug: 'deliver', action: 'deliver', body: {} },
  { slug: 'complete', action: 'complete' },
  { slug: 'withdraw-change', action: 'withdrawChange' },
  {
    slug: 'amendment-signed',
    action: 'recordAmendmentSigned',
    body: { reference: 'A-1', signedAt: SIGNED },
  },
  {
    slug: 'edit',
    action: 'editOrder',
    body: { patch: [{ op: 'set', field: 'paymentTerms', value: 'NET60' }] },
  },
  { slug: 'shipping-exception', action: 'requestShippingException', body: { reason: 'urgent' } },
  { slug: 'shipping-exception/approve', action: 'approveShippingException' },
  { slug: 'shipping-exception/reject', action: 'rejectShippingException', body: { reason: 'no' } },
  {
    slug: 'request-change',
    body: {
      baseRevision: 1,
      reason: 'more',
      impact: 'more',
      patch: [{ op: 'updateLine', lineId: 'l1', set: { quantity: 3 } }],
    },
    core: (og, id, a) =>
      og.requestChange(id, a, {
        baseRevision: 1,
        reason: 'more',
        impact: 'more',
        patch: [{ op: 'updateLine', lineId: 'l1', set: { quantity: 3 } }],
      }),
  },
  {
    slug: 'progress',
    body: { step: 'production', status: 'started' },
    core: (og, id, a) => og.recordProgress(id, a, { step: 'production', status: 'started' }),
  },
  {
    slug: 'forecast',
    body: { date: '2026-04-20' },
    core: (og, id, a) => og.forecastDelivery(id, a, { date: '2026-04-20' }),
  },
  {
    slug: 'issues',
    body: { kind: 'damage', remedy: 'replace', description: 'dented' },
    core: (og, id, a) =>
      og.reportIssue(id, a, { kind: 'damage', remedy: 'replace', description: 'dented' }),
  },
  {
    slug: 'close-issue',
    body: { issueId: 'i-1', resolution: 'done' },
    core: (og, id, a) => og.closeIssue(id, a, { issueId: 'i-1', resolution: 'done' }),
  },
  {
    slug: 'settle',
    body: { paid: true },
    core: (og, id, a) => og.settle(id, a, { paid: true }),
  },
  { slug: 'archive', core: (og, id, a) => og.archive(id, a) },
];

/** Someone else's orders belong to this salesperson (no person of the matrix). */
export const OTHER = { id: 'u-zhou', groups: ['sales'] };

async function approveAll(d: Desk, id: string, except: string) {
  const approvers = [...Object.values(people), OTHER].filter((p) => p.id !== except);
  for (let round = 0; round < 20; round++) {
    if ((await d.og.order(id))?.workflow.status !== 'in_review') return;
    let moved = false;
    for (const who of approvers) if ((await d.og.approve(id, who)).ok) moved = true;
    if (!moved) return;
  }
}

/** Orders of `owner`: one in review, one confirmed (when the core lets the owner get there). */
async function ordersOf(d: Desk, owner: ActorInput, tag: string): Promise<string[]> {
  const ids: string[] = [];
  const review = `m-${tag}-r`;
  const input = { ...orderInput(review), salesperson: owner.id };
  if ((await d.og.submit(input, owner)).ok) ids.push(review);
  const conf = `m-${tag}-c`;
  if ((await d.og.submit({ ...input, id: conf }, owner)).ok) {
    await approveAll(d, conf, owner.id);
    if ((await d.og.confirm(conf, owner)).ok) ids.push(conf);
  }
  return ids;
}

export interface MatrixFigures {
  cells: number;
  allowed: number;
  viaAllowedActions: number;
  viaDirectCall: number;
  ownOrders: number;
}

/**
 * Runs the matrix on `d` (an app over a PostgresStore in `schema`, reached through `q`) and
 * asserts every cell; answers how many cells it checked.
 */
export async function authorisationMatrix(
  d: Desk,
  q: Query,
  schema: string,
): Promise<MatrixFigures> {
  const persons = Object.entries(people);
  const own = new Map<string, string[]>();
  let ownOrders = 0;
  for (const [name, p] of persons) {
    const ids = await ordersOf(d, p, name);
    ownOrders += ids.length;
    own.set(name, ids);
  }
  const others = await ordersOf(d, OTHER, 'other');
  expect(others).toHaveLength(2);
  // someone other than the owner of the salesperson role must have an own confirmed order
  expect(own.get('li')).toHaveLength(2);
  const baseline = await dumpSchema(q, schema);

  const figures: MatrixFigures = {
    cells: 0,
    allowed: 0,
    viaAllowedActions: 0,
    viaDirectCall: 0,
    ownOrders,
  };
  for (const [name, person] of persons) {
    for (const orderId of [...(own.get(name) ?? []), ...others]) {
      const allowed = new Map<OrderAction, AllowedAction>(
        (await d.og.allowedActions(orderId, person)).map((a) => [a.action, a]),
      );
      for (const cmd of ORDER_COMMANDS) {
        const where = `${name} ${cmd.slug} on ${orderId}`;
        const r = await d.call('POST', `/v1/orders/${orderId}/${cmd.slug}`, person, cmd.body);
        const succeeded = r.status < 300 || r.status === 422;
        if (succeeded) await restoreSchema(q, schema, baseline);
        figures.cells++;
        if (succeeded) figures.allowed++;
        if (cmd.action) {
          figures.viaAllowedActions++;
          const verdict = allowed.get(cmd.action);
          expect(verdict, where).toBeDefined();
          if (verdict?.allowed) expect([200, 422], where).toContain(r.status);
          else {
            expect(
              { status: r.status, code: r.body.code },
              `${where}: ${JSON.stringify(r.body).slice(0, 200)}`,
            ).toEqual({
              status: refusalStatus(verdict?.code as never),
              code: verdict?.code,
            });
          }
        } else if (cmd.core) {
          figures.viaDirectCall++;
          const direct = await cmd.core(d.og, orderId, person);
          if (direct.ok || direct.code === 'RETURNED') await restoreSchema(q, schema, baseline);
          if (direct.ok) expect(r.status, `${where}: ${JSON.stringify(r.body)}`).toBe(200);
          else
            expect({ status: r.status, code: r.body.code }, where).toEqual({
              status: refusalStatus(direct.code),
              code: direct.code,
            });
        }
      }
    }
  }
  expect(await dumpSchema(q, schema)).toBe(baseline);
  return figures;
}
