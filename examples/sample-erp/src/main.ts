/**
 * Runs the sample ERP:
 *
 *   SAMPLE_ERP_TOKEN=… [SAMPLE_ERP_WEBHOOK_URL=… SAMPLE_ERP_WEBHOOK_SECRET=…] \
 *     pnpm --filter sample-erp start -- [--port 4000] [--host 127.0.0.1] [--data DIR] [--seed cases|none|N]
 *
 * Prints one line `sample-erp listening on <url>` when ready (the benchmark and `serve` read it).
 */
import { parseArgs } from 'node:util';
import { startSampleErp } from './app.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SAMPLE_ERP_PORT ?? '4000' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    seed: { type: 'string', default: 'cases' },
  },
  allowPositionals: true,
});

function fail(message: string): never {
  console.error(`sample-erp: ${message}`);
  process.exit(2);
}

const token = process.env.SAMPLE_ERP_TOKEN ?? '';
if (token.length < 16)
  fail('set SAMPLE_ERP_TOKEN (at least 16 characters): the API token ordergate sends');
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port ${values.port} is not a port number`);
const seed = values.seed === 'cases' || values.seed === 'none' ? values.seed : Number(values.seed);
if (typeof seed === 'number' && (!Number.isInteger(seed) || seed < 1))
  fail(`--seed must be cases, none or a number of orders (got ${values.seed})`);
const hookUrl = process.env.SAMPLE_ERP_WEBHOOK_URL;
const hookSecret = process.env.SAMPLE_ERP_WEBHOOK_SECRET;
if (hookUrl && (hookSecret ?? '').length < 32)
  fail('SAMPLE_ERP_WEBHOOK_URL is set: set SAMPLE_ERP_WEBHOOK_SECRET too (at least 32 characters)');

const erp = await startSampleErp({
  token,
  port,
  host: values.host,
  seed,
  ...(values.data ? { dataDir: values.data } : {}),
  ...(hookUrl && hookSecret ? { webhook: { url: hookUrl, secret: hookSecret } } : {}),
  log: (line) => console.log(line),
}).catch((error: unknown) => fail((error as Error).message));
console.log(`sample-erp listening on ${erp.url}`);
const stop = () => {
  void erp.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
