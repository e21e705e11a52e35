import { canonicalJson } from '../../lib/canonicalJson.js';
import type { Hasher } from '../../audit/Hasher.js';
import type { ArchiveContent, ArchiveSeal } from '../../state/ArchiveRecord.js';

/**
 * SHA-256 of each top-level section of an archive's content, over `name`, a newline and its
 * canonical JSON. Every key present counts, so a renamed or added section changes the result too.
 *
 * @example
 * sectionHashes(content, nodeSha256).events; // '3f1c…'
 */
export function sectionHashes(content: unknown, hasher: Hasher): Record<string, string> {
  const out: Record<string, string> = {};
  if (content === null || typeof content !== 'object') return out;
  const record = content as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    out[key] = hasher.sha256Hex(key + '\n' + canonicalJson(record[key]));
  }
  return out;
}

/**
 * The record hash over section hashes.
 *
 * @example
 * sealHash(seal.sections, nodeSha256) === seal.hash; // true for an intact seal
 */
export function sealHash(sections: Readonly<Record<string, string>>, hasher: Hasher): string {
  return hasher.sha256Hex('ordergate-archive\n' + canonicalJson(sections));
}

/**
 * AR-2: seals an archive's content — section hashes, the record hash over them and the head of the
 * embedded order trail. The record hash is what the archive stream and the order trail record.
 *
 * @example
 * const seal = sealArchive(content, nodeSha256); // { algorithm: 'sha256', sections, hash, orderHead }
 */
export function sealArchive(content: ArchiveContent, hasher: Hasher): ArchiveSeal {
  const sections = sectionHashes(content, hasher);
  const last = content.events[content.events.length - 1];
  return {
    algorithm: 'sha256',
    sections,
    hash: sealHash(sections, hasher),
    orderHead: last ? { seq: last.seq, hash: last.hash } : null,
  };
}
