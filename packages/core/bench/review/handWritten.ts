// The review checks (IN-2, IN-3, IN-4, RV-1, RV-3…RV-8, RV-10) as one plain if-chain, the way
// a developer would write them without a rules library: read the policy, walk the order once,
// push what fails. The floor the review benchmark holds ordergate against. It reads the same
// policy settings as ordergate, but builds only each finding's identity (no message params,
// citations or steps).
import type { Order } from '../../src/index.js';
import type { RuleContext } from '../../src/rules/shared/RuleContext.js';
import type { PlainFinding } from './findingIdentity.js';

const DAY_MS = 86_400_000;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function blank(s: string): boolean {
  return s.trim() === '';
}

/** A real calendar date written `YYYY-MM-DD`. */
function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7);
  const d = +date.slice(8, 10);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return m >= 1 && m <= 12 && d >= 1 && d <= days;
}

/** Days since 1970-01-01 of a date `YYYY-MM-DD`. */
function dayOf(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
}

/** Day number of an instant's calendar date in a time zone. */
function zonedDay(instant: string, timeZone: string): number {
  let f = dayFormats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, f);
  }
  return dayOf(f.format(Date.parse(instant)));
}

/**
 * The review findings of `order` under `ctx.policy`, as identities, by plain code.
 *
 * @example
 * handWrittenReview(order, ctx).map(findingIdentity);
 */
