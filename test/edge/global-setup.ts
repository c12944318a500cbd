import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import { startEmulator } from '../emulator/server.ts';
import { routeWorkerdDiagnostics } from '../support/runtime-log.ts';
import { SESSION_CREDENTIALS } from './credentials.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorUrl: string;
    /** The current API, whose meetings end by themselves `shortMeetingMs` after they were made. */
    shortLivedEmulatorUrl: string;
    shortMeetingMs: number;
    legacyEmulatorUrl: string;
    /** The legacy API as AWS runs it since February 2025: every call refused as deprecated. */
    deprecatedEmulatorUrl: string;
    /** Answers every request with a body that is not JSON. */
    junkUrl: string;
    /** Nothing listens there. */
    closedUrl: string;
  }
}

/** How long a meeting lasts on the short-lived emulator: long enough to be made, short enough to wait out. */
const SHORT_MEETING_MS = 1_000;

/** Starts, in Node, what the worker under test calls over real HTTP from inside workerd. */
export default async function setup(project: TestProject) {
  const restoreOutput = routeWorkerdDiagnostics('workerd.log');
  const credentials = [LOCAL_CREDENTIALS, SESSION_CREDENTIALS];
  const current = await startEmulator({ flavor: 'chime-sdk-meetings', credentials });
  const shortLived = await startEmulator({ flavor: 'chime-sdk-meetings', credentials, meetingAutoEndMs: SHORT_MEETING_MS });
  const legacy = await startEmulator({ flavor: 'chime', credentials });
  const deprecated = await startEmulator({ flavor: 'chime', credentials, deprecated: true });
  const junk = await listen(createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway</html>')));
  const closed = await listen(createServer());
  await new Promise<void>((resolve) => closed.server.close(() => resolve()));

  project.provide('emulatorUrl', current.url);
  project.provide('shortLivedEmulatorUrl', shortLived.url);
  project.provide('shortMeetingMs', SHORT_MEETING_MS);
  project.provide('legacyEmulatorUrl', legacy.url);
  project.provide('deprecatedEmulatorUrl', deprecated.url);
  project.provide('junkUrl', junk.url);
  project.provide('closedUrl', closed.url);

  return async () => {
    restoreOutput();
    junk.server.closeAllConnections();
    await Promise.all([
      current.close(),
      shortLived.close(),
      legacy.close(),
      deprecated.close(),
      new Promise((resolve) => junk.server.close(resolve)),
    ]);
  };
}

async function listen(server: Server): Promise<{ server: Server; url: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return { server, url: `http://127.0.0.1:${address.port}` };
}
