/** Placeholder that replaces secrets in messages, logs and recorded fixtures. */
export const MASK = '***';

/**
 * Replaces every occurrence of each secret (password, API key) in `text` by `***`. Secrets
 * shorter than 4 characters are also masked: a short password must not survive either.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length > 0 && secret !== MASK) out = out.split(secret).join(MASK);
  }
  return out;
}
