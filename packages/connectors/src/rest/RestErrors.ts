import { ConnectorError } from '../internal/http/ConnectorError.js';

/** One problem of a mapping document: the field path (`orders.fields.currency`) and what is wrong. */
export interface MappingProblem {
  path: string;
  message: string;
}

/**
 * The mapping document is invalid: every problem names the resource and the field path, with a
 * did-you-mean for misspelt keys. Thrown before any request is sent.
 *
 * @example
 * catch (e) { if (e instanceof RestMappingError) for (const p of e.problems) console.error(`${p.path}: ${p.message}`); }
 */
export class RestMappingError extends ConnectorError {
  override readonly name = 'RestMappingError';
  readonly problems: readonly MappingProblem[];
  constructor(source: string, problems: readonly MappingProblem[]) {
    super(
      'REST_MAPPING',
      `${source} is not a valid REST mapping: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      { retryable: false },
    );
    this.problems = problems;
  }
}

/**
 * An answer of the ERP does not fit the mapping: `path` names the place in the answer that
 * failed (`orders[3].lines[0].qty`), `target` the field it was meant for. Nothing half-mapped is
 * ever returned with it.
 *
 * @example
 * catch (e) { if (e instanceof RestResponseError) console.error(e.resource, e.path, e.message); }
 */
export class RestResponseError extends ConnectorError {
  override readonly name = 'RestResponseError';
  readonly resource: string;
  readonly path: string;
  readonly target: string | undefined;
  constructor(resource: string, path: string, problem: string, target?: string) {
    super(
      'REST_RESPONSE_SHAPE',
      `${resource}: ${path}${target ? ` (→ ${target})` : ''}: ${problem}`,
      { retryable: false },
    );
    this.resource = resource;
    this.path = path;
    this.target = target;
  }
}
