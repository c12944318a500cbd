/**
 * One benchmark run's state, made by the driver and handed to every section: the options it runs with,
 * the report it writes (Markdown lines, and every goal with what was measured), and what it must stop at
 * the end (servers, workers, and the workerd processes a hard stop kills).
 */
import { verdict } from './format.ts';

export interface RunOptions {
  /** Seconds per row and round of a load measurement. */
  seconds: number;
  /** Rounds of each measurement, interleaved; each row keeps its best. */
  rounds: number;
  /** Keep-alive connections of the CPU measurements. */
  concurrency: number;
  /** The upstream latency of the fan-out section, ms. */
  latencyMs: number;
  /** Fresh isolates of each script for the cold starts. */
  isolates: number;
}

export interface GoalRow {
  goal: string;
  measured: string;
  met: boolean;
}

export class Run {
  readonly lines: string[] = [];
  readonly goals: GoalRow[] = [];
  readonly workerdPids = new Set<number>();
  readonly #cleanups: Array<() => Promise<void>> = [];

  constructor(readonly options: RunOptions) {}

  /** A line of the report, printed as it is written. */
  say(line = ''): void {
    this.lines.push(line);
    console.log(line);
  }

  /** Records a goal for the table at the end and answers its verdict, for the section's own text. */
  goal(goal: string, measured: string, met: boolean): string {
    this.goals.push({ goal, measured, met });
    return verdict(met);
  }

  /** Something to stop when the run ends, last started first stopped. */
  onClose(cleanup: () => Promise<void>): void {
    this.#cleanups.push(cleanup);
  }

  async close(): Promise<void> {
    for (const cleanup of this.#cleanups.reverse()) await cleanup().catch((error: unknown) => console.error('cleanup:', error));
  }
}
