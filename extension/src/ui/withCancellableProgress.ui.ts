import * as vscode from 'vscode';

export type ProgressReport = vscode.Progress<{ message?: string; increment?: number }>;

type ProgressTask<T> = (signal: AbortSignal, progress: ProgressReport) => Promise<T>;

/** Runs the task under a notification whose Cancel aborts it, through the signal the task is given. */
export function withCancellableProgress<T>(title: string, task: ProgressTask<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    // A token cancelled before this ran fires no event, so it is checked as well as listened to.
    if (token.isCancellationRequested) controller.abort();
    const subscription = token.onCancellationRequested(() => controller.abort());
    return task(controller.signal, progress).finally(() => subscription.dispose());
  });
}
