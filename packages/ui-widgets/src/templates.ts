import { App } from '@odoo/owl';

/** A template function as Owl's compiler makes it. */
type TemplateFunction = Parameters<typeof App.registerTemplate>[1];

/**
 * Registers a template that the build compiled (scripts/owl-templates.ts) for every Owl App on
 * the page, and returns its name for a component's `static template`. No template is compiled
 * in the browser, so a page needs no CSP 'unsafe-eval'.
 *
 * @example
 * static template = precompiled('ordergate.ApprovalPanel', templateFn);
 */
export function precompiled(name: string, fn: TemplateFunction): string {
  App.registerTemplate(name, fn);
  return name;
}
