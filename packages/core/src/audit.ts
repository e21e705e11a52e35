// @ordergate/core/audit — the audit chain alone: sealing and verifying per-stream SHA-256 hash
// chains without loading the rules, the policy or zod. Everything here is also exported by
// `@ordergate/core`; this entry exists for consumers that only keep or check audit trails (an
// archive reader, a verifier job), so they neither download nor parse the rest.

export { GENESIS_HASH } from './audit/AuditEvent.js';
export type { AuditDraft, AuditEvent, SealedEvent } from './audit/AuditEvent.js';
export { sealEvent, sealDraft, openSealed, verifyChain, verifySealed } from './audit/auditChain.js';
export type { ChainHead, ChainProblem, ChainVerification } from './audit/auditChain.js';
export { portableSha256 } from './audit/Hasher.js';
export type { Hasher } from './audit/Hasher.js';
