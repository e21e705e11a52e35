/**
 * Writes the REST mapping's JSON Schema (editor completion) to
 * packages/connectors/rest-mapping.schema.json. `test/rest.mapping.test.ts` fails when it drifts.
 * Run: pnpm --filter @ordergate/connectors run schema:rest
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { restMappingJsonSchema } from '../src/rest/RestMapping.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../rest-mapping.schema.json', import.meta.url));

/** The schema file's exact text (formatted as the repository's prettier would). */
export function schemaText(): Promise<string> {
  return format(JSON.stringify(restMappingJsonSchema()), { parser: 'json', printWidth: 100 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SCHEMA_FILE, await schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
