/**
 * A real HTTP server on 127.0.0.1 (node:http) that plays an Odoo answering badly: slow, dripping,
 * huge, echoing the key, refusing. Issue 13's fault tests send real requests to it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the Odoo-like server does with one model call; `body` is the parsed JSON request. */
export type CallHandler = (
  call: { model: string; method: string; body: unknown; n: number },
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

export interface HostileServer {
  url: string;
  /** Model calls received (execute_kw or /json/2/…), authentication excluded. */
  calls: { model: string; method: string }[];
  /** Bytes the server managed to write to model-call answers before the client went away. */
  written: { bytes: number };
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Sends JSON with a status. */
export function json(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A JSON-RPC success answer. */
export function rpcResult(res: ServerResponse, body: unknown, result: unknown): void {
  json(res, 200, { jsonrpc: '2.0', id: (body as { id?: unknown }).id ?? null, result });
}

/**
 * Starts an Odoo `major` look-alike: version_info, JSON-RPC `common.authenticate` (uid 2) and
 * JSON-2 `res.users/context_get` answer normally; every model call goes to `onCall`.
 */
export async function startOdoo(major: 18 | 19, onCall: CallHandler): Promise<HostileServer> {
  const calls: { model: string; method: string }[] = [];
  const written = { bytes: 0 };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = req.url ?? '';
      if (path === '/web/webclient/version_info') {
        return rpcResult(res, body, {
          server_version: `${major}.0`,
          server_version_info: [major, 0, 0, 'final', 0, ''],
        });
      }
      let model = '';
      let method = '';
      if (path === '/jsonrpc') {
        const params = (body as { params: { service: string; method: string; args: unknown[] } })
          .params;
        if (params.service === 'common') return rpcResult(res, body, 2);
        model = String(params.args[3]);
        method = String(params.args[4]);
      } else if (path.startsWith('/json/2/')) {
        [model = '', method = ''] = path.slice('/json/2/'.length).split('/');
        if (model === 'res.users' && method === 'context_get') {
          return json(res, 200, { uid: 2, lang: 'en_US', tz: 'UTC' });
        }
      } else {
        res.writeHead(404).end();
        return;
      }
      calls.push({ model, method });
      const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
      res.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
        written.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        return write(chunk, ...rest);
      }) as typeof res.write;
      await onCall({ model, method, body, n: calls.length }, req, res);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    written,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes `bytes` of filler in 64 KiB chunks, honouring back-pressure, until done or closed. */
export async function streamFiller(res: ServerResponse, bytes: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let left = bytes;
  while (left > 0 && !res.destroyed) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

/** Sends one byte every `everyMs` until `total` bytes are sent or the client goes away. */
export async function drip(res: ServerResponse, everyMs: number, total = 100): Promise<void> {
  for (let i = 0; i < total && !res.destroyed; i++) {
    res.write(' ');
    await new Promise((r) => setTimeout(r, everyMs));
  }
  if (!res.destroyed) res.end();
}

/** A port on 127.0.0.1 nobody listens on (opened, then closed): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
