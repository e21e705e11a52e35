// Write-back of core effects against a real Odoo (recorded): every write idempotent — the same
// effect applied twice leaves one message, one activity per approver (RV-3).
import type { Effect } from '@ordergate/core';
import { expect, it } from 'vitest';
import { OdooConnector } from '../src/index.js';
import { connectionReset, describeOdoo } from './support/odooHarness.js';
import { createScenario, type Scenario } from './support/odooScenario.js';

describeOdoo('writeback', (ctx) => {
  let s: Scenario;
  const order = () => String(s.draftOrderId);

  it('sets up orders to write on', async () => {
    s = await ctx.scenario('setup', async () => {
      const admin = await OdooConnector.connect(ctx.config());
      return createScenario(admin.client, 'wb');
    });
  });

  it('posts a chatter message once, however often the effect is applied', async () => {
    const odoo = await ctx.connect();
    const effect: Effect = {
      type: 'postMessage',
      key: `${s.suffix}:msg:1`,
      orderId: order(),
      messageKey: 'test.message',
      params: { n: 1 },
      ruleId: 'RV-3',
    };
    const first = await odoo.apply(effect);
    const second = await odoo.apply(effect);
    expect(first.status).toBe('applied');
    expect(second.status).toBe('already-applied');
    expect(second.records).toEqual(first.records);
    const found = await odoo.client.searchRead('mail.message', {
      domain: [
        ['model', '=', 'sale.order'],
        ['res_id', '=', s.draftOrderId],
        ['message_id', 'like', s.suffix],
      ],
      fields: ['body'],
    });
    expect(found).toHaveLength(1);
    expect(String(found[0]!.body)).toContain('RV-3');
  });

  it('schedules one approval activity per approver (RV-3), roles mapped to Odoo users', async () => {
    const odoo = await ctx.connect(
      {},
      { writeBack: { roleUsers: { salesHead: ['admin'], finance: [String(s.demoUid)] } } },
    );
    const effect: Effect = {
      type: 'scheduleApproval',
      key: `${s.suffix}:appr:1`,
      orderId: order(),
      step: 'review',
      roles: ['salesHead', 'finance'],
      users: [],
      deadline: '2026-12-01T09:00:00Z',
      ruleIds: ['RV-3'],
    };
    const first = await odoo.apply(effect);
    const second = await odoo.apply(effect);
    expect(first).toMatchObject({ status: 'applied' });
    expect(first.records).toHaveLength(2);
    expect(second.status).toBe('already-applied');
    const acts = await odoo.client.searchRead('mail.activity', {
      domain: [
        ['res_model', '=', 'sale.order'],
        ['res_id', '=', s.draftOrderId],
      ],
      fields: ['user_id', 'date_deadline', 'summary'],
    });
    expect(acts.map((a) => (a.user_id as [number, string])[0]).sort()).toEqual(
      [s.adminUid, s.demoUid].sort(),
    );
    expect(acts[0]!.date_deadline).toBe('2026-12-01');

    const close: Effect = {
      type: 'closeApproval',
      key: `${s.suffix}:close:1`,
      orderId: order(),
      step: 'review',
    };
    expect((await odoo.apply(close)).status).toBe('applied');
    expect((await odoo.apply(close)).status).toBe('already-applied');
  });

  it('locks and unlocks once', async () => {
    const odoo = await ctx.connect();
    const id = String(s.confirmedOrderId);
    const lock: Effect = { type: 'lockOrder', key: `${s.suffix}:lock`, orderId: id };
    expect((await odoo.apply(lock)).status).toBe('applied');
    expect((await odoo.apply(lock)).status).toBe('already-applied');
    const [locked] = await odoo.client.read('sale.order', [s.confirmedOrderId], ['locked']);
    expect(locked!.locked).toBe(true);
    const unlock: Effect = { type: 'unlockOrder', key: `${s.suffix}:unlock`, orderId: id };
    expect((await odoo.apply(unlock)).status).toBe('applied');
    expect((await odoo.apply(unlock)).status).toBe('already-applied');
  });

  it('a message whose answer is lost is not posted twice when retried', async () => {
    let drop = true;
    const odoo = await ctx.connect(
      {},
      {
        faultAfter: ({ path, body }) => {
          if (drop && `${path} ${JSON.stringify(body)}`.includes('message_post')) {
            drop = false;
            return connectionReset();
          }
          return undefined;
        },
      },
    );
    const effect: Effect = {
      type: 'postMessage',
      key: `${s.suffix}:msg:lost`,
      orderId: order(),
      messageKey: 'test.lost',
      params: {},
    };
    const outcome = await odoo.apply(effect);
    expect(outcome.status).toBe('already-applied'); // the retry found what the lost call wrote
    const found = await odoo.client.searchRead('mail.message', {
      domain: [['message_id', 'like', `${s.suffix}%3Amsg%3Alost`]],
      fields: ['id'],
    });
    expect(found).toHaveLength(1);
  });

  it('cancels once, with the reason on the chatter', async () => {
    const odoo = await ctx.connect();
    const effect: Effect = {
      type: 'cancelOrder',
      key: `${s.suffix}:cancel`,
      orderId: String(s.confirmedOrderId),
      reason: 'customer withdrew',
    };
    expect((await odoo.apply(effect)).status).toBe('applied');
    expect((await odoo.apply(effect)).status).toBe('already-applied');
    const [row] = await odoo.client.read('sale.order', [s.confirmedOrderId], ['state']);
    expect(row!.state).toBe('cancel');
  });
});
