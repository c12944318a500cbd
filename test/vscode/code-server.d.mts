// Types for code-server.mjs, so TypeScript tests (test/e2e) can use it under the root tsconfig.
import type { Browser, Page } from 'playwright-core';

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  baseDir: string;
  extensionsDir: string;
  userDataDir: string;
  workbenchUrl(options?: { folder?: string; workspace?: string; payload?: [string, string][] }): string;
  logText(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Ends code-server's whole process group and removes its throwaway folders; safe to call twice. */
  close(): Promise<void>;
}

export interface StartCodeServerOptions {
  extensionsDir?: string;
  userDataDir?: string;
  folder?: string;
  env?: Record<string, string>;
  smokeTestDriver?: boolean;
  extraArgs?: string[];
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
  idleTimeoutSeconds?: number;
}

export function findFreePort(): Promise<number>;
export function killProcessGroup(pgid: number, options?: { graceMs?: number }): Promise<void>;
export function installExtension(
  vsixPath: string,
  extensionsDir: string,
  options?: { userDataDir?: string; timeoutMs?: number },
): Promise<string>;
export function startCodeServer(options?: StartCodeServerOptions): Promise<CodeServer>;
export function workbenchUrl(baseUrl: string, options?: { folder?: string; workspace?: string; payload?: [string, string][] }): string;
export function remoteUri(absolutePath: string): string;
export function launchBrowser(options?: { timeoutMs?: number }): Promise<Browser>;
export function closeBrowser(browser: Browser | undefined): Promise<void>;
export function openWorkbench(
  browser: Browser,
  url: string,
  options?: { timeoutMs?: number; viewport?: { width: number; height: number } },
): Promise<Page>;
/** Resolves to the attempt that listed the command. */
export function runPaletteCommand(
  page: Page,
  title: string,
  options?: { timeoutMs?: number; attemptMs?: number; maxAttempts?: number },
): Promise<number>;
