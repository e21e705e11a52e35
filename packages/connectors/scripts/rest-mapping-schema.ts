/**
 * Writes the REST mapping's JSON Schema (editor completion) to
 * packages/connectors/rest-mapping.schema.json. `test/rest.mapping.test.ts` fails when it drifts.
 * Run: pnpm --filter @ordergate/connectors run schema:rest
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { restMappingJsonSchema } from '../src/rest/RestMapping.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../rest-mapping.schema.json', import.meta.url));

/** The schema file's exact text. */
export function schemaText(): string {
  return `${JSON.stringify(restMappingJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
