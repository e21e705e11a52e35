// Issue 11, notifications by e-mail for an ERP without a channel: MailNotifier (nodemailer)
// against a real SMTP server on 127.0.0.1 (smtp-server, with AUTH), each person only when a step
// is theirs to act on now, a held order telling the credit approvers, and no password anywhere.
import { inspect } from 'node:util';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore, Ordergate, type Effect } from '@ordergate/core';
import { erpReceiver, MailNotifier } from '../src/index.js';
import { companyPolicy, orderInput, people } from './support/scenario.js';

const PASSWORD = 'smtp-test-password-do-not-log';

interface Received {
  from: string;
  to: string[];
  data: string;
}

describe('MailNotifier through a local SMTP server', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port = 0;
  let refuse = false;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true, // 127.0.0.1 only, in a test
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'ordergate' && auth.password === PASSWORD)
          callback(null, { user: 'ordergate' });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        let data = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (data += chunk));
        stream.on('end', () => {
          if (refuse) {
            const error = new Error('mailbox unavailable') as Error & { responseCode: number };
            error.responseCode = 550;
            callback(error);
            return;
          }
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const directory = {
    'u-li': 'li@example.cn',
    'u-qian': { email: 'qian@example.cn', groups: ['finance_director'] },
    'u-liu': { email: 'liu@example.cn', groups: ['production'] },
    'u-wang': { email: 'wang@example.cn', groups: ['sales_heads'] },
  };
  const mailer = (password = PASSWORD) =>
    new MailNotifier({
      smtp: { host: '127.0.0.1', port, user: 'ordergate', password },
      from: 'ordergate <ordergate@example.cn>',
      directory,
      policy: companyPolicy(),
    });

  it('CR-4 a held order tells the credit approvers (the finance director) to act and its owner that it is held; nobody else', async () => {
    received.length = 0;
    const m = mailer();
    const applied: Effect[] = [];
    const og = new Ordergate({
      policy: companyPolicy(),
      store: new MemoryStore(),
      clock: { now: () => '2026-03-02T01:00:00.000Z' },
      ids: { next: (p) => `${p}-1` },
      receiver: erpReceiver({ apply: (e) => Promise.resolve(void applied.push(e)) }, { mailer: m }),
    });
    await og.putCustomer({
      id: 'c-1',
      name: 'Shanghai Precision Machinery Co., Ltd.',
      credit: { grade: 'B', limit: { amount: 100_000, currency: 'CNY' } },
    });
    const r = await og.submit(orderInput('o-held'), people.li);
    expect(r.ok && r.value.workflow.status).toBe('credit_hold');
    expect(await og.pendingEffects()).toEqual([]); // delivered: to the connector, then by mail
    expect(applied.length).toBeGreaterThan(0);
    const to = received.map((x) => x.to.join()).sort();
    expect(to).toEqual(['li@example.cn', 'qian@example.cn']);
    const toQian = received.find((x) => x.to[0] === 'qian@example.cn')!;
    expect(toQian.data).toMatch(/Your approval is asked/);
    expect(toQian.data).toMatch(/Message-ID: <o-held:[^>]+\.u-qian@ordergate>/i);
    const toLi = received.find((x) => x.to[0] === 'li@example.cn')!;
    expect(toLi.data).toMatch(/X-Ordergate-Effect: o-held:/);
    m.close();
  });

  it('RV-3 decision 009: an approval is not mailed to a barred party even if the directory puts them in the role’s group', async () => {
    received.length = 0;
    const m = mailer();
    const effect: Effect = {
      type: 'scheduleApproval',
      key: 'o-9:2:1',
      orderId: 'o-9',
      step: 'regularReview',
      roles: ['production', 'salesHead'],
      users: [],
      barred: ['u-wang'],
      ruleIds: ['RV-5'],
    };
    expect(m.recipients(effect)).toEqual(['u-liu']);
    expect(await m.deliver(effect)).toEqual({ sent: ['u-liu'], noAddress: [] });
    expect(received.map((x) => x.to)).toEqual([['liu@example.cn']]);
    // a person without an address is skipped, not an error
    const notify: Effect = {
      type: 'notify',
      key: 'o-9:3:0',
      orderId: 'o-9',
      to: { users: ['u-nobody', 'u-li'] },
      messageKey: 'credit.hold.released',
      params: {},
    };
    expect(await m.deliver(notify)).toEqual({ sent: ['u-li'], noAddress: ['u-nobody'] });
    // effects that tell nobody send nothing
    expect(await m.deliver({ type: 'lockOrder', key: 'o-9:4:0', orderId: 'o-9' })).toEqual({
      sent: [],
      noAddress: [],
    });
    m.close();
  });

  it('issue 11: a refused mail rejects (the outbox retries it) and neither the password nor an address appears in the error or in util.inspect', async () => {
    const notify: Effect = {
      type: 'notify',
      key: 'o-9:5:0',
      orderId: 'o-9',
      to: { users: ['u-li'] },
      messageKey: 'credit.hold.released',
      params: {},
    };
    const wrong = mailer('wrong-password-also-secret');
    const authError = await wrong.deliver(notify).catch((e: unknown) => e as Error);
    expect(authError).toBeInstanceOf(Error);
    expect(String((authError as Error).message)).toMatch(
      /SMTP relay refused the mail for effect o-9:5:0 \(EAUTH/,
    );
    refuse = true;
    const m = mailer();
    const refused = await m.deliver(notify).catch((e: unknown) => e as Error);
    refuse = false;
    expect((refused as Error).message).toMatch(/550/);
    for (const text of [
      (authError as Error).message,
      inspect(authError, { depth: 5 }),
      (refused as Error).message,
      inspect(m, { depth: 5 }),
      JSON.stringify({ m }),
    ]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('wrong-password-also-secret');
      expect(text).not.toContain('li@example.cn');
    }
    wrong.close();
    m.close();
  });
});
