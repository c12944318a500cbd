#!/usr/bin/env node
// A stand-in for a headless browser, for the bot runner's tests: takes the runner's flags and launch URL like
// Chromium, then plays its bots' pages as FAKE_BROWSER_SCENARIO says, and stays up until it is ended.
//   join    each bot reports starting, signaling, joined; leaves (reports left) when the runner asks
//   silent  no bot ever reports
//   exit    the browser exits at once
// Its pid goes into FAKE_BROWSER_PIDS (a folder), as a file holding its profile folder, so a test can tell
// whether it is still running and its profile still there.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const launch = process.argv.at(-1);
const scenario = process.env.FAKE_BROWSER_SCENARIO ?? 'join';
const profile = process.argv.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
if (process.env.FAKE_BROWSER_PIDS) writeFileSync(join(process.env.FAKE_BROWSER_PIDS, String(process.pid)), profile ?? '');
if (scenario === 'exit') process.exit(0);
const keepAlive = setInterval(() => {}, 60_000);
process.on('SIGTERM', () => {
  clearInterval(keepAlive);
  process.exit(0);
});

const base = new URL(launch);
const post = (path, body) => fetch(new URL(path, base), { method: 'POST', body: JSON.stringify(body) });
const ids = await (await fetch(new URL(`/browsers/${base.searchParams.get('browser')}`, base))).json();

async function play(id) {
  const bot = `/bots/${id}`;
  await post(`${bot}/state`, { state: 'starting' });
  const join = await (await fetch(new URL(`${bot}/join`, base))).json();
  if (!join.Attendee.JoinToken) return post(`${bot}/state`, { state: 'failed', detail: 'no JoinToken' });
  await post(`${bot}/state`, { state: 'signaling' });
  await post(`${bot}/state`, { state: 'joined' });
  for (let polls = 0; polls < 600; polls++) {
    if ((await (await fetch(new URL(`${bot}/control`, base))).json()).leave) return post(`${bot}/state`, { state: 'left', detail: 'Left' });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (scenario === 'join') await Promise.all(ids.map(play));
