/**
 * CPU time of a process, all threads, from Linux's /proc: what a workerd process spent serving
 * requests, whatever the load generator and the emulator beside it were doing with the other core.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function readStat(pid: number): { comm: string; ppid: number; cpuMs: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // comm may hold spaces and parentheses: it ends at the last ')'.
  const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { comm, ppid: Number(fields[1]), cpuMs: (ticks * 1000) / clockTicks() };
}

/** User + system CPU milliseconds the process has used so far (10 ms resolution at 100 Hz). */
export function cpuMs(pid: number): number {
  return readStat(pid).cpuMs;
}

/** PIDs of this process's children with the given command name (e.g. the workerd Miniflare starts). */
export function childPids(comm: string): number[] {
  if (process.platform !== 'linux') return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readStat(Number(entry));
      if (stat.ppid === process.pid && stat.comm === comm) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
