import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * PIDs of the processes of the bots' browsers, helpers included (Linux: /proc): each names its profile, which
 * the runner makes in its process's temp folder (`tmp`; code-server gives its extension host one of its own).
 */
export function botBrowserPids(tmp = tmpdir()): number[] {
  const profilePrefix = join(tmp, 'chime-bots-');
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profilePrefix);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}
