// Writes dist/policy.schema.json (the policy document's JSON Schema) after the build, so
// integrators can point "$schema" at `@ordergate/core/policy.schema.json` for editor completion.
import { mkdirSync, writeFileSync } from 'node:fs';
import { policyJsonSchema } from '../src/policy/loadPolicy.js';

const target = new URL('../dist/policy.schema.json', import.meta.url);
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
writeFileSync(
  target,
  JSON.stringify({ title: 'ordergate policy', ...policyJsonSchema() }, null, 2) + '\n',
);
console.log(`wrote ${target.pathname}`);