export function handWrittenReview(order: Order, ctx: RuleContext): PlainFinding[] {
  const { policy } = ctx;
  const { intake, review } = policy;
  const out: PlainFinding[] = [];
  const lines = order.lines;
  const n = lines.length;

  // IN-2 required information.
  const req = intake.requiredItems;
  if (req.includes('customer.name') && blank(order.customer.name))
    out.push({
      ruleId: 'IN-2',
      severity: 'block',
      messageKey: 'intake.required.customer.name',
      fields: ['customer.name'],
    });
  if (req.includes('contact.name') && blank(order.contact.name))
    out.push({
      ruleId: 'IN-2',
      severity: 'block',
      messageKey: 'intake.required.contact.name',
      fields: ['contact.name'],
    });
  if (req.includes('contact.method')) {
    const { phone, email } = order.contact;
    const noPhone = blank(phone);
    const noEmail = blank(email);
    if (noPhone && noEmail)
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.required.contact.method',
        fields: ['contact.phone', 'contact.email'],
      });
    if (!noPhone) {
      let digits = 0;
      let ok = true;
      for (let i = 0; i < phone.length; i++) {
        const c = phone[i]!;
        if (c >= '0' && c <= '9') digits++;
        else if (c !== ' ' && c !== '+' && c !== '-' && c !== '(' && c !== ')') ok = false;
      }
      if (!ok || digits < 6)
        out.push({
          ruleId: 'IN-2',
          severity: 'block',
          messageKey: 'intake.malformed.contact.phone',
          fields: ['contact.phone'],
        });
    }
    if (!noEmail && !EMAIL.test(email.trim()))
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.malformed.contact.email',
        fields: ['contact.email'],
      });
  }
  if (req.includes('deliveryAddress')) {
    const { street, city, country } = order.deliveryAddress;
    if (blank(street))
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.required.deliveryAddress.street',
        fields: ['deliveryAddress.street'],
      });
    if (blank(city))
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.required.deliveryAddress.city',
        fields: ['deliveryAddress.city'],
      });
    if (!blank(country) && !COUNTRY.test(country.trim()))
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.malformed.deliveryAddress.country',
        fields: ['deliveryAddress.country'],
      });
  }
  if (req.includes('lines') && n === 0)
    out.push({
      ruleId: 'IN-2',
      severity: 'block',
      messageKey: 'intake.required.lines',
      fields: ['lines'],
    });
  const needProduct = req.includes('lines.product');
  const needSpec = req.includes('lines.specification');
  // Amount rules judge only an order whose every line has a quantity and a price, in range.
  let complete = true;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (needProduct && blank(l.productName) && blank(l.productId))
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.required.line.product',
        fields: [`lines.${i}.productName`],
      });
    if (needSpec && blank(l.specification) && blank(l.model))
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.required.line.specification',
        fields: [`lines.${i}.specification`],
      });
    // Quantity and price present and in range: the same checks ordergate's IN-2 makes.
    const q = l.quantity;
    const p = l.unitPrice;
    if (q === undefined || !(q > 0)) {
      complete = false;
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey:
          q === undefined ? 'intake.required.line.quantity' : 'intake.malformed.line.quantity',
        fields: [`lines.${i}.quantity`],
      });
    }
    if (p === undefined || p < 0) {
      complete = false;
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey:
          p === undefined ? 'intake.required.line.unitPrice' : 'intake.malformed.line.unitPrice',
        fields: [`lines.${i}.unitPrice`],
      });
    }
    if (q !== undefined && p !== undefined && !Number.isSafeInteger(Math.round(q * p) * 2)) {
      complete = false;
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.limit.line.amount',
        fields: [`lines.${i}.quantity`, `lines.${i}.unitPrice`],
      });
    }
  }
  const date = order.requestedDeliveryDate;
  if (req.includes('requestedDeliveryDate') && (date === undefined || blank(date)))
    out.push({
      ruleId: 'IN-2',
      severity: 'block',
      messageKey: 'intake.required.requestedDeliveryDate',
      fields: ['requestedDeliveryDate'],
    });
  else if (date !== undefined && !blank(date) && !isRealDate(date))
    out.push({
      ruleId: 'IN-2',
      severity: 'block',
      messageKey: 'intake.malformed.requestedDeliveryDate',
      fields: ['requestedDeliveryDate'],
    });
  if (req.includes('paymentTerms') && blank(order.paymentTerms))
    out.push({
      ruleId: 'IN-2',
      severity: 'block',
      messageKey: 'intake.required.paymentTerms',
      fields: ['paymentTerms'],
    });
  if (req.includes('invoice')) {
    if (blank(order.invoice.title))
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.required.invoice.title',
        fields: ['invoice.title'],
      });
    if (blank(order.invoice.taxId))
      out.push({
        ruleId: 'IN-2',
        severity: 'block',
        messageKey: 'intake.required.invoice.taxId',
        fields: ['invoice.taxId'],
      });
  }

  // IN-3 verbal order awaiting its written confirmation.
  if (order.channel === 'verbal' && order.writtenConfirmation === undefined) {
    if (intake.verbal.mode === 'block')
      out.push({
        ruleId: 'IN-3',
        severity: 'warn',
        messageKey: 'intake.verbal.confirmationPending',
        fields: ['channel', 'writtenConfirmation'],
      });
    else
      out.push({
        ruleId: 'IN-3',
        severity: 'warn',
        messageKey: 'intake.verbal.confirmationDeadline',
        fields: ['channel', 'writtenConfirmation', 'writtenConfirmation.at'],
      });
  }

  // IN-4 urgent order.
  if (order.urgent) {
    out.push({
      ruleId: 'IN-4',
      severity: 'info',
      messageKey: 'intake.urgent.prioritised',
      fields: ['urgent'],
    });
    const feasible = order.urgency?.feasible;
    if (feasible === undefined) {
      if (intake.urgent.requireFeasibility)
        out.push({
          ruleId: 'IN-4',
          severity: 'block',
          messageKey: 'intake.urgent.feasibilityMissing',
          fields: ['urgency.feasible'],
        });
    } else if (!feasible) {
      out.push({
        ruleId: 'IN-4',
        severity: 'warn',
        messageKey: 'intake.urgent.infeasible',
        fields: order.urgency?.note ? ['urgency.feasible', 'urgency.note'] : ['urgency.feasible'],
      });
    }
  }

  // RV-1 pricing and terms policy; a deviation classed exceptional is RV-7.
  const pricing = review.pricing;
  if (
    pricing.allowedPaymentTerms.length > 0 &&
    !blank(order.paymentTerms) &&
    !pricing.allowedPaymentTerms.includes(order.paymentTerms)
  ) {
    if (pricing.paymentTermsDeviation === 'block')
      out.push({
        ruleId: 'RV-1',
        severity: 'block',
        messageKey: 'review.pricing.paymentTerms.notAllowed',
        fields: ['paymentTerms'],
      });
    else
      out.push({
        ruleId: 'RV-7',
        severity: 'approval',
        messageKey: 'review.exceptional.paymentTerms',
        fields: ['paymentTerms'],
      });
  }
  if (date !== undefined && isRealDate(date)) {
    const from = zonedDay(ctx.submittedAt, policy.timeZone);
    const to = dayOf(date);
    const calendar = review.deadlines.calendar;
    let days = to - from;
    let working = false;
    if (calendar !== undefined && to > from) {
      working = true;
      const holidays = calendar.holidays.map(dayOf);
      const extra = calendar.extraWorkingDays.map(dayOf);
      days = 0;
      for (let d = from + 1; d <= to && days < pricing.minLeadTimeDays; d++) {
        const weekday = (((d % 7) + 7 + 3) % 7) + 1;
        if (extra.includes(d) || (calendar.workingDays.includes(weekday) && !holidays.includes(d)))
          days++;
      }
    }
    if (days < 0) {
      out.push({
        ruleId: 'RV-1',
        severity: 'block',
        messageKey: 'review.pricing.deliveryDate.past',
        fields: ['requestedDeliveryDate'],
      });
    } else if (days < pricing.minLeadTimeDays) {
      const fields = ['requestedDeliveryDate', 'leadTimeDays'];
      if (pricing.leadTimeDeviation === 'block')
        out.push({
          ruleId: 'RV-1',
          severity: 'block',
          messageKey: working
            ? 'review.pricing.leadTime.tooShortWorkingDays'
            : 'review.pricing.leadTime.tooShort',
          fields,
        });
      else
        out.push({
          ruleId: 'RV-7',
          severity: 'approval',
          messageKey: working
            ? 'review.exceptional.leadTimeWorkingDays'
            : 'review.exceptional.leadTime',
          fields,
        });
    }
  }
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (pricing.requireListPrice && l.listPrice === undefined)
      out.push({
        ruleId: 'RV-1',
        severity: 'block',
        messageKey: 'review.pricing.listPrice.missing',
        fields: [`lines.${i}.listPrice`],
      });
    if (l.unitPrice === 0)
      out.push({
        ruleId: 'RV-1',
        severity: 'block',
        messageKey: 'review.pricing.unitPrice.zero',
        fields: [`lines.${i}.unitPrice`],
      });
  }

  // RV-3 the sales head approves every order.
  if (review.routes.always.length > 0)
    out.push({
      ruleId: 'RV-3',
      severity: 'approval',
      messageKey: 'review.salesHead.required',
      fields: [],
    });

  // Totals, and RV-6 line discounts against list prices, in one pass over the lines.
  const discount = review.discount;
  let authority = 0;
  for (const role in discount.authorityByRole) {
    const percent = discount.authorityByRole[role]!;
    const def = policy.roles[role];
    if (
      percent > 0 &&
      def &&
      (def.users.includes(ctx.submitter.id) ||
        ctx.submitter.groups.some((g) => def.groups.includes(g)))
    )
      authority = Math.max(authority, Math.round(percent * 100));
  }
  const exceptional =
    discount.exceptionalAbovePercent === undefined
      ? -1
      : Math.round(discount.exceptionalAbovePercent * 100);
  let untaxed = 0;
  let tax = 0;
  let list = 0;
  let allListed = true;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (
      l.quantity === undefined ||
      l.unitPrice === undefined ||
      !(l.quantity > 0) ||
      l.unitPrice < 0
    )
      continue;
    const gross = Math.round(l.quantity * l.unitPrice);
    const net = gross - Math.round((gross * l.discountBp) / 10_000);
    untaxed += net;
    tax += Math.round((net * l.taxBp) / 10_000);
    let bp = l.discountBp;
    if (l.listPrice === undefined) {
      allListed = false;
    } else {
      const atList = Math.round(l.quantity * l.listPrice);
      list += atList;
      bp = atList - net > 0 && atList > 0 ? Math.round(((atList - net) * 10_000) / atList) : 0;
    }
    if (bp > 0) {
      const fields =
        l.listPrice === undefined
          ? [`lines.${i}.discountBp`, `lines.${i}.effectiveDiscountBp`]
          : [`lines.${i}.unitPrice`, `lines.${i}.discountBp`, `lines.${i}.effectiveDiscountBp`];
      if (bp > authority)
        out.push({
          ruleId: 'RV-6',
          severity: 'approval',
          messageKey: 'review.discount.lineBeyondAuthority',
          fields,
        });
      if (exceptional >= 0 && bp > exceptional)
        out.push({
          ruleId: 'RV-7',
          severity: 'approval',
          messageKey: 'review.exceptional.lineDiscount',
          fields,
        });
    }
  }
  const total = untaxed + tax;
  complete &&= Number.isSafeInteger(total) && Number.isSafeInteger(list);
  if (complete && allListed && list - untaxed > 0 && list > 0) {
    const bp = Math.round(((list - untaxed) * 10_000) / list);
    if (bp > authority)
      out.push({
        ruleId: 'RV-6',
        severity: 'approval',
        messageKey: 'review.discount.orderBeyondAuthority',
        fields: ['untaxed', 'effectiveDiscountBp'],
      });
    if (exceptional >= 0 && bp > exceptional)
      out.push({
        ruleId: 'RV-7',
        severity: 'approval',
        messageKey: 'review.exceptional.orderDiscount',
        fields: ['untaxed', 'effectiveDiscountBp'],
      });
  }

  // RV-4 joint review: special products, large amount (or a currency without threshold), complexity.
  const joint = review.jointReview;
  const triggers: string[] = [];
  const jointFields: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (l.special) jointFields.push(`lines.${i}.special`);
    else if (joint.customMadeIsSpecial && l.customMade) jointFields.push(`lines.${i}.customMade`);
  }
  if (jointFields.length > 0) triggers.push('special');
  const largeAmount = joint.largeAmount[order.currency];
  if (largeAmount === undefined) {
    if (joint.unknownCurrency === 'jointReview') {
      triggers.push('unknownCurrency');
      jointFields.push('currency');
    }
  } else if (complete && (joint.includeTax ? total : untaxed) >= largeAmount) {
    triggers.push('largeAmount');
    jointFields.push(joint.includeTax ? 'total' : 'untaxed');
  }
  if (order.technicalComplexity) {
    triggers.push('complex');
    jointFields.push('technicalComplexity');
  }
  if (triggers.length > 0)
    out.push({
      ruleId: 'RV-4',
      severity: 'approval',
      messageKey: `review.jointReview.${triggers.join('.')}`,
      fields: jointFields,
    });

  // RV-5 route: regular, or non-regular with its reasons.
  const reasons: string[] = [];
  const routeFields: string[] = [];
  if (order.customerRequestedChange) {
    reasons.push('changed');
    routeFields.push('customerRequestedChange');
  }
  let neverShipped = false;
  let docsIncomplete = false;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (!l.shippedBefore) {
      neverShipped = true;
      routeFields.push(`lines.${i}.shippedBefore`);
    }
    if (!l.technicalDocsComplete) {
      docsIncomplete = true;
      routeFields.push(`lines.${i}.technicalDocsComplete`);
    }
  }
  if (neverShipped) reasons.push('neverShipped');
  if (docsIncomplete) reasons.push('docsIncomplete');
  if (reasons.length === 0) {
    if (review.routes.regular.length > 0)
      out.push({
        ruleId: 'RV-5',
        severity: 'approval',
        messageKey: 'review.route.regular',
        fields: [],
      });
  } else if (review.routes.nonRegular.length > 0) {
    out.push({
      ruleId: 'RV-5',
      severity: 'approval',
      messageKey: `review.route.nonRegular.${reasons.join('.')}`,
      fields: routeFields,
    });
  }

  // RV-7 shipping before payment, unless the customer has credit terms (decision 014).
  if (order.shipBeforePayment && ctx.customer?.credit.creditTerms !== true)
    out.push({
      ruleId: 'RV-7',
      severity: 'approval',
      messageKey: 'review.exceptional.shipBeforePayment',
      fields: ['shipBeforePayment', 'customer.credit.creditTerms'],
    });

  // RV-8 advance payment for custom-made lines; RV-10 contract reasons.
  const customFields: string[] = [];
  for (let i = 0; i < n; i++) if (lines[i]!.customMade) customFields.push(`lines.${i}.customMade`);
  if (complete && customFields.length > 0) {
    const advance = Math.round(
      (total * Math.round(review.advancePayment.customMadePercent * 100)) / 10_000,
    );
    if (advance > 0) {
      customFields.push('total');
      out.push({
        ruleId: 'RV-8',
        severity: 'info',
        messageKey: 'review.advance.required',
        fields: customFields,
      });
    }
  }
  if (!order.contract.legalReviewed && review.routes.legal.length > 0) {
    const contract = review.contract;
    const contractFields: string[] = [];
    if (order.contract.required) contractFields.push('contract.required');
    const threshold = contract.requiredAbove[order.currency];
    if (complete && threshold !== undefined && (contract.includeTax ? total : untaxed) >= threshold)
      contractFields.push(contract.includeTax ? 'total' : 'untaxed');
    if (contract.requiredForCustomMade) {
      for (let i = 0; i < n; i++) {
        if (lines[i]!.customMade) {
          contractFields.push(`lines.${i}.customMade`);
          break;
        }
      }
    }
    if (contractFields.length > 0) {
      contractFields.push('contract.legalReviewed');
      out.push({
        ruleId: 'RV-10',
        severity: 'approval',
        messageKey: 'review.contract.legalReview',
        fields: contractFields,
      });
    }
  }
  return out;
}
