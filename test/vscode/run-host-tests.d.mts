export interface HostTestOptions {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  folder?: string;
  env?: Record<string, string>;
  launchArgs?: string[];
}
/** Runs the suite in a real extension host; resolves to its exit code (0: all passed). */
export function runHostTests(options?: HostTestOptions): Promise<number>;
export const launcherPath: string;
