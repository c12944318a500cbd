import { serve } from '@hono/node-server';
import { createApp } from '../app.ts';

// Configuration comes from the process environment, read once like a Worker's bindings.
const env = { ...process.env };
const app = createApp();
const port = Number(process.env.PORT ?? 8787);
const hostname = process.env.HOST ?? '127.0.0.1';

const server = serve({ fetch: (request) => app.fetch(request, env), port, hostname }, (info) => {
  console.log(JSON.stringify({ listening: `http://${hostname}:${info.port}` }));
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close());
