import {
  ArchivedOrderError,
  ConcurrentModificationError,
  formatMessage,
  NotFoundError,
  ValidationError,
  type Finding,
  type InputIssue,
  type Locale,
  type Refusal,
} from '@ordergate/core';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

/**
 * An error answer, `application/problem+json` (RFC 9457), with the stable `code` a client
 * switches on, the rule behind it where one is, and `detail` in the caller's language.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  ruleId?: string;
  detail: string;
  errors?: InputIssue[];
  findings?: readonly Finding[];
  step?: string;
  /** The order as stored, for `RETURNED` (it was received and returned to sales). */
  order?: unknown;
}

/**
 * The language of `detail`: the first of `Accept-Language` (by q) that is Chinese (`zh`,
 * `zh-CN`, `zh-Hans`…) or English; English otherwise.
 *
 * @example
 * negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8'); // 'zh'
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const kebab = (code: string) => code.toLowerCase().replace(/_/g, '-');
const words = (code: string) => {
  const s = code.toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** Builds a problem; `title` starts with the rule ID where one applies (e.g. `RV-3 Self approval`). */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Omit<Problem, 'type' | 'title' | 'status' | 'code' | 'detail'> = {},
): Problem {
  return {
    type: `urn:ordergate:problem:${kebab(code)}`,
    title: extra.ruleId ? `${extra.ruleId} ${words(code)}` : words(code),
    status,
    code,
    ...(extra.ruleId ? { ruleId: extra.ruleId } : {}),
    detail,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.findings ? { findings: extra.findings } : {}),
    ...(extra.step !== undefined ? { step: extra.step } : {}),
    ...(extra.order !== undefined ? { order: extra.order } : {}),
  };
}

const FORBIDDEN = new Set(['NOT_ELIGIBLE', 'SELF_APPROVAL', 'NO_GRANT']);

/** The HTTP status of a core refusal: 404, 403 (who may not), 422 (`RETURNED`) or 409. */
export function refusalStatus(code: Refusal['code']): 403 | 404 | 409 | 422 {
  if (code === 'NOT_FOUND') return 404;
  if (code === 'RETURNED') return 422;
  if (FORBIDDEN.has(code)) return 403;
  return 409;
}

/** A core refusal as a problem, `detail` rendered by the core's message catalogue. */
export function refusalProblem(r: Refusal<unknown>, locale: Locale): Problem {
  return problem(refusalStatus(r.code), r.code, formatMessage(r.messageKey, r.params, locale), {
    ...(r.ruleId ? { ruleId: r.ruleId } : {}),
    findings: r.findings,
    ...(r.step !== undefined ? { step: r.step } : {}),
    ...(r.code === 'RETURNED' && r.recorded !== undefined ? { order: r.recorded } : {}),
  });
}

const TEXT = {
  invalid: { en: 'The request has invalid fields.', zh: '请求中有无效字段。' },
  notFound: { en: '{entity} {key} was not found.', zh: '未找到{entity} {key}。' },
  noRoute: { en: 'No such resource: {method} {path}.', zh: '没有此资源:{method} {path}。' },
  malformed: { en: 'The request body is not valid JSON.', zh: '请求正文不是有效的 JSON。' },
  internal: {
    en: 'Something went wrong on our side; nothing was changed by this request.',
    zh: '服务端出错;此请求未做任何更改。',
  },
  archived: {
    en: 'Order {key} is archived: read it through the archive with an approved access request (AR-5).',
    zh: '订单 {key} 已归档:须经批准的调阅申请通过档案读取(AR-5)。',
  },
  busy: {
    en: 'The order was changed by someone else at the same time; try again.',
    zh: '订单同时被他人修改,请重试。',
  },
} as const;

/** A localized text of the HTTP layer itself. */
export function text(key: keyof typeof TEXT, locale: Locale, params: Record<string, string> = {}) {
  return TEXT[key][locale].replace(/\{(\w+)\}/g, (w, n: string) => params[n] ?? w);
}

/** Bad input as a 400 problem listing every bad field. */
export function validationProblem(issues: readonly InputIssue[], locale: Locale): Problem {
  return problem(400, 'INVALID_INPUT', text('invalid', locale), { errors: [...issues] });
}

/** A thrown error as a problem; anything unknown is a 500 that tells nothing of the inside. */
export function errorProblem(e: unknown, locale: Locale): Problem {
  if (e instanceof ValidationError) return validationProblem(e.issues, locale);
  if (e instanceof NotFoundError) {
    return problem(404, 'NOT_FOUND', text('notFound', locale, { entity: e.entity, key: e.key }));
  }
  if (e instanceof ConcurrentModificationError) {
    return problem(409, 'CONCURRENT_MODIFICATION', text('busy', locale));
  }
  if (e instanceof ArchivedOrderError) {
    return problem(409, 'ARCHIVED', text('archived', locale, { key: e.orderId }), {
      ruleId: 'AR-5',
    });
  }
  return problem(500, 'INTERNAL', text('internal', locale));
}
