import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a run's full logs go, so that a passing run prints only its summary. */
export const TEST_RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');

/**
 * What workerd itself prints outside any test: the "Network connection lost" of a request whose
 * connection a fault test cut on purpose, the stack lines that follow it, the warning about a
 * non-ASCII header a hostile test sent. The pool writes each as one line of the run's own stdout or
 * stderr; a test's console output reaches vitest's reporter instead, which prints it when the test fails.
 */
const WORKERD_DIAGNOSTIC = /^(uncaught exception; |exception = |stack: |A header value for ")/;

/**
 * Sends workerd's diagnostics to test-results/<name>, leaving every other line on the console.
 * Returns a function that restores the streams and says where the lines went, if there were any.
 */
export function routeWorkerdDiagnostics(name: string): () => void {
  const file = join(TEST_RESULTS_DIR, name);
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  writeFileSync(file, '');
  let routed = 0;
  const restore = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write;
    stream.write = function (chunk: string | Uint8Array, ...rest: unknown[]) {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (!WORKERD_DIAGNOSTIC.test(text)) return (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      routed++;
      appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    } as typeof stream.write;
    return () => (stream.write = write);
  });
  return () => {
    restore.forEach((undo) => undo());
    if (routed > 0) console.log(`workerd printed ${routed} diagnostic lines outside any test: ${file}`);
  };
}
