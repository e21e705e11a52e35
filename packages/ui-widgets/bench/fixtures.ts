// The service's answers the render benchmark and the component tests mount the panels on: an order in review with `steps` route steps, and a delivered order with `n` events.

/** An order picture in review with `steps` steps (a joint review, an overdue, an escalation). */
export function approvalPicture(steps: number, now: number) {
  const route = Array.from({ length: steps }, (_, i) => ({
    key: `s${String(i)}`,
    mode: i === 1 ? 'eachDepartment' : 'any',
    label: { en: `Step ${String(i)}`, zh: `步骤 ${String(i)}` },
    roles: i === 1 ? ['technical', 'finance'] : ['production'],
    stage: i,
    status: i < 1 ? 'approved' : i < 2 ? 'active' : 'waiting',
    overdue: false,
    ruleIds: ['RV-4'],
    deadline: new Date(now + (i === 1 ? -60_000 : 3_600_000)).toISOString(),
    approvals:
      i === 0
        ? [
            {
              actor: 'u-liu',
              onBehalfOf: 'u-wang', // signed as Wang's substitute under a delegation
              at: new Date(now).toISOString(),
              comment: '<b>ok</b>', // order data: rendered as text, never as markup
            },
          ]
        : i === 1
          ? [
              {
                actor: 'u-sun',
                department: 'technical',
                role: 'technical',
                at: new Date(now).toISOString(),
              },
            ]
          : [],
    escalatedTo: i === 1 ? ['generalManager'] : [],
  }));
  return {
    order: {
      id: 'o1',
      number: 'SO-1',
      currency: 'CNY',
      customer: { id: 'c', name: 'C' },
      salesperson: 'u-li',
    },
    version: 1,
    history: [],
    workflow: {
      status: 'in_review',
      owner: 'u-li',
      route: { steps: route },
      findings: [
        {
          ruleId: 'RV-4',
          severity: 'approval',
          messageKey: 'k',
          params: {},
          steps: ['s1'],
          evidence: [{ field: 'total', value: 113000000, limit: 100000000 }],
          source: '003 三(三)2',
        },
        { ruleId: 'IN-2', severity: 'block', messageKey: 'k2', params: {}, evidence: [] },
      ],
    },
  };
}

/** The picture and the timeline of a delivered order with `n` fulfilment events. */
export function trackingAnswers(n: number) {
  const t0 = Date.parse('2026-03-01T08:00:00Z');
  const iso = (h: number) => new Date(t0 + h * 3_600_000).toISOString();
  const events = Array.from({ length: n }, (_, i) => ({
    type: i % 2 ? 'fulfilment.progress' : 'fulfilment.started',
    at: iso(i + 1),
    actor: 'u-zhou',
    data: { step: 'production', status: 'started' },
  }));
  const order = {
    order: {
      id: 'o1',
      number: 'SO-1',
      currency: 'CNY',
      customer: { id: 'c1', name: '<img src=x onerror=alert(1)>Co' }, // rendered inert
      salesperson: 'u-li',
      revision: 2,
    },
    version: 3,
    workflow: {
      status: 'delivered',
      tracking: {
        steps: {
          production: { status: 'done', at: iso(12), by: 'u-zhou' },
          shipping: { status: 'started', at: iso(20), by: 'u-zhou', reference: 'SF-1' },
        },
        alerts: { atRisk: '2026-03-05' },
        issues: [
          {
            id: 'ISS-1',
            kind: 'quality',
            remedy: 'replace',
            description: '<script>alert(1)</script>seals leak',
            status: 'open',
            reportedAt: iso(30),
            reportedBy: 'u-li',
          },
        ],
        settlement: { paid: true, invoiced: false },
      },
    },
    history: [
      { type: 'review.started', at: iso(-5) },
      { type: 'order.confirmed', at: iso(0) },
      {
        type: 'delivery.atRisk',
        at: iso(25),
        data: { key: 'k', agreed: '2026-03-05', daysLeft: 2 },
      },
    ],
  };
  return { order, timeline: { status: 'in_fulfilment', events } };
}
