import { createApp } from '../app.ts';

declare const Deno: {
  env: { toObject(): Record<string, string>; get(name: string): string | undefined };
  serve(
    options: { port: number; hostname: string; onListen?(address: { hostname: string; port: number }): void },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
};

// Configuration comes from the environment, read once like a Worker's bindings.
const env = Deno.env.toObject();
const app = createApp();
const port = Number(Deno.env.get('PORT') ?? 8787);
const hostname = Deno.env.get('HOST') ?? '127.0.0.1';

Deno.serve(
  { port, hostname, onListen: (address) => console.log(JSON.stringify({ listening: `http://${address.hostname}:${address.port}` })) },
  (request) => app.fetch(request, env),
);
