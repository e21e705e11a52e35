import { z } from 'zod';
import {
  crossFieldIssue,
  MAX_POLICY_DAYS,
  MAX_RETENTION_YEARS,
  NumberPattern,
  RoleList,
} from './policyValues.js';

const GrantDays = z.number().int().min(1).max(MAX_POLICY_DAYS);

/**
 * Archive settings (AR-1…AR-6), defaults from our readings of the regulations: filing due on the 25th,
 * 10-year retention, access approved by the sales department head, the off-site backup exported
 * by the archive keeper.
 *
 * @example
 * ArchivePolicy.parse({ filing: { day: 20 } }).retention.years; // 10
 */
export const ArchivePolicy = z.strictObject({
  /** AR-1: roles that may archive an eligible order, besides its owner. */
  archiveRoles: RoleList.default(['salesAssistant', 'salesHead']),
  numbering: z
    .strictObject({
      /**
       * AR-3 archive number. `{YYYY}`, `{YY}`, `{MM}` take the archiving date in the policy's
       * time zone; `{seq:N}` is a sequence per month (pattern with a month), per year (with a
       * year only) or global.
       */
      pattern: NumberPattern.default('AR-{YYYY}{MM}-{seq:4}'),
    })
    .prefault({}),
  filing: z
    .strictObject({
      /**
       * AR-3: day of the month by which that month's contracts are filed, inclusive, in the
       * policy's time zone; contracts signed after it go into the next month's run. A day past the
       * month's end means its last day.
       */
      day: z.number().int().min(1).max(31).default(25),
      /** AR-3 filing number of a contract in the monthly run; sequence per filing month when the pattern has one. */
      numberPattern: NumberPattern.default('HT-{YYYY}{MM}-{seq:3}'),
      /** Roles that may run the monthly filing. */
      roles: RoleList.default(['salesAssistant', 'salesHead']),
    })
    .prefault({}),
  retention: z
    .strictObject({
      /** AR-6: archives are kept until this anniversary of archiving (our reading of the regulations: 10 years; at most 100). */
      years: z.number().int().min(1).max(MAX_RETENTION_YEARS).default(10),
    })
    .prefault({}),
  access: z
    .strictObject({
      /** AR-5: who approves a request to read an archived order (our reading of the regulations: sales head). */
      approverRoles: RoleList.default(['salesHead']),
      /** AR-5: how long an approved grant lasts when the request names no period (days, at most `maxGrantDays`). */
      grantDays: GrantDays.default(7),
      /** AR-5: the longest grant a request may ask for (days, at most ten years). */
      maxGrantDays: GrantDays.default(30),
    })
    .superRefine((a, ctx) => {
      const valid =
        GrantDays.safeParse(a.grantDays).success && GrantDays.safeParse(a.maxGrantDays).success;
      if (valid && a.grantDays > a.maxGrantDays)
        crossFieldIssue(ctx, 'grantDays', `must be at most maxGrantDays (${a.maxGrantDays})`, [
          'grantDays',
          'maxGrantDays',
        ]);
    })
    .prefault({}),
  legalHold: z
    .strictObject({
      /** AR-6: who may place or lift a legal hold, which blocks disposal. */
      roles: RoleList.default(['legal']),
    })
    .prefault({}),
  backup: z
    .strictObject({
      /**
       * AR-2: who keeps the archive and exports its sealed records for the off-site backup — with
       * no AR-5 read grant, since a backup copies the record without reading it; every export is
       * recorded (our reading of the regulations: a dedicated archive keeper).
       */
      keeperRoles: RoleList.default(['archiveKeeper']),
    })
    .prefault({}),
});
export type ArchivePolicy = z.infer<typeof ArchivePolicy>;

/**
 * Every role the archive policy names, with its path, for the policy's cross-reference check.
 *
 * @example
 * archivePolicyRoles(ArchivePolicy.parse({})).map((r) => r.name); // ['salesAssistant', 'salesHead', …]
 */
export function archivePolicyRoles(
  archive: ArchivePolicy,
): { name: string; path: (string | number)[] }[] {
  const out: { name: string; path: (string | number)[] }[] = [];
  const add = (list: readonly string[], path: string[]) =>
    list.forEach((name, i) => out.push({ name, path: [...path, i] }));
  add(archive.archiveRoles, ['archiveRoles']);
  add(archive.filing.roles, ['filing', 'roles']);
  add(archive.access.approverRoles, ['access', 'approverRoles']);
  add(archive.legalHold.roles, ['legalHold', 'roles']);
  add(archive.backup.keeperRoles, ['backup', 'keeperRoles']);
  return out;
}
