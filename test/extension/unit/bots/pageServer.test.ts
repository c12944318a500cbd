import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../../../../extension/src/bots/pageServer.ts';
import type { BotReport } from '../../../../extension/src/bots/protocol.ts';

const BOT = 'a-bot-id';
const JOIN = { Meeting: { MeetingId: 'm' }, Attendee: { AttendeeId: 'a', ExternalUserId: 'bot-1', JoinToken: 'secret' }, seconds: 1 };

let server: PageServer;
let dir: string;
const reports: BotReport[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'page-server-'));
  await writeFile(join(dir, 'bot.js'), 'window.bundled = true;');
  server = await startPageServer(join(dir, 'bot.js'), {
    join: (id) => (id === BOT ? JOIN : undefined),
    launch: (id) => (id === 'browser-1' ? [BOT] : undefined),
    control: (id) => (id === BOT ? { leave: false } : undefined),
    report: (id, report) => id === BOT && reports.push(report) > 0,
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body: string) => fetch(`${server.url}${path}`, { method: 'POST', body });

describe('the bots’ page server', () => {
  it('listens on 127.0.0.1 and serves the launcher, the bot page and its bundle', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/launch?browser=browser-1`)).text()).toContain("window.open('/bot?bot='");
    expect(await (await fetch(`${server.url}/bot?bot=${BOT}`)).text()).toContain('<script src="/bot.js"></script>');
    expect(await (await fetch(`${server.url}/bot.js`)).text()).toBe('window.bundled = true;');
    expect(await (await fetch(`${server.url}/browsers/browser-1`)).json()).toEqual([BOT]);
  });

  it('hands a bot’s join info only to its own id', async () => {
    expect(await (await fetch(`${server.url}/bots/${BOT}/join`)).json()).toEqual(JOIN);
    for (const path of ['/bots/another/join', '/bots/another/control', '/browsers/another', '/elsewhere']) {
      expect((await fetch(`${server.url}${path}`)).status).toBe(404);
    }
  });

  it('takes well-formed reports of known bots, and refuses the rest', async () => {
    expect((await post(`/bots/${BOT}/state`, JSON.stringify({ state: 'signaling' }))).status).toBe(204);
    expect(reports).toEqual([{ state: 'signaling' }]);
    expect((await post('/bots/another/state', JSON.stringify({ state: 'joined' }))).status).toBe(404);
    for (const bad of ['{"state":"dancing"}', 'not json', JSON.stringify({ state: 'failed', detail: 'x'.repeat(5_000) })]) {
      expect((await post(`/bots/${BOT}/state`, bad)).status).toBe(400);
    }
    expect(reports).toHaveLength(1);
  });
});
