import { buildRoute } from '../../approvals/buildRoute.js';
import type { Route } from '../../approvals/Route.js';
import type { Policy } from '../../policy/Policy.js';
import type { ChangeAssessment } from '../../rules/change/assessChange.js';

/**
 * The approval route of a change request: `buildRoute` over the request's findings (stages,
 * parallel and sequential steps, deadlines, as for an order), with the CH-2 department step
 * narrowed to the departments this change concerns, so that each of them — and only they — sign.
 *
 * @example
 * const route = buildChangeRoute(assessChange(input, policy), { policy, now, reviewDeadline });
 * route.steps.map((s) => s.key); // ['changeDepartmentReview', 'marketingVpReview', …, 'salesHead']
 */
export function buildChangeRoute(
  assessment: ChangeAssessment,
  options: { policy: Policy; now: string; reviewDeadline: string },
): Route {
  const route = buildRoute(assessment.findings, options);
  const key = options.policy.change.departmentStep;
  return {
    ...route,
    steps: route.steps.map((s) =>
      s.key === key ? { ...s, roles: [...assessment.departmentReviewers] } : s,
    ),
  };
}
