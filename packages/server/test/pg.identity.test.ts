// The identity suite on a real PostgreSQL: two node-postgres pools on one database, as two
// service instances would hold, so a jti or a revocation one instance writes is seen by the other.
import { describe } from 'vitest';
import { migrate, NodePgDriver } from '../src/index.js';
import { freshSchema, postgresUrl } from './support/harness.js';
import { identitySuite } from './support/identitySuite.js';

const url = postgresUrl();

describe.skipIf(url === undefined)('real PostgreSQL', () => {
  identitySuite('PostgreSQL (two pools)', async () => {
    const a = await NodePgDriver.connect({ connectionString: url!, max: 4 });
    const b = await NodePgDriver.connect({ connectionString: url!, max: 4 });
    const schema = freshSchema('ident');
    await migrate(a, schema);
    return {
      a,
      b,
      schema,
      freshSchema: () => freshSchema('tokcli'),
      close: async () => {
        await a.close();
        await b.close();
      },
    };
  });
});
