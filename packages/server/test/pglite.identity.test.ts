// The identity suite on PGlite: two apps in one process sharing one embedded database.
import { migrate, PgliteDriver } from '../src/index.js';
import { freshSchema } from './support/harness.js';
import { identitySuite } from './support/identitySuite.js';

identitySuite('PGlite', async () => {
  const driver = await PgliteDriver.open();
  const schema = freshSchema('ident');
  await migrate(driver, schema);
  return {
    a: driver,
    b: driver,
    schema,
    freshSchema: () => freshSchema('tokcli'),
    close: () => driver.close(),
  };
});
