import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotControl, BotJoin, BotReport } from './protocol.ts';
import { parseReport } from './states.ts';

/*
 * Serves the bots' pages on 127.0.0.1 (a free port) and hears their reports. A bot's address holds its
 * unguessable id: the join answer carries its JoinToken, so nothing else on the machine can ask for it.
 */

export interface PageServerHandlers {
  /** The join info of a bot, undefined for an id that is not one. */
  join(botId: string): BotJoin | undefined;
  /** The ids of the bots a browser's launcher opens. */
  launch(browserId: string): string[] | undefined;
  report(botId: string, report: BotReport): boolean;
  control(botId: string): BotControl | undefined;
}

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

const MAX_REPORT_BYTES = 4_096;

const page = (body: string) => `<!doctype html><meta charset="utf-8"><title>starting</title><body>${body}</body>`;

/** Opens the browser's bots, one tab each; the launcher tab itself joins nothing. */
const LAUNCHER = `fetch('/browsers/' + new URLSearchParams(location.search).get('browser'))
  .then((r) => r.json()).then((ids) => ids.forEach((id) => window.open('/bot?bot=' + encodeURIComponent(id), '_blank', 'noopener')));`;

export async function startPageServer(bundlePath: string, handlers: PageServerHandlers): Promise<PageServer> {
  const bundle = await readFile(bundlePath);
  const server = createServer((req, res) => {
    route(req, res).catch(() => send(res, 500, { message: 'internal error' }));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, first, id, action] = url.pathname.split('/').map(decodeURIComponent);
    const key = `${req.method} /${first}${action ? `/:id/${action}` : id ? '/:id' : ''}`;
    switch (key) {
      case 'GET /launch':
        return sendText(res, 'text/html', page(`<script>${LAUNCHER}</script>`));
      case 'GET /bot':
        return sendText(res, 'text/html', page('<script src="/bot.js"></script>'));
      case 'GET /bot.js':
        return sendText(res, 'text/javascript', bundle);
      case 'GET /browsers/:id':
        return answer(res, handlers.launch(id!));
      case 'GET /bots/:id/join':
        return answer(res, handlers.join(id!));
      case 'GET /bots/:id/control':
        return answer(res, handlers.control(id!));
      case 'POST /bots/:id/state': {
        const report = parseReport(await readJson(req));
        if (!report) return send(res, 400, { message: 'the body must be {"state": one of the bot states, "detail"?: string}' });
        return handlers.report(id!, report) ? send(res, 204) : send(res, 404, { message: 'no such bot' });
      }
      default:
        return send(res, 404, { message: 'not found' });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answer(res: ServerResponse, body: unknown): void {
  if (body === undefined) return send(res, 404, { message: 'no such bot' });
  send(res, 200, body);
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'cache-control': 'no-store', ...(body === undefined ? {} : { 'content-type': 'application/json' }) });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function sendText(res: ServerResponse, type: string, body: string | Buffer): void {
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

/** A small JSON body, or undefined when it is too large or not JSON. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REPORT_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
