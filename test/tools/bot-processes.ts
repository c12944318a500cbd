import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the bot runner puts each browser's profile: every process of a bots' browser names it. */
const PROFILE_PREFIX = join(tmpdir(), 'chime-bots-');

/** PIDs of the processes of the bots' browsers, helpers included (Linux: /proc). */
export function botBrowserPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(PROFILE_PREFIX);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}
