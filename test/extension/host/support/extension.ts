import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../../extension/src/extension.ts';

export const EXTENSION_ID = 'chime-attendees.chime-attendees';

export function extension(): vscode.Extension<TestHooks | undefined> {
  const found = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  if (!found) throw new Error(`${EXTENSION_ID} is not loaded: run the host with extensionDevelopmentPath set to extension/`);
  return found;
}

/** The extension's test hooks; it must run from its folder (not installed), or it hands out none. */
export async function hooks(): Promise<TestHooks> {
  const ext = extension();
  const exported = ext.isActive ? ext.exports : await ext.activate();
  if (!exported)
    throw new Error('The extension returned no test hooks: it runs in production mode (installed rather than under development)');
  return exported;
}

/**
 * Sets a chimeAttendees setting for the whole user and waits until the change has been announced,
 * so the extension's settings watcher (registered first, so told first) already has it.
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('chimeAttendees');
  if (isDeepStrictEqual(config.inspect(key)?.globalValue, value)) return;
  const announced = new Promise<void>((resolve) => {
    const listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`chimeAttendees.${key}`)) return;
      listener.dispose();
      resolve();
    });
  });
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  await withTimeout(announced, 5_000, `the change of chimeAttendees.${key} was never announced`);
}

export async function resetSettings(): Promise<void> {
  for (const key of ['workerUrl', 'requestTimeoutSeconds', 'defaultCapabilities', 'defaultTags', 'bots.browserPath'])
    await setSetting(key, undefined);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
