import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/** Answers /healthz like the worker but never answers anything else: for timeouts and cancellation. */
export async function startStallingWorker(): Promise<LocalServer> {
  const server = createServer((req, res) => {
    if (req.url === '/healthz') res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"api":"chime-sdk-meetings"}');
  });
  return listen(server);
}

/** A URL where nothing listens (a port that was just free). */
export async function deadUrl(): Promise<string> {
  const server = await listen(createServer());
  await server.close();
  return server.url;
}

async function listen(server: Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
