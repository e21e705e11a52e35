import { dayOfMonth, localDate, nextMonth } from '../../lib/localDate.js';
import type { Policy } from '../../policy/Policy.js';

/** A contract as the monthly filing sees it (AR-3). */
export interface FilingContract {
  orderId: string;
  orderNumber: string;
  contractNumber: string;
  customerId: string;
  customerName: string;
  productIds: string[];
  /** Signing instant: the customer's signature, or the order's confirmation when it has no contract. */
  signedAt: string;
}

/** A contract in a filing run, classified by customer, product and month (AR-3). */
export interface FilingEntry extends FilingContract {
  /** The run (`YYYY-MM`) it belongs to by its signing date. */
  filingMonth: string;
  /** Signing date in the policy's time zone. */
  signedDate: string;
  /** Filed after its run's due date. */
  late: boolean;
}

/** A contract filed by a monthly run (AR-3), as stored. */
export interface FiledContract extends FilingEntry {
  filingNumber: string;
  filedAt: string;
  filedBy: string;
}

/** What a monthly filing run does (AR-3). */
export interface FilingPlan {
  month: string;
  /** Last day of the run (`YYYY-MM-DD`, inclusive, policy time zone). */
  dueDate: string;
  /** The run happens by its due date. */
  onTime: boolean;
  /** Contracts to file now, sorted by customer, product and signing time (numbering order). */
  toFile: FilingEntry[];
  /** Those of `toFile` filed after their due date: this month's when the run is late, and earlier months' never filed. */
  late: FilingEntry[];
  /** Signed this month after the filing day: they go into next month's run. */
  carriedOver: FilingContract[];
}

/**
 * AR-3: the run that files a contract — the month it was signed in when signed on or before the
 * policy's filing day (default the 25th, inclusive, in the policy's time zone), else the next.
 *
 * @example
 * filingMonthOf('2026-03-26T10:00:00+08:00', policy); // '2026-04'
 */
export function filingMonthOf(signedAt: string, policy: Policy): string {
  const date = localDate(signedAt, policy.timeZone);
  const month = date.slice(0, 7);
  return date > dayOfMonth(month, policy.archive.filing.day) ? nextMonth(month) : month;
}

/**
 * AR-3: the due date of a month's filing run.
 *
 * @example
 * filingDueDate('2026-02', loadPolicy({ archive: { filing: { day: 30 } } })); // '2026-02-28'
 */
export function filingDueDate(month: string, policy: Policy): string {
  return dayOfMonth(month, policy.archive.filing.day);
}

/**
 * AR-3: plans a month's filing run at `now`: the month's contracts not yet filed (and any earlier
 * month's still unfiled, flagged late), sorted by customer, product and signing time for
 * numbering; those filed after their due date; and this month's contracts signed after the filing
 * day, carried over to next month.
 *
 * @example
 * const plan = planFiling({ month: '2026-03', now, contracts, filed: new Set(['o-1']) }, policy);
 * plan.toFile.map((e) => e.orderNumber); plan.late.length; plan.carriedOver.length;
 */
export function planFiling(
  input: {
    month: string;
    now: string;
    contracts: readonly FilingContract[];
    filed: ReadonlySet<string>;
  },
  policy: Policy,
): FilingPlan {
  const { month, now, contracts, filed } = input;
  const today = localDate(now, policy.timeZone);
  const dueDate = filingDueDate(month, policy);
  const toFile: FilingEntry[] = [];
  const carriedOver: FilingContract[] = [];
  for (const c of contracts) {
    if (filed.has(c.orderId)) continue;
    const filingMonth = filingMonthOf(c.signedAt, policy);
    const signedDate = localDate(c.signedAt, policy.timeZone);
    if (filingMonth <= month) {
      toFile.push({
        ...c,
        productIds: [...c.productIds].sort(),
        filingMonth,
        signedDate,
        late: today > filingDueDate(filingMonth, policy),
      });
    } else if (signedDate.slice(0, 7) === month) {
      carriedOver.push(c);
    }
  }
  toFile.sort(
    (a, b) =>
      a.customerId.localeCompare(b.customerId) ||
      (a.productIds[0] ?? '').localeCompare(b.productIds[0] ?? '') ||
      Date.parse(a.signedAt) - Date.parse(b.signedAt) ||
      a.orderId.localeCompare(b.orderId),
  );
  return {
    month,
    dueDate,
    onTime: today <= dueDate,
    toFile,
    late: toFile.filter((e) => e.late),
    carriedOver,
  };
}
