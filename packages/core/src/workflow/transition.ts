import type { AreaHandlers } from './shared/AreaHandlers.js';
import { ARCHIVE_HANDLERS } from './archive/archiveHandlers.js';
import { CHANGE_HANDLERS } from './change/changeHandlers.js';
import { CREDIT_HANDLERS } from './credit/creditHandlers.js';
import { REVIEW_HANDLERS } from './review/reviewHandlers.js';
import { TRACKING_HANDLERS } from './tracking/trackingHandlers.js';
import { checkWorkflowEvent, isWorkflowEventType } from './checkWorkflowEvent.js';
import { refuse } from './shared/internal.js';
import { OrderStatus } from '../state/OrderStatus.js';
import type { OrderWorkflow } from '../state/OrderWorkflow.js';
import type { TransitionContext } from '../state/TransitionContext.js';
import type { TransitionResult } from '../state/TransitionResult.js';
import type { WorkflowEvent, WorkflowEventType } from '../state/WorkflowEvent.js';

type AnyArea = AreaHandlers<{ type: string }>;
const AREAS = [
  REVIEW_HANDLERS,
  CREDIT_HANDLERS,
  CHANGE_HANDLERS,
  TRACKING_HANDLERS,
  ARCHIVE_HANDLERS,
] as unknown as AnyArea[];

const AREA_OF = new Map<string, AnyArea>();
for (const area of AREAS) for (const type of Object.keys(area.accepts)) AREA_OF.set(type, area);

/**
 * Which events each status accepts: the lifecycle as an explicit table, assembled from the rule
 * areas. Anything else is refused with `INVALID_TRANSITION`.
 *
 * @example
 * TRANSITIONS.in_review.includes('APPROVE'); // true
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly WorkflowEventType[]>> =
  Object.fromEntries(
    OrderStatus.options.map((status) => [
      status,
      AREAS.flatMap((area) =>
        Object.entries(area.accepts as Record<string, readonly string[]>)
          .filter(([, statuses]) => statuses.includes(status))
          .map(([type]) => type as WorkflowEventType),
      ),
    ]),
  ) as Record<OrderStatus, WorkflowEventType[]>;

/**
 * The pure state machine: given an order's workflow state, an event and the context (policy,
 * order, now), returns the next state, the effects to carry out and the audit records to write —
 * or a refusal with a literal code. It never reads a clock, a store or the network. An event of a
 * known type is first checked for its shape (`checkWorkflowEvent`: types, bounded sizes); a
 * malformed one is not an action at all and throws.
 *
 * @example
 * const r = transition(state, { type: 'APPROVE', actor: head }, { policy, order, now });
 * if (r.ok) { save(r.state); carryOut(r.effects); } else console.log(r.code);
 * @throws {ValidationError} when the event is malformed (e.g. a comment that is not text).
 */
export function transition(
  state: OrderWorkflow,
  event: WorkflowEvent,
  ctx: TransitionContext,
): TransitionResult {
  if (isWorkflowEventType(event.type)) checkWorkflowEvent(event);
  const area = AREA_OF.get(event.type);
  if (!area || !TRANSITIONS[state.status].includes(event.type)) {
    return refuse(
      'INVALID_TRANSITION',
      `${event.type} is not possible while the order is ${state.status}`,
      {
        messageKey: 'workflow.invalidTransition',
        params: { event: event.type, status: state.status },
      },
    );
  }
  return area.handle(state, event, ctx);
}
