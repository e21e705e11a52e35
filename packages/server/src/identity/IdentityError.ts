/** Why a user assertion or an API token was refused (each answers 401 with this `code`). */
export type IdentityRefusalCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_AUDIENCE'
  | 'TOKEN_REPLAYED'
  | 'TOKEN_TOO_LONG'
  | 'TOKEN_REVOKED';

/** A refused assertion or token; its message never contains the token or the secret. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  readonly code: IdentityRefusalCode;
  constructor(code: IdentityRefusalCode, message: string) {
    super(message);
    this.code = code;
  }
}
