/** Remembers assertion ids until they expire, so that each is accepted once. */
export interface ReplayGuard {
  /** Records `jti` until `expiresAt` (ms); false when it was already recorded and alive. */
  claim(jti: string, expiresAt: number, now: number): Promise<boolean>;
}
