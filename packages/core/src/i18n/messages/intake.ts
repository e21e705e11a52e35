import type { MessageCatalogue } from './Message.js';

// IN-2 says what is missing, then what happens: the order goes back to sales for correction.
const BACK_EN = ': the order goes back to sales for correction.';
const BACK_ZH = ',订单退回销售部门补正。';

/**
 * Messages of the intake rules (IN-1…IN-4), in English and Simplified Chinese. One key per
 * missing item (IN-2) so that each language names the item in its own words.
 *
 * @example
 * INTAKE_MESSAGES['intake.required.paymentTerms'].zh; // '缺少付款方式,订单退回销售部门补正。'
 */
export const INTAKE_MESSAGES: MessageCatalogue = {
  // IN-2 required information
  'intake.required.customer.name': {
    en: 'Customer name is missing' + BACK_EN,
    zh: '缺少客户名称' + BACK_ZH,
  },
  'intake.required.contact.name': {
    en: 'Contact person is missing' + BACK_EN,
    zh: '缺少联系人' + BACK_ZH,
  },
  'intake.required.contact.method': {
    en: 'Contact method is missing (a phone number or an e-mail address)' + BACK_EN,
    zh: '缺少联系方式(电话或电子邮箱)' + BACK_ZH,
  },
  'intake.malformed.contact.phone': {
    en: 'Contact phone "{value}" is not a valid phone number' + BACK_EN,
    zh: '联系电话“{value}”格式不正确' + BACK_ZH,
  },
  'intake.malformed.contact.email': {
    en: 'Contact e-mail "{value}" is not a valid e-mail address' + BACK_EN,
    zh: '联系邮箱“{value}”格式不正确' + BACK_ZH,
  },
  'intake.required.deliveryAddress.street': {
    en: 'Delivery address has no street' + BACK_EN,
    zh: '交货地址缺少街道门牌' + BACK_ZH,
  },
  'intake.required.deliveryAddress.city': {
    en: 'Delivery address has no city' + BACK_EN,
    zh: '交货地址缺少城市' + BACK_ZH,
  },
  'intake.malformed.deliveryAddress.country': {
    en: 'Delivery country "{value}" is not a two-letter country code' + BACK_EN,
    zh: '交货国家“{value}”不是两位字母的国家代码' + BACK_ZH,
  },
  'intake.required.lines': {
    en: 'The order has no lines' + BACK_EN,
    zh: '订单没有任何明细行' + BACK_ZH,
  },
  'intake.required.line.product': {
    en: 'Line {line} has no product (name or code)' + BACK_EN,
    zh: '第{line}行缺少产品(名称或编码)' + BACK_ZH,
  },
  'intake.required.line.specification': {
    en: 'Line {line} has no specification or model' + BACK_EN,
    zh: '第{line}行缺少规格或型号' + BACK_ZH,
  },
  'intake.required.line.quantity': {
    en: 'Line {line} has no quantity' + BACK_EN,
    zh: '第{line}行缺少数量' + BACK_ZH,
  },
  'intake.malformed.line.quantity': {
    en: 'Line {line} has quantity {value}; a quantity must be greater than zero' + BACK_EN,
    zh: '第{line}行数量为{value},数量必须大于零' + BACK_ZH,
  },
  'intake.required.line.unitPrice': {
    en: 'Line {line} has no unit price' + BACK_EN,
    zh: '第{line}行缺少单价' + BACK_ZH,
  },
  'intake.malformed.line.unitPrice': {
    en: 'Line {line} has a negative unit price ({value})' + BACK_EN,
    zh: '第{line}行单价为负数({value})' + BACK_ZH,
  },
  'intake.limit.line.amount': {
    en:
      'The amount of line {line} is too large to be computed exactly; check its quantity and prices' +
      BACK_EN,
    zh: '第{line}行金额过大,无法精确计算,请核对数量和价格' + BACK_ZH,
  },
  'intake.limit.order.amount': {
    en:
      'The order total is too large to be computed exactly; check the quantities and prices, or split the order' +
      BACK_EN,
    zh: '订单总金额过大,无法精确计算,请核对数量和价格或拆分订单' + BACK_ZH,
  },
  'intake.required.requestedDeliveryDate': {
    en: 'Requested delivery date is missing' + BACK_EN,
    zh: '缺少要求交货日期' + BACK_ZH,
  },
  'intake.malformed.requestedDeliveryDate': {
    en: 'Requested delivery date "{value}" is not a calendar date such as 2026-04-30' + BACK_EN,
    zh: '要求交货日期“{value}”不是有效日期(例如2026-04-30)' + BACK_ZH,
  },
  'intake.required.paymentTerms': {
    en: 'Payment terms are missing' + BACK_EN,
    zh: '缺少付款方式' + BACK_ZH,
  },
  'intake.required.invoice.title': {
    en: 'Invoice title is missing' + BACK_EN,
    zh: '缺少发票抬头' + BACK_ZH,
  },
  'intake.required.invoice.taxId': {
    en: 'Taxpayer ID for the invoice is missing' + BACK_EN,
    zh: '缺少开票纳税人识别号' + BACK_ZH,
  },

  // IN-3 verbal orders
  'intake.verbal.confirmationPending': {
    en: "Verbal order without written confirmation: review goes on, but the order cannot be confirmed until the customer's written confirmation is recorded.",
    zh: '口头订单尚无书面确认:评审可以继续,但在登记客户的书面确认之前,订单不能确认。',
  },
  'intake.verbal.confirmationBlocked': {
    en: "Verbal order without written confirmation cannot be confirmed: record the customer's written confirmation first.",
    zh: '口头订单尚无书面确认,不能确认订单:请先登记客户的书面确认。',
  },
  'intake.verbal.confirmationDeadline': {
    en: "Verbal order without written confirmation: the customer's written confirmation must be recorded by {deadline} ({hours} hours after submission), or the order is flagged and escalated.",
    zh: '口头订单尚无书面确认:须在{deadline}前(提交后{hours}小时内)登记客户的书面确认,逾期将标记并上报。',
  },
  'intake.verbal.notVerbal': {
    en: 'This order was not taken verbally: it needs no written confirmation.',
    zh: '此订单并非口头订单:无需登记书面确认。',
  },

  // IN-4 urgent orders
  'intake.urgent.prioritised': {
    en: 'Urgent order: it is processed first and its review must finish within {hours} hours.',
    zh: '加急订单:优先处理,评审须在{hours}小时内完成。',
  },
  'intake.urgent.feasibilityMissing': {
    en: 'Urgent order without an urgency-and-feasibility assessment: it goes back to sales until the assessment is recorded.',
    zh: '加急订单缺少紧急程度与可行性评估:退回销售部门,待评估登记后再处理。',
  },
  'intake.urgent.infeasible': {
    en: 'Urgent order assessed as not feasible in the time requested: agree a new date or terms with the customer before approving it.',
    zh: '加急订单经评估无法在要求时间内完成:审批前请与客户协商新的交期或条件。',
  },
};
