import { TOKEN_OPERATIONS, type TokenInfo, type TokenOperation } from '../../../shared/index.ts';
import { isMissingRoute, type WorkerResult } from '../worker/client.ts';
import { failureDetail } from '../worker/failureText.ts';

/* What Set Worker Token says after asking the worker about the token. No vscode import. */

const SAID: Record<TokenOperation, string> = {
  read: 'read meetings and their attendees',
  create: 'create attendees',
  delete: 'delete attendees',
  meetings: 'create and end meetings',
};

/** `a, b and c` (or `a, b or c`) */
const listed = (items: readonly string[], last = 'and') =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}` : (items[0] ?? '');

/** `Token "ci" saved: it may create attendees and delete attendees, only for ExternalUserIds … starting with "ci-". It may not …` */
export function tokenAbilities({ Name, Operations, Prefixes }: TokenInfo): string {
  const may = TOKEN_OPERATIONS.filter((operation) => Operations.includes(operation)).map((operation) => SAID[operation]);
  const mayNot = TOKEN_OPERATIONS.filter((operation) => !Operations.includes(operation)).map((operation) => SAID[operation]);
  const scope = Prefixes?.length
    ? `, only for ExternalUserIds (and ExternalMeetingIds) starting with ${Prefixes.map((prefix) => `"${prefix}"`).join(' or ')}`
    : '';
  return `Token "${Name}" saved: it may ${listed(may)}${scope}.${mayNot.length ? ` It may not ${listed(mayNot, 'or')}.` : ''}`;
}

/** What to do with a token after asking the worker about it, and what to say. */
export type TokenVerdict =
  | { kind: 'store'; message: string }
  /** The worker refused it: not stored. */
  | { kind: 'refused'; message: string }
  /** The worker could not tell (unreachable, not a worker): the person decides. */
  | { kind: 'unchecked'; message: string }
  | { kind: 'cancelled' };

export function tokenVerdict(result: WorkerResult<TokenInfo>, workerUrl: string): TokenVerdict {
  if (result.ok) return { kind: 'store', message: tokenAbilities(result.value) };
  const { failure } = result;
  if (failure.kind === 'cancelled') return { kind: 'cancelled' };
  if (isMissingRoute(failure)) {
    const older = `The worker at ${workerUrl} is older than this extension and cannot say what a token may do.`;
    return { kind: 'store', message: `Token saved. ${older}` };
  }
  if (failure.kind === 'refused' && failure.code === 'UnauthorizedException') {
    return { kind: 'refused', message: `The worker at ${workerUrl} does not accept this token (UnauthorizedException); it was not saved.` };
  }
  const why = `${workerUrl} (${failureDetail(failure)})`;
  return { kind: 'unchecked', message: `Could not check the token with the worker at ${why}. Save it anyway?` };
}
