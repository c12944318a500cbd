import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_STATUS, LIMITS, type ErrorName } from '../../shared/index.ts';
import { TOKEN, app, emulator, testEnv } from './harness.ts';
import { seededRandom } from '../emulator/faults.ts';

const REQUESTS = 10_000;
const random = seededRandom(0xc41e);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (max: number) => Math.floor(random() * max);

let meetingId: string;
beforeAll(async () => {
  meetingId = await emulator.createMeeting();
});

interface Attack {
  path?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
}

const STRANGE_STRINGS = ['', 'a', 'x'.repeat(65), 'x'.repeat(10_000), 'aws:x', 'AwS:bot', '😀😀', '\u0000\u0000', '\ud800ab', 'ab\u200b', 'ab\u202e', '日本語テキスト', 'a\u0301b', '<script>', 'a;b', 'a\\b', 'a%00'];
const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, true, [], {}, [[]], { a: 1 }, 'x'.repeat(300)];

function validAttendees(count: number) {
  return Array.from({ length: count }, (_, i) => ({ ExternalUserId: `user-${i}` }));
}

/** One malformed request; every generator here makes only requests the contract must refuse. */
const attacks: Array<() => Attack> = [
  () => ({ path: `/meetings/${pick(['x', '123', crypto.randomUUID() + 'a', crypto.randomUUID().replace(/-/g, ''), 'g'.repeat(36), '%2e%2e', '٠١٢٣٤٥٦٧-0000-0000-0000-000000000000'])}/attendees` }),
  () => ({ headers: { authorization: pick(['', 'Bearer', 'Bearer ', `Bearer ${TOKEN}x`, `Token ${TOKEN}`, `Bearer ${'t'.repeat(8_000)}`, 'Bearer ☃', `${TOKEN}`]) } }),
  () => ({ headers: { 'content-type': pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/x-www-form-urlencoded', 'json']) } }),
  () => ({ headers: { 'content-type': `application/json; charset=${pick(['utf-16', 'latin1', 'iso-8859-1', '', 'utf-8x'])}` } }),
  () => ({ headers: { 'content-encoding': pick(['gzip', 'br', 'deflate', 'x-gzip', 'gzip, identity']) } }),
  () => {
    const full = JSON.stringify({ Attendees: validAttendees(1 + int(20)) });
    return { body: full.slice(0, int(full.length - 1)) };
  },
  () => ({ body: pick(['', 'null', '0', '"text"', '[]', 'true', '{"Attendees":null}', '{"Attendees":"all"}', '{"Attendees":{}}', '\u0000', '{"Attendees":[1,2]}']) }),
  () => ({ body: `{"Attendees":${'['.repeat(1_000 + int(50_000))}` }),
  () => ({ body: new Uint8Array(Array.from({ length: 1 + int(500) }, () => int(256))) }),
  () => ({ body: JSON.stringify({ Attendees: validAttendees(LIMITS.attendeesPerMeeting + 1 + int(500)) }) }),
  () => ({ body: JSON.stringify({ Attendees: [] }) }),
  () => ({ body: JSON.stringify({ Attendees: [{ ExternalUserId: pick(WRONG_VALUES) }] }) }),
  () => ({ body: JSON.stringify({ Attendees: [...validAttendees(int(5)), { ExternalUserId: pick(STRANGE_STRINGS) }] }) }),
  () => ({ body: JSON.stringify({ Attendees: [...validAttendees(int(5)), pick(WRONG_VALUES)] }) }),
  () => ({ body: JSON.stringify({ Attendees: [{ ExternalUserId: 'fine-user', [pick(['Name', 'externalUserId', '__proto__', 'constructor', ''])]: 1 }] }) }),
  () => ({ body: JSON.stringify({ Attendees: validAttendees(2), [pick(['attendees', 'Extra', 'MeetingId'])]: [] }) }),
  () => ({ body: JSON.stringify({ Attendees: [{ ExternalUserId: 'tagged', Tags: pick([[], [{ Key: 'k', Value: 'v' }], 'tags']) }] }) }),
  () => ({
    body: JSON.stringify({
      Attendees: [{ ExternalUserId: 'caps', Capabilities: pick([{}, { Audio: 'None' }, { Audio: 'Yes', Video: 'None', Content: 'None' }, { Audio: 'None', Video: 'None', Content: 'SendReceive' }, 'all', null]) }],
    }),
  }),
  () => {
    const list = validAttendees(2 + int(50));
    list.push({ ExternalUserId: list[int(list.length)]!.ExternalUserId });
    return { body: JSON.stringify({ Attendees: list }) };
  },
];

async function send(attack: Attack): Promise<Response> {
  const request = new Request(`http://worker.test${attack.path ?? `/meetings/${meetingId}/attendees`}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...attack.headers },
    body: attack.body ?? JSON.stringify({ Attendees: validAttendees(3) }),
  });
  return app.fetch(request, testEnv());
}

describe('hostile input', () => {
  it(`answers ${REQUESTS} malformed requests with documented 4xx errors and no upstream call`, async () => {
    const before = await emulator.calls();
    const seen = new Map<string, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const attack = pick(attacks)();
      const response = await send(attack);
      const body = (await response.json()) as { Code: ErrorName; Message: string };
      const context = `request ${i}: ${JSON.stringify(attack).slice(0, 200)}`;
      expect(response.status, context).toBeGreaterThanOrEqual(400);
      expect(response.status, context).toBeLessThan(500);
      expect(ERROR_STATUS[body.Code], context).toBe(response.status);
      expect(response.headers.get('x-amzn-errortype'), context).toBe(body.Code);
      expect(body.Message.length, context).toBeGreaterThan(0);
      seen.set(body.Code, (seen.get(body.Code) ?? 0) + 1);
    }
    expect(await emulator.calls()).toBe(before);
    const documented = ['BadRequestException', 'NotFoundException', 'UnauthorizedException', 'UnsupportedMediaTypeException', 'PayloadTooLargeException'];
    for (const code of seen.keys()) expect(documented).toContain(code);
    expect(seen.get('BadRequestException')).toBeGreaterThan(REQUESTS / 2);
  }, 120_000); // a bound for a slow machine, not a timing goal

  it('refuses a body over the limit with 413 without reading it all', async () => {
    const response = await send({ body: 'x'.repeat(LIMITS.requestBodyBytes + 1) });
    expect(response.status).toBe(413);
  });
});

describe('request IDs', () => {
  const UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;

  it('are the worker’s own; a caller’s is only logged beside it, cut and cleaned', async () => {
    const log = vi.spyOn(console, 'log');
    const lineOf = (id: string) => JSON.parse(log.mock.calls.map(([text]) => String(text)).find((text) => text.includes(id))!);
    const forged = await send({ headers: { 'x-request-id': 'MKR0669fffzz' }, body: '{"Attendees":[]}' });
    const { RequestId } = (await forged.json()) as { RequestId: string };
    expect(RequestId).toMatch(UUID);
    expect(forged.headers.get('x-request-id')).toBe(RequestId);
    expect(lineOf(RequestId)).toMatchObject({ requestId: RequestId, callerRequestId: 'MKR0669fffzz' });

    const long = await send({ headers: { 'x-request-id': `a\tb${'c'.repeat(10_000)}` }, body: '{"Attendees":[]}' });
    const id = long.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect(lineOf(id).callerRequestId).toBe(`a\ufffdb${'c'.repeat(61)}…`);
    log.mockRestore();
  });
});

describe('encodings', () => {
  const empty = '{"Attendees":[]}';

  it.each([
    ['Content-Encoding', { 'content-encoding': 'gzip' }, 'Content-Encoding must be identity'],
    ['Content-Encoding', { 'content-encoding': 'br' }, 'Content-Encoding must be identity'],
    ['charset', { 'content-type': 'application/json; charset=utf-16' }, "Content-Type's charset, if given, must be utf-8"],
    ['charset', { 'content-type': 'application/json; charset=latin1' }, "Content-Type's charset, if given, must be utf-8"],
  ])('refuses a body in another %s with 415 naming the header and the rule (%j)', async (_, headers, rule) => {
    const response = await send({ headers, body: empty });
    const json = (await response.json()) as { Code: string; Message: string };
    expect([response.status, json.Code, json.Message]).toEqual([415, 'UnsupportedMediaTypeException', expect.stringContaining(rule)]);
  });

  const utf8 = ['application/json', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"'];
  it.each(utf8)('reads %s as UTF-8 JSON', async (type) => {
    for (const headers of [{ 'content-type': type }, { 'content-type': type, 'content-encoding': 'identity' }]) {
      const response = await send({ headers, body: empty });
      const json = (await response.json()) as { Issues: Array<{ Path: string }> };
      expect([response.status, json.Issues[0]!.Path]).toEqual([400, 'Attendees']);
    }
  });
});
