/*
 * The log says what happened (request IDs, counts, timings) and never what is secret: tokens and
 * JoinTokens are scrubbed from every line here, as a backstop to callers that only log counts.
 */

export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Logger extends LogSink {
  /** Another place for the (already redacted) lines to go, until disposed. */
  addSink(sink: LogSink): { dispose(): void };
}

const REDACTED = '[redacted]';
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`],
  [/(\bJoinToken"?\s*[:=]\s*"?)[^\s"',;}]+/gi, `$1${REDACTED}`],
];
/** Shorter strings would scrub ordinary words out of the log. */
const MIN_SECRET_LENGTH = 6;

export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) clean = clean.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) clean = clean.replace(pattern, replacement);
  return clean;
}

/** A logger writing redacted lines to every sink; `secrets` is asked afresh for each line. */
export function createLogger(sink: LogSink, secrets: () => Iterable<string | undefined>): Logger {
  const sinks = new Set<LogSink>([sink]);
  const write = (level: keyof LogSink) => (message: string) => {
    const line = redact(message, secrets());
    for (const each of sinks) each[level](line);
  };
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    addSink(extra) {
      sinks.add(extra);
      return { dispose: () => void sinks.delete(extra) };
    },
  };
}
