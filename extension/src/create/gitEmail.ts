import { execFile } from 'node:child_process';

/** git answers in milliseconds; past this, the attendee box opens empty rather than late. */
const GIT_TIMEOUT_MS = 1500;

/** The git user's email (`git config user.email`), or undefined when git, the setting or the time runs out. */
export function gitUserEmail(cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.email'], { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      const email = String(stdout).trim();
      resolve(error || !email ? undefined : email);
    });
  });
}
