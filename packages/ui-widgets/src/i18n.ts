import type EN from './i18n.en.js';
import TEXT_KEYS from './i18n.keys.js';

/** The languages of the panels: English and Simplified Chinese. */
export type Lang = 'en' | 'zh-CN';

/** A UI text's key. */
export type TextKey = keyof typeof EN;

/** The keys of the texts, in the order the built packs list their values. */
const KEYS: readonly TextKey[] = TEXT_KEYS;

/** The texts of each language loaded so far: English always, Chinese once `loadTexts` ran. */
/** The texts of each language loaded so far (`loadTexts`). */
const TEXTS: Partial<Record<Lang, Readonly<Record<TextKey, string>>>> = {};
const LOADING: Partial<Record<Lang, Promise<void>>> = {};
type Pack = { default: Readonly<Record<TextKey, string>> | readonly string[] };
const PACKS: Record<Lang, () => Promise<Pack>> = {
  en: () => import('./i18n.en.js'),
  'zh-CN': () => import('./i18n.zh-CN.js'),
};

/**
 * Loads a language's texts, once. Every language is a pack of its own (decision 035): `en.js`
 * and `zh-CN.js` beside the bundle, fetched on first use (inlined in the build for Odoo), so a
 * page carries the texts of its language only. `mount…` and the desk's language switch call it;
 * an app that builds its own `env` calls it before mounting. An `I18n` reads English while its
 * language is not loaded, and a key made readable while no texts are.
 *
 * @example
 * await loadTexts('zh-CN');
 * new I18n('zh-CN').t('approve'); // '批准'
 */
export function loadTexts(lang: Lang): Promise<void> {
  if (TEXTS[lang]) return Promise.resolve();
  return (LOADING[lang] ??= PACKS[lang]().then(
    (pack) => {
      TEXTS[lang] = unpack(pack.default);
    },
    (e: unknown) => {
      delete LOADING[lang]; // a later call tries again
      throw e;
    },
  ));
}

/**
 * A language pack as the source keeps it (keyed) or as the build ships it (the values alone, in
 * the order of the keys: scripts/lang-packs.ts), keyed.
 */
function unpack(pack: Pack['default']): Readonly<Record<TextKey, string>> {
  if (!Array.isArray(pack)) return pack as Readonly<Record<TextKey, string>>;
  return Object.fromEntries(KEYS.map((k, n) => [k, pack[n]])) as Record<TextKey, string>;
}

/** The texts an `I18n` reads: its language's when loaded, else English's, else none yet. */
function textsOf(lang: Lang): Readonly<Partial<Record<TextKey, string>>> {
  return TEXTS[lang] ?? TEXTS.en ?? {};
}

/**
 * The host page's language: `zh-CN` when `<html lang>` (or, without one, the browser) says
 * Chinese, English otherwise.
 *
 * @example
 * hostLang(); // 'zh-CN' on a page with <html lang="zh-CN">
 */
