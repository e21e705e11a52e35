import { z } from 'zod';
import { CurrencyCode } from '../model/Money.js';
import { TimeZone } from '../model/Temporal.js';
import { RuleId } from '../model/RuleId.js';
import { ApprovalsPolicy } from './approvalsPolicy.js';
// change control (CH)
import { ChangePolicy } from './changePolicy.js';
import { CreditPolicy } from './creditPolicy.js';
import { IntakePolicy } from './intakePolicy.js';
import { Locale } from './LocalizedText.js';
import { ReviewPolicy } from './reviewPolicy.js';
// tracking (TR) and archive (AR)
import { ArchivePolicy } from './archivePolicy.js';
import { TrackingPolicy } from './trackingPolicy.js';
import { copyDefaults, Name, RoleList } from './policyValues.js';
import { DEFAULT_ROLES, Delegation, RoleDefinition } from './rolesPolicy.js';

/** Decimal places of the currencies messages display; any other currency shows 2. */
const DEFAULT_MINOR_UNITS = { CNY: 2, USD: 2, EUR: 2, HKD: 2, JPY: 0, GBP: 2, KRW: 0, TWD: 2 };

/**
 * The shape of a complete policy document: every section a strict object (an unknown key is an
 * error), every value bounded, every field but the new roles' and steps' own fields with a default.
 * `loadPolicy` parses a document with it after merging the document over the defaults, then
 * checks what no single field can check (cross-references, deadlines against the calendar).
 * Use `loadPolicy` or `Policy`: this shape alone does neither the merge nor those checks.
 *
 * @example
 * PolicyShape.parse({}).review.deadlines.defaultHours; // 24
 */
export const PolicyShape = z.strictObject({
  /** Schema version of the policy document. */
  version: z.literal(1).default(1),
  /** Company name shown in messages and exports. */
  company: z.string().default(''),
  /** Time zone of deadlines, numbering dates and monthly filing. */
  timeZone: TimeZone.default('Asia/Shanghai'),
  /** Default language of messages. */
  locale: Locale.default('zh'),
  /** Decimal places per currency for display, merged over the common currencies'. */
  currencies: z
    .record(CurrencyCode, z.strictObject({ minorUnits: z.number().int().min(0).max(4) }))
    .default(() =>
      Object.fromEntries(
        Object.entries(DEFAULT_MINOR_UNITS).map(([c, minorUnits]) => [c, { minorUnits }]),
      ),
    ),
  /**
   * Regulation roles → ERP users and groups, merged over the default roles (which name the
   * regulations' roles with nobody in them): a policy gives only what differs, e.g.
   * `{ salesHead: { users: ['u-wang'] } }`; a new role needs its `label`.
   */
  roles: z
    .record(Name, RoleDefinition)
    .default(() => copyDefaults<Record<string, RoleDefinition>>(DEFAULT_ROLES)),
  /** Temporary delegations (replacing the default, none). */
  delegations: z.array(Delegation).default([]),
  /** The company's own clause per rule ID, replacing the rule catalogue's source in findings. */
  citations: z.partialRecord(RuleId, Name).default({}),
  intake: IntakePolicy.prefault({}),
  review: ReviewPolicy.prefault({}),
  approvals: ApprovalsPolicy.prefault({}),
  credit: CreditPolicy.prefault({}),
  // change control (CH-1…CH-7)
  change: ChangePolicy.prefault({}),
  // tracking (TR-1…TR-5) and archive (AR-1…AR-6)
  tracking: TrackingPolicy.prefault({}),
  archive: ArchivePolicy.prefault({}),
  workflow: z
    .strictObject({
      /** Roles that may confirm an approved order to the customer, besides its owner. */
      confirmRoles: RoleList.default(['salesAssistant', 'salesHead']),
    })
    .prefault({}),
});

/**
 * A loaded policy: the document with every default filled in (see `Policy`).
 *
 * @example
 * const timeZone: PolicyOutput['timeZone'] = loadPolicy().timeZone; // 'Asia/Shanghai'
 */
export type PolicyOutput = z.output<typeof PolicyShape>;
