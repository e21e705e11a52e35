import { approverParams } from '../shared/approverParams.js';
import { departmentParams, fieldParams } from '../shared/changeLabels.js';
import { formatLinePositions } from '../../lib/display.js';
import type { Evidence, Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import { finding, type FindingSpec } from '../shared/finding.js';
import { isRegularOrder } from '../review/orderRoute.js';
import type { ChangeClassification } from './classifyChange.js';

/** What `assessChange` looks at. */
export interface ChangeAssessmentInput {
  kind: 'change' | 'cancel';
  /** The current revision. */
  current: Order;
  /** The order as the change would make it (a change, not a cancellation). */
  proposed?: Order;
  customerRequested: boolean;
  classification: ChangeClassification;
  /** The request's reason (shown in a cancellation's finding). */
  reason: string;
  /**
   * RV-5's route finding of the proposed revision (`routeFinding`): when the change re-opens
   * review (CH-4), it joins the findings, so the review steps cite RV-5 as well as CH-4.
   */
  route?: Finding;
  /**
   * Review findings the change brings (`reassessChange(…).introduced`, no blocks): an RV-7
   * payment-term or shipping exception, an RV-6 discount beyond authority… Each joins the
   * findings with its own rule, its steps joining the route.
   */
  review?: readonly Finding[];
}

/** The findings of a change request and who signs the department step. */
export interface ChangeAssessment {
  findings: Finding[];
  /**
   * CH-2: department roles that sign the policy's `change.departmentStep` for this request —
   * the departments concerned that no other step of the route already asks.
   */
  departmentReviewers: string[];
}

function stepRoles(policy: Policy, steps: readonly string[]): Set<string> {
  return new Set(steps.flatMap((s) => policy.approvals.steps[s]?.roles ?? []));
}

/**
 * Routes a change or cancellation request (CH-1…CH-4, CH-7) as findings, like `assessOrder`
 * routes a new order:
 *
 * - CH-1 — every request: `change.salesHead.required`, steps `change.approvalSteps`;
 * - CH-4 — materiality decides, not the requester (our reading of the regulations): no material field →
 *   `change.route.nonMaterial` (`info`, the sales head alone); a changed price field →
 *   `change.route.exceptional`, steps `review.routes.exceptional` (RV-7); a material change the
 *   customer asked for → `change.route.nonRegular`, steps `review.routes.nonRegular` (RV-5);
 *   any other material change → `change.route.review`: the order's own RV-5 route again
 *   (`review.routes.regular`, or `nonRegular` when the changed order is non-regular) — only the
 *   route, not the whole review rule set, so what did not change is not reviewed again; with it
 *   comes RV-5's own route finding of the changed order (`input.route`), so the review steps cite
 *   RV-5 as well as CH-4;
 * - review findings the change itself brings (`input.review`: an RV-7 payment-term or shipping
 *   exception, an RV-6 discount beyond authority…) join with their own rule IDs and steps;
 * - CH-2 — the departments owning the material fields (`change.departments`) review it: one
 *   `change.departments.review` finding naming the steps that cover them — `change.departmentStep`
 *   for departments no other step of the route already asks;
 * - CH-3 — a cancellation: `change.cancel.review` by `change.cancellation.departments`;
 * - CH-7 — a change of an order with a contract touching what the contract states, or a
 *   cancellation terminating it: `change.contract.review` / `change.contract.termination`,
 *   steps `review.routes.legal`.
 *
 * @example
 * const { findings } = assessChange({ kind: 'change', current, proposed, customerRequested: false, classification, reason }, policy);
 * findings.map((f) => f.ruleId); // ['CH-1', 'CH-4', 'CH-2']
 */
export function assessChange(input: ChangeAssessmentInput, policy: Policy): ChangeAssessment {
  const { classification: c, current } = input;
  const routes = policy.review.routes;
  const findings: Finding[] = [];
  const approval = (spec: Omit<FindingSpec, 'severity'>) =>
    findings.push(
      finding(policy, {
        ...spec,
        severity: 'approval',
        params: { ...spec.params, ...approverParams(policy, spec.steps ?? []) },
      }),
    );

  if (policy.change.approvalSteps.length > 0) {
    approval({
      ruleId: 'CH-1',
      messageKey: 'change.salesHead.required',
      steps: [...policy.change.approvalSteps],
    });
  }

  if (input.kind === 'change') {
    const proposed = input.proposed ?? current;
    const evidence = (keys: readonly string[]): Evidence[] => keys.map((field) => ({ field }));
    if (c.material.length === 0) {
      findings.push(
        finding(policy, {
          ruleId: 'CH-4',
          severity: 'info',
          messageKey: 'change.route.nonMaterial',
          params: fieldParams(c.fields),
          evidence: evidence(c.fields),
        }),
      );
    } else {
      if (c.price.length > 0 && routes.exceptional.length > 0) {
        const positions = c.priceLines
          .map((id) => proposed.lines.findIndex((l) => l.id === id))
          .filter((i) => i >= 0);
        approval({
          ruleId: 'CH-4',
          messageKey: 'change.route.exceptional',
          params: { ...fieldParams(c.price), lines: formatLinePositions(positions) },
          evidence: evidence(c.price),
          steps: [...routes.exceptional],
        });
      }
      const otherMaterial = c.material.filter((k) => !c.price.includes(k));
      // RV-5 decides which review re-opens; its own finding joins CH-4's so the steps cite both.
      const rv5 = input.route?.severity === 'approval' ? [input.route] : [];
      if (input.customerRequested && routes.nonRegular.length > 0) {
        approval({
          ruleId: 'CH-4',
          messageKey: 'change.route.nonRegular',
          params: fieldParams(c.material),
          evidence: [{ field: 'customerRequested', value: true }, ...evidence(c.material)],
          steps: [...routes.nonRegular],
        });
        findings.push(...rv5);
      } else if (otherMaterial.length > 0) {
        const steps = isRegularOrder(proposed) ? routes.regular : routes.nonRegular;
        if (steps.length > 0) {
          approval({
            ruleId: 'CH-4',
            messageKey: 'change.route.review',
            params: fieldParams(otherMaterial),
            evidence: evidence(otherMaterial),
            steps: [...steps],
          });
          findings.push(...rv5);
        }
      }
    }
    // What the change brings under the review rules (RV-6, RV-7…), each citing its own rule.
    findings.push(...(input.review ?? []).filter((f) => f.severity !== 'block'));
  }

  if (c.contract && routes.legal.length > 0) {
    approval({
      ruleId: 'CH-7',
      messageKey:
        input.kind === 'cancel' ? 'change.contract.termination' : 'change.contract.review',
      params: { contract: current.contract.number },
      evidence: [{ field: 'contract.number', value: current.contract.number }],
      steps: [...routes.legal],
    });
  }

  // CH-2 / CH-3: a department another step already asks (e.g. production in the RV-5 regular
  // review) is not asked twice; the step asking it is named instead.
  const departmentReviewers: string[] = [];
  if (c.departments.length > 0) {
    const named = findings.flatMap((f) => f.steps ?? []);
    const covering = named.filter(
      (s, i) => named.indexOf(s) === i && c.departments.some((d) => stepRoles(policy, [s]).has(d)),
    );
    const covered = stepRoles(policy, covering);
    departmentReviewers.push(...c.departments.filter((d) => !covered.has(d)));
    const steps = [
      ...covering,
      ...(departmentReviewers.length > 0 ? [policy.change.departmentStep] : []),
    ];
    const params = departmentParams(policy, c.departments);
    if (input.kind === 'cancel') {
      approval({
        ruleId: 'CH-3',
        messageKey: 'change.cancel.review',
        params: { ...params, reason: input.reason },
        steps,
      });
    } else {
      approval({
        ruleId: 'CH-2',
        messageKey: 'change.departments.review',
        params,
        evidence: c.departments.map((d) => ({ field: 'department', value: d })),
        steps,
      });
    }
  }
  if (input.kind === 'cancel' && c.departments.length === 0) {
    // No department reviews it: the cancellation is still a CH-3 request, on the CH-1 steps.
    approval({
      ruleId: 'CH-3',
      messageKey: 'change.cancel.approval',
      params: { reason: input.reason },
      steps: [...policy.change.approvalSteps],
    });
  }
  return { findings, departmentReviewers };
}
