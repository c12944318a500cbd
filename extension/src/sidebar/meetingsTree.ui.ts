import * as vscode from 'vscode';
import type { BotRuns } from '../bots/botRuns.ts';
import type { Deps } from '../deps.ts';
import { plural } from '../plural.ts';
import { SECTION } from '../settings.ts';
import { checkConnection, connectionState, type Connection } from './connection.ts';
import { readSnapshot, type Snapshot } from './meetingSnapshot.ts';
import type { RecentChange } from './recentChanges.ts';
import { attendeeItem, botItem, meetingChildren, meetingItem, noteItem, type ItemSpec, type Node } from './treeItems.ts';

export const VIEW_ID = 'chimeAttendees.meetings';
/** Chooses the view's welcome while it is empty: noWorker, noToken or ready (package.json's viewsWelcome). */
const CONNECTION_KEY = 'chimeAttendees.connection';

/** The Meetings tree as the commands use it. */
export interface MeetingsTree {
  /** Checks the worker and the token again and reads every recent meeting afresh when the view next shows them. */
  refresh(): Promise<void>;
  /** Reads the meeting (if it is not read yet) and shows it, expanded. */
  reveal(meetingId: string): Promise<void>;
  /** The meeting as last read. */
  snapshot(meetingId: string): Snapshot | undefined;
  connection(): Promise<Connection>;
  onDidChangeConnection: vscode.Event<Connection>;
  /** For tests: the tree's nodes and items, as VS Code asks for them. */
  provider: vscode.TreeDataProvider<Node>;
  /** Called by the recent list after each change. */
  changed(change: RecentChange): void;
}

/**
 * Nothing is read unless the view shows it: each recent meeting is read (GetMeeting and ListAttendees)
 * when the view first needs it, again after a command remembers it, and all of them on Refresh; never on
 * a timer that would spend Amazon Chime's rate. The test bots' states come from their runner's events: each
 * change redraws its meeting's children and reads nothing.
 */
export function createMeetingsTree(context: vscode.ExtensionContext, deps: Deps, bots: BotRuns): MeetingsTree {
  const provider = new MeetingsProvider(deps, bots);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const recheck = () => void provider.refresh();
  context.subscriptions.push(
    view,
    provider,
    context.secrets.onDidChange(recheck),
    { dispose: bots.onChange((meetingId) => provider.botsChanged(meetingId)) },
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(`${SECTION}.workerUrl`) && recheck()),
  );
  void provider.connection();
  return {
    refresh: () => provider.refresh(),
    async reveal(meetingId) {
      await provider.read(meetingId);
      await view.reveal(provider.meetingNode(meetingId), { expand: true, select: true, focus: false });
    },
    snapshot: (meetingId) => provider.snapshots.get(meetingId),
    connection: () => provider.connection(),
    onDidChangeConnection: provider.onDidChangeConnection,
    provider,
    changed: (change) => provider.changed(change),
  };
}

class MeetingsProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  readonly snapshots = new Map<string, Snapshot>();
  /** ExternalMeetingIds as read while live: an ended meeting keeps its name, not its GUID. */
  private readonly names = new Map<string, string>();
  private readonly reading = new Map<string, Promise<Snapshot>>();
  private readonly meetingNodes = new Map<string, Node>();
  private checked: Promise<Connection> | undefined;
  private last: Connection | undefined;
  private readonly treeChanged = new vscode.EventEmitter<Node | undefined>();
  private readonly connectionChanged = new vscode.EventEmitter<Connection>();
  readonly onDidChangeTreeData = this.treeChanged.event;
  readonly onDidChangeConnection = this.connectionChanged.event;

  constructor(
    private readonly deps: Deps,
    private readonly bots: BotRuns,
  ) {}

  dispose(): void {
    this.treeChanged.dispose();
    this.connectionChanged.dispose();
  }

  async refresh(): Promise<void> {
    this.checked = undefined;
    this.snapshots.clear();
    this.treeChanged.fire(undefined);
    await this.connection();
  }

  /** The worker's health and the token, checked once until the next refresh. */
  connection(): Promise<Connection> {
    this.checked ??= this.check();
    return this.checked;
  }

  changed({ kind, meetingId }: RecentChange): void {
    if (kind === 'ended') this.snapshots.set(meetingId, { state: 'ended' });
    else this.snapshots.delete(meetingId);
    // A command reached the worker: a welcome saying it could not may be out of date.
    if (kind === 'remembered' && this.last && connectionState(this.last) !== 'ready') {
      this.checked = undefined;
      void this.connection();
    }
    this.treeChanged.fire(undefined);
  }

  /** Only the meeting's children are drawn again, from what is known: no read. */
  botsChanged(meetingId: string): void {
    const node = this.meetingNodes.get(meetingId);
    if (node) this.treeChanged.fire(node);
  }

  meetingNode(meetingId: string): Node {
    let node = this.meetingNodes.get(meetingId);
    if (!node) this.meetingNodes.set(meetingId, (node = { kind: 'meeting', meetingId }));
    return node;
  }

  /** The meeting as last read, or read now (once, however many ask at the same time). */
  read(meetingId: string): Promise<Snapshot> {
    const known = this.snapshots.get(meetingId);
    if (known) return Promise.resolve(known);
    let reading = this.reading.get(meetingId);
    if (!reading) {
      reading = this.readNow(meetingId).finally(() => this.reading.delete(meetingId));
      this.reading.set(meetingId, reading);
    }
    return reading;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'meeting')
      return meetingChildren(node.meetingId, this.snapshots.get(node.meetingId), this.bots.bots(node.meetingId));
    if (node) return [];
    if (connectionState(await this.connection()) !== 'ready') return [];
    const entries = this.deps.recentMeetings.entries();
    await Promise.all(entries.filter((entry) => !entry.ended).map((entry) => this.read(entry.meetingId)));
    return entries.map((entry) => this.meetingNode(entry.meetingId));
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'meeting' ? undefined : this.meetingNode(node.meetingId);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return toTreeItem(this.spec(node));
  }

  spec(node: Node): ItemSpec {
    if (node.kind === 'attendee') return attendeeItem(node.meetingId, node.attendee);
    if (node.kind === 'note') return noteItem(node.meetingId, node.text);
    if (node.kind === 'bot') return botItem(node.meetingId, node.bot);
    const entry = this.deps.recentMeetings.entries().find((each) => each.meetingId === node.meetingId);
    return meetingItem(
      entry ?? { meetingId: node.meetingId, ended: false },
      this.snapshots.get(node.meetingId),
      this.names.get(node.meetingId),
      this.bots.bots(node.meetingId).length,
    );
  }

  private async readNow(meetingId: string): Promise<Snapshot> {
    const { workerUrl, timeoutSeconds } = this.deps.settings.current();
    const target = { baseUrl: workerUrl, token: await this.deps.tokens.get(), timeoutMs: timeoutSeconds * 1000 };
    const snapshot = await readSnapshot(target, meetingId);
    this.snapshots.set(meetingId, snapshot);
    if (snapshot.state === 'live' && snapshot.meeting.ExternalMeetingId) this.names.set(meetingId, snapshot.meeting.ExternalMeetingId);
    this.deps.log.info(`meeting ${meetingId}: read for the Meetings view: ${describe(snapshot)}`);
    if (snapshot.state === 'ended' && !this.deps.recentMeetings.entries().some((entry) => entry.meetingId === meetingId && entry.ended)) {
      await this.deps.recentMeetings.markEnded(meetingId);
    }
    return snapshot;
  }

  private async check(): Promise<Connection> {
    const { workerUrl, timeoutSeconds } = this.deps.settings.current();
    const connection = await checkConnection(workerUrl, (await this.deps.tokens.get()) !== undefined, timeoutSeconds);
    this.last = connection;
    await vscode.commands.executeCommand('setContext', CONNECTION_KEY, connectionState(connection));
    this.connectionChanged.fire(connection);
    return connection;
  }
}

function describe(snapshot: Snapshot): string {
  if (snapshot.state !== 'live') return snapshot.state === 'ended' ? 'ended' : `not read (${snapshot.problem})`;
  return 'problem' in snapshot.attendees ? 'live, attendees not listed' : `live, ${plural(snapshot.attendees.length, 'attendee')}`;
}

function toTreeItem(spec: ItemSpec): vscode.TreeItem {
  const item = new vscode.TreeItem(
    spec.label,
    spec.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = spec.id;
  item.description = spec.description;
  item.tooltip = spec.tooltip;
  item.iconPath = new vscode.ThemeIcon(spec.icon);
  item.contextValue = spec.contextValue;
  return item;
}
