import * as assert from 'node:assert/strict';
import { after, before } from 'mocha';
import type * as vscode from 'vscode';
import type { Node } from '../../../../extension/src/sidebar/treeItems.ts';
import { hooks, resetSettings } from './extension.ts';
import { connectTo } from './flows.ts';
import type { EmulatorControl } from '../../../support/emulator-control.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { workerUnderTest } from './worker.ts';

/* The Meetings tree as VS Code would show it: its nodes and their items, asked of its provider. */

export interface Row {
  node: Node;
  item: vscode.TreeItem;
}

export async function tree() {
  return (await hooks()).sidebar.tree;
}

/** The tree's top level as VS Code would show it. */
export async function meetingRows(): Promise<Row[]> {
  const { provider } = await tree();
  const nodes = (await provider.getChildren()) ?? [];
  return Promise.all(nodes.map(async (node) => ({ node, item: await provider.getTreeItem(node) })));
}

export async function meetingRow(meetingId: string): Promise<Row> {
  const row = (await meetingRows()).find(({ node }) => node.meetingId === meetingId);
  assert.ok(row, `meeting ${meetingId} is in the tree`);
  return row;
}

export async function childRows(node: Node): Promise<Row[]> {
  const { provider } = await tree();
  const nodes = (await provider.getChildren(node)) ?? [];
  return Promise.all(nodes.map(async (child) => ({ node: child, item: await provider.getTreeItem(child) })));
}

export const describeRow = ({ item }: Row) => [item.label, item.description].filter(Boolean).join(' — ');

/** For suites that make meetings of known content in the emulator: connected, they start from a fresh tree. */
export function withEmulator(): { worker: WorkerWithMeeting; emulator: EmulatorControl } {
  const context = {} as { worker: WorkerWithMeeting; emulator: EmulatorControl };
  before(async function () {
    context.worker = await workerUnderTest();
    if (!context.worker.emulator) this.skip();
    context.emulator = context.worker.emulator;
    await connectTo(context.worker);
    await (await tree()).refresh();
  });
  after(resetSettings);
  return context;
}
