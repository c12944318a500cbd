/**
 * A small closed-loop load generator on node:http with keep-alive: `concurrency` connections, each
 * sending its next request when the last answer has been read, until `maxRequests` or `maxSeconds`.
 * Cheaper per request than fetch, so the client takes less of the machine from what it measures.
 */
import { Agent, request } from 'node:http';

export interface LoadOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body chunked, without a Content-Length, as a client streaming it would. */
  chunked?: boolean;
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
  /** Every answer must have this status, or the run fails (a benchmark of errors measures nothing). */
  expectStatus: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  /** Milliseconds, one per request, in completion order. */
  latencies: number[];
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string | number> = { ...options.headers };
  if (body && options.chunked) headers['transfer-encoding'] = 'chunked';
  else if (body) headers['content-length'] = body.length;
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const started = performance.now();
  const stopAt = started + options.maxSeconds * 1000;
  let issued = 0;
  let failure: Error | undefined;

  const once = () =>
    new Promise<void>((resolve, reject) => {
      const sent = performance.now();
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'POST', headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (res.statusCode !== options.expectStatus) {
              const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
              return reject(new Error(`${options.url} answered ${res.statusCode}, expected ${options.expectStatus}: ${text}`));
            }
            latencies.push(performance.now() - sent);
            resolve();
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`${options.url}: no answer within 30 s`)));
      req.on('error', reject);
      req.end(body);
    });

  const client = async () => {
    while (!failure && issued < options.maxRequests && performance.now() < stopAt) {
      issued++;
      try {
        await once();
      } catch (error) {
        failure ??= error as Error;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (failure) throw failure;
  return { requests: latencies.length, seconds, rps: latencies.length / seconds, latencies };
}
