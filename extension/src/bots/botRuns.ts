import type { BotRun, StopResult } from './runner.ts';
import type { BotStatus } from './states.ts';

/*
 * The test bots the extension runs, one run per meeting: their states as the runner last reported them,
 * told to listeners on every change (the Meetings tree redraws that meeting alone, reading nothing), and
 * stopped on demand, when their meeting ends, or when the extension deactivates. No vscode import.
 */

export interface BotRuns {
  /** The meeting's bots as last reported; none when it runs none. */
  bots(meetingId: string): readonly BotStatus[];
  /** Meetings that run bots (starting, running, or over and not stopped yet). */
  meetings(): string[];
  /** The bots' states, before their run exists (their attendees just created) and on each change of it. */
  track(meetingId: string, bots: readonly BotStatus[]): void;
  /** The meeting's run, once its browsers are started: its browsers close by themselves once every bot is over. */
  add(meetingId: string, run: BotRun): void;
  /** Stops the meeting's run (its bots leave; every tab and browser closes) and forgets its bots; undefined when it ran none. */
  stop(meetingId: string): Promise<StopResult | undefined>;
  stopAll(): Promise<void>;
  /** Called with the meeting whose bots changed; returns a function that stops listening. */
  onChange(listener: (meetingId: string) => void): () => void;
}

export function createBotRuns(): BotRuns {
  const states = new Map<string, readonly BotStatus[]>();
  const runs = new Map<string, BotRun>();
  const stopping = new Map<string, Promise<StopResult | undefined>>();
  const listeners = new Set<(meetingId: string) => void>();
  const tell = (meetingId: string) => listeners.forEach((listener) => listener(meetingId));

  const stop = (meetingId: string) => {
    const already = stopping.get(meetingId);
    if (already) return already;
    const run = runs.get(meetingId);
    if (!run && !states.has(meetingId)) return Promise.resolve(undefined);
    const stopped = (async () => {
      const result = await run?.stop();
      runs.delete(meetingId);
      states.delete(meetingId);
      stopping.delete(meetingId);
      tell(meetingId);
      return result;
    })();
    stopping.set(meetingId, stopped);
    return stopped;
  };

  return {
    bots: (meetingId) => states.get(meetingId) ?? [],
    meetings: () => [...states.keys()],
    track(meetingId, bots) {
      if (stopping.has(meetingId)) return;
      states.set(meetingId, bots);
      tell(meetingId);
    },
    add(meetingId, run) {
      runs.set(meetingId, run);
      // Over by themselves (left, failed, or as far as the emulator goes): their browsers are not kept open.
      void run.settled.then(() => run.stop());
      // A stop asked for while its browsers were starting found no run to stop: it is stopped now.
      if (stopping.has(meetingId) || !states.has(meetingId)) void run.stop();
    },
    stop,
    async stopAll() {
      await Promise.all([...new Set([...states.keys(), ...runs.keys()])].map(stop));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