export function hostLang(doc: Document | undefined = globalThis.document): Lang {
  const tag = doc?.documentElement.lang || globalThis.navigator?.language || 'en';
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * A language's texts, with `{name}` placeholders filled in. Values are plain text: the
 * components render them with `t-esc`, never as HTML.
 *
 * @example
 * await loadTexts('zh-CN'); // the Chinese texts are a language pack of their own
 * const i18n = new I18n('zh-CN');
 * i18n.t('queueCount', { n: 3 }); // '待处理 3 项'
 */
export class I18n {
  /** Core message templates (`messageKey` → template) for findings and refusals. */
  messages: Readonly<Record<string, string>> = {};

  /**
   * Role labels of the policy in force (`roles.<key>.label`), when the host has them: they win
   * over the built-in labels of the regulation's roles, so a company's own roles read as it names them.
   */
  roles: Readonly<Record<string, { en: string; zh: string }>> = {};

  /** People's display names by ERP user id (`learnPeople`), shown instead of the ids. */
  people = new Map<string, string>();
  /** The ids already asked of the service, named or not. */
  asked = new Set<string>();

  constructor(public lang: Lang) {}

  /** A person's display name, or their id when nobody named them. */
  person(id: string | undefined): string {
    return id === undefined ? '' : (this.people.get(id) ?? id);
  }

  /** A UI text. */
  t(key: TextKey, params: Readonly<Record<string, unknown>> = {}): string {
    return fill(textsOf(this.lang)[key] ?? readable(key), params);
  }

  /** Whether a UI text exists (for texts keyed by data, e.g. an event's type). */
  has(key: string): boolean {
    return key in textsOf(this.lang);
  }

  /** A core message (a finding's or a refusal's `messageKey`), or the key and its parameters. */
  message(key: string, params: Readonly<Record<string, unknown>> = {}): string {
    const template = this.messages[key];
    return template === undefined ? `${key} ${JSON.stringify(params)}` : fill(template, params);
  }

  /** The language half of a `{ en, zh }` text. */
  pick(text: { en: string; zh: string } | undefined): string {
    return text ? (this.lang === 'zh-CN' ? text.zh : text.en) : '';
  }

  /**
   * A role or department key as its label: the policy's label, else the built-in one, else the
   * key made readable (`qualityControl` → `Quality control`). Never the raw key.
   *
   * @example
   * new I18n('zh-CN').role('salesHead'); // '销售主管' (after loadTexts('zh-CN'))
   */
  role(key: string): string {
    const own = this.roles[key];
    if (own) return this.pick(own);
    return this.has(`role.${key}`) ? this.t(`role.${key}` as TextKey) : readable(key);
  }

  /**
   * An order or line field (`requestedDeliveryDate`, `contact.name`, `quantity`) as its label in
   * the reader's language; a field without one made readable. Never the raw key.
   *
   * @example
   * new I18n('en').field('contact.name'); // 'Contact name'
   */
  field(path: string): string {
    const key = `field.${path}`;
    return this.has(key) ? this.t(key as TextKey) : readable(path);
  }

  /** Several roles as one list of labels. */
  roleList(keys: readonly string[]): string {
    return keys.map((k) => this.role(k)).join(this.lang === 'zh-CN' ? '、' : ', ');
  }

  /**
   * An order status (`in_review`…) in the reader's language; an unknown one made readable.
   *
   * @example
   * new I18n('en').status('credit_hold'); // 'on credit hold'
   */
  status(status: string): string {
    const key = `orderStatus.${status}`;
    return this.has(key) ? this.t(key as TextKey) : readable(status);
  }

  /** A date and time in the reader's language, in their time zone. */
  dateTime(iso: string | undefined): string {
    if (!iso) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(d) : dateTimeFormat(this.lang).format(d);
  }

  /**
   * Makes this language's date and money formatters now (creating the first Intl formatter of a
   * page costs milliseconds): call it while something else waits, e.g. the messages' request.
   */
  warm(): void {
    dateTimeFormat(this.lang);
    moneyFormat();
  }

  /** A duration as `1 d 4 h`, `3 h 12 min` or `42 s`. */
  duration(ms: number): string {
    const s = Math.floor(Math.abs(ms) / 1000);
    const [d, h, m] = [
      Math.floor(s / 86_400),
      Math.floor((s % 86_400) / 3600),
      Math.floor((s % 3600) / 60),
    ];
    const zh = this.lang === 'zh-CN';
    if (d > 0) return zh ? `${d}天${h}小时` : `${d} d ${h} h`;
    if (h > 0) return zh ? `${h}小时${m}分` : `${h} h ${m} min`;
    if (m > 0) return zh ? `${m}分${s % 60}秒` : `${m} min ${s % 60} s`;
    return zh ? `${s}秒` : `${s} s`;
  }

  /** Minor units as money, e.g. `1,130,000.00 CNY`. */
  money(minor: number, currency: string): string {
    return `${moneyFormat().format(minor / 100)} ${currency}`;
  }
}

/**
 * A key as words: `salesHead` → `Sales head`, `in_review` → `In review`.
 *
 * @example
 * readable('qualityControl'); // 'Quality control'
 */
export function readable(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Intl formatters are costly to create (a panel formats hundreds of dates per render): one per
// language, made on first use and kept.
const DATE_TIMES = new Map<Lang, Intl.DateTimeFormat>();
let money: Intl.NumberFormat | undefined;

function moneyFormat(): Intl.NumberFormat {
  return (money ??= new Intl.NumberFormat('en', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }));
}

function dateTimeFormat(lang: Lang): Intl.DateTimeFormat {
  let f = DATE_TIMES.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    DATE_TIMES.set(lang, f);
  }
  return f;
}

function fill(template: string, params: Readonly<Record<string, unknown>>): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : `${params[name] as string}`,
  );
}
