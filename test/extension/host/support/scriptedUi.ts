import * as vscode from 'vscode';

/*
 * Plays a person at the window API boundary: the extension's input boxes, quick picks, messages,
 * progress and status bar are replaced with fakes that follow a script, one action per thing the
 * person would do, and record what each input and message looked like. Anything the script did
 * not expect (an input with no action left, a button that is not there) is recorded as a problem
 * and the input is dismissed, so a wrong flow fails the test instead of hanging it.
 */

export type Action =
  /** Types the value (if given) and presses Enter; in a quick pick, Enter takes the first shown item. */
  | { kind: 'accept'; value?: string }
  /** Types the value (if given), then picks the item whose label (icons left out) matches. */
  | { kind: 'pick'; label: string | RegExp; value?: string }
  | { kind: 'back' }
  /** Escape. */
  | { kind: 'hide' }
  | { kind: 'itemButton'; label: string | RegExp; tooltip: string }
  /** In a quick pick with checkboxes: checks exactly the items whose labels match, then presses Enter. */
  | { kind: 'select'; labels: Array<string | RegExp> }
  | { kind: 'button'; tooltip: string }
  /** Answers the next notification message with one of its buttons, or dismisses it. */
  | { kind: 'message'; choose?: string };

/** What one input or message looked like when the person acted on it. */
export interface Seen {
  type: 'inputBox' | 'quickPick' | 'showInputBox' | 'info' | 'warning' | 'error';
  title?: string | undefined;
  step?: number | undefined;
  totalSteps?: number | undefined;
  value?: string | undefined;
  prompt?: string | undefined;
  placeholder?: string | undefined;
  password?: boolean | undefined;
  validationMessage?: string | undefined;
  /** Quick pick items as `label — description — detail`, separators left out. */
  items?: string[];
  /** Tooltips of the title-bar buttons; the Back button as "Back". */
  buttons?: string[];
  message?: string;
  /** A message shown as a modal dialog. */
  modal?: boolean | undefined;
  /** A quick pick with checkboxes. */
  canSelectMany?: boolean | undefined;
  action: Action['kind'];
}

export interface ScriptedUiOptions {
  /** Cancel each progress notification this many ms after it starts (0: before the task runs). */
  cancelProgressAfterMs?: number;
  /** Cancel only the progress notifications whose title matches (all of them when left out). */
  cancelProgressTitled?: RegExp;
}

type Window = typeof vscode.window;
const REPLACED = [
  'createInputBox',
  'createQuickPick',
  'showInputBox',
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'withProgress',
  'setStatusBarMessage',
] as const;

export class ScriptedUi {
  readonly seen: Seen[] = [];
  readonly problems: string[] = [];
  readonly statusMessages: string[] = [];
  readonly progressTitles: string[] = [];
  /** For each progress notification, the quick input it came over (busy and disabled), if any. */
  readonly progressOver: Array<{ title: string; step: number | undefined } | undefined> = [];
  /** Inputs shown and not yet hidden. */
  readonly open = new Set<FakeQuickInput>();
  private readonly actions: Action[] = [];
  private readonly originals = new Map<string, unknown>();

  constructor(
    private readonly window: Window,
    private readonly options: ScriptedUiOptions = {},
  ) {}

  script(...actions: Action[]): this {
    this.actions.push(...actions);
    return this;
  }

  install(): this {
    const fakes: Record<(typeof REPLACED)[number], unknown> = {
      createInputBox: () => new FakeInputBox(this),
      createQuickPick: () => new FakeQuickPick(this),
      showInputBox: (options?: vscode.InputBoxOptions) => this.answerShowInputBox(options ?? {}),
      showInformationMessage: (message: string, ...rest: unknown[]) => this.answerMessage('info', message, rest),
      showWarningMessage: (message: string, ...rest: unknown[]) => this.answerMessage('warning', message, rest),
      showErrorMessage: (message: string, ...rest: unknown[]) => this.answerMessage('error', message, rest),
      withProgress: (options: vscode.ProgressOptions, task: ProgressTask) => this.runProgress(options, task),
      setStatusBarMessage: (text: string) => {
        this.statusMessages.push(text);
        return new vscode.Disposable(() => {});
      },
    };
    const target = this.window as unknown as Record<string, unknown>;
    for (const name of REPLACED) {
      this.originals.set(name, target[name]);
      target[name] = fakes[name];
    }
    return this;
  }

  restore(): void {
    const target = this.window as unknown as Record<string, unknown>;
    for (const [name, original] of this.originals) target[name] = original;
    this.originals.clear();
  }

  /** Throws when something unexpected happened or scripted actions were left over. */
  assertDone(): void {
    const trouble = [...this.problems, ...this.actions.map((action) => `scripted but never used: ${JSON.stringify(action)}`)];
    if (trouble.length)
      throw new Error(`The UI did not go as scripted:\n- ${trouble.join('\n- ')}\nSeen: ${JSON.stringify(this.seen, null, 1)}`);
  }

  /** Seen inputs (not messages) in order. */
  inputs(): Seen[] {
    return this.seen.filter((seen) => seen.type === 'inputBox' || seen.type === 'quickPick');
  }

  messages(): Seen[] {
    return this.seen.filter((seen) => seen.type === 'info' || seen.type === 'warning' || seen.type === 'error');
  }

  /** How many actions have been taken so far. */
  taken = 0;

  peek(): Action | undefined {
    return this.actions[0];
  }

  next(expected: string): Action | undefined {
    if (this.actions.length) this.taken++;
    const action = this.actions.shift();
    if (!action) this.problems.push(`nothing scripted for ${expected}`);
    return action;
  }

  problem(text: string): void {
    this.problems.push(text);
  }

  private async answerShowInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const action = this.next(`the input box "${options.title ?? options.prompt}"`);
    const value = action?.kind === 'accept' ? (action.value ?? options.value ?? '') : undefined;
    const validationMessage = value === undefined ? undefined : await options.validateInput?.(value);
    const message = typeof validationMessage === 'string' ? validationMessage : validationMessage?.message;
    this.seen.push({
      type: 'showInputBox',
      title: options.title,
      prompt: options.prompt,
      password: options.password,
      value,
      validationMessage: message,
      action: action?.kind ?? 'hide',
    });
    if (action && action.kind !== 'accept' && action.kind !== 'hide') this.problems.push(`"${action.kind}" does not fit a plain input box`);
    return message ? undefined : value;
  }

  /** `rest` is the buttons, after the MessageOptions (`{ modal: true }`) when there are any. */
  private async answerMessage(type: 'info' | 'warning' | 'error', message: string, rest: unknown[]): Promise<string | undefined> {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as vscode.MessageOptions) : undefined;
    const items = (options ? rest.slice(1) : rest) as string[];
    const action = this.next(`the ${type} message "${message}"`);
    this.seen.push({ type, message, buttons: items, modal: options?.modal, action: action?.kind ?? 'hide' });
    if (action && action.kind !== 'message') {
      this.problems.push(`a ${type} message ("${message}") came where "${action.kind}" was scripted`);
      return undefined;
    }
    if (action?.choose !== undefined && !items.includes(action.choose)) this.problems.push(`no "${action.choose}" button on "${message}"`);
    return action?.choose;
  }

  private async runProgress(options: vscode.ProgressOptions, task: ProgressTask): Promise<unknown> {
    this.progressTitles.push(options.title ?? '');
    const over = [...this.open].find((input) => input.busy && !input.enabled);
    this.progressOver.push(over && { title: over.title ?? '', step: over.step });
    if (!options.cancellable) this.problems.push(`progress "${options.title}" cannot be cancelled`);
    const source = new vscode.CancellationTokenSource();
    const titled = this.options.cancelProgressTitled;
    const cancelAfter = !titled || titled.test(options.title ?? '') ? this.options.cancelProgressAfterMs : undefined;
    if (cancelAfter === 0) source.cancel();
    const timer = cancelAfter ? setTimeout(() => source.cancel(), cancelAfter) : undefined;
    try {
      return await task({ report: () => {} }, source.token);
    } finally {
      clearTimeout(timer);
      source.dispose();
    }
  }
}

type ProgressTask = (
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
) => Thenable<unknown>;

/** How long an open input waits for a scripted message to be shown over it. */
const MESSAGE_WAIT_MS = 15_000;

/** Lets the extension's event handlers (and the promises they start) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const plainLabel = (label: string) => label.replace(/^\$\([\w-]+\)\s*/, '');
const matches = (label: string, wanted: string | RegExp) =>
  typeof wanted === 'string' ? plainLabel(label) === wanted : wanted.test(plainLabel(label));

/** What the two kinds of quick input share: properties the extension sets, events it listens to. */
abstract class FakeQuickInput {
  title: string | undefined;
  step: number | undefined;
  totalSteps: number | undefined;
  placeholder: string | undefined;
  buttons: readonly vscode.QuickInputButton[] = [];
  ignoreFocusOut = false;
  busy = false;
  protected currentValue = '';
  protected open = false;
  private isEnabled = true;
  /** Wakes the script waiting for this input to be enabled again (or closed). */
  private wake: (() => void) | undefined;
  protected readonly valueChanged = new vscode.EventEmitter<string>();
  protected readonly accepted = new vscode.EventEmitter<void>();
  protected readonly buttonTriggered = new vscode.EventEmitter<vscode.QuickInputButton>();
  protected readonly hidden = new vscode.EventEmitter<void>();
  readonly onDidChangeValue = this.valueChanged.event;
  readonly onDidAccept = this.accepted.event;
  readonly onDidTriggerButton = this.buttonTriggered.event;
  readonly onDidHide = this.hidden.event;

  constructor(protected readonly ui: ScriptedUi) {}

  get value(): string {
    return this.currentValue;
  }

  set value(value: string) {
    this.currentValue = value;
  }

  /** A disabled input takes no action: the person waits, as the busy indicator asks. */
  get enabled(): boolean {
    return this.isEnabled;
  }

  set enabled(enabled: boolean) {
    this.isEnabled = enabled;
    if (enabled) this.wake?.();
  }

  show(): void {
    if (this.open) return;
    this.open = true;
    this.ui.open.add(this);
    void this.play();
  }

  hide(): void {
    if (!this.open) return;
    this.open = false;
    this.ui.open.delete(this);
    this.wake?.();
    this.hidden.fire();
  }

  dispose(): void {
    this.hide();
  }

  protected abstract snapshot(action: Action): Seen;
  protected abstract perform(action: Action): void;

  /** Takes actions until the extension closes this input (or the script has none left for it). */
  private async play(): Promise<void> {
    await settle();
    while (this.open) {
      if (!this.isEnabled) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      // A message scripted while this is open is one the extension shows over it (a failure while
      // copying, say): wait for the extension to show it, then go on with this input.
      if (this.ui.peek()?.kind === 'message') {
        const taken = this.ui.taken;
        const deadline = Date.now() + MESSAGE_WAIT_MS;
        while (this.ui.taken === taken && Date.now() < deadline) await settle();
        if (this.ui.taken === taken) {
          this.ui.problem(`a message was scripted, but none came while "${this.title}" step ${this.step} was open`);
          this.ui.next('the message that never came');
          return this.hide();
        }
        continue;
      }
      const action = this.ui.next(`${this.constructor.name} "${this.title}" step ${this.step}`);
      if (!action) return this.hide();
      if ('value' in action && action.value !== undefined) this.type(action.value);
      await settle();
      this.ui.seen.push(this.snapshot(action));
      if (action.kind === 'hide') this.hide();
      else if (action.kind === 'back') this.pressButton((button) => button === vscode.QuickInputButtons.Back, 'Back');
      else if (action.kind === 'button') this.pressButton((button) => button.tooltip === action.tooltip, action.tooltip);
      else this.perform(action);
      await settle();
    }
  }

  protected type(value: string): void {
    this.currentValue = value;
    this.valueChanged.fire(value);
  }

  private pressButton(test: (button: vscode.QuickInputButton) => boolean, name: string): void {
    const button = this.buttons.find(test);
    if (button) this.buttonTriggered.fire(button);
    else this.ui.problem(`no ${name} button on "${this.title}" step ${this.step}`);
  }

  protected buttonNames(): string[] {
    return this.buttons.map((button) => (button === vscode.QuickInputButtons.Back ? 'Back' : (button.tooltip ?? '?')));
  }
}

class FakeInputBox extends FakeQuickInput {
  prompt: string | undefined;
  password = false;
  validationMessage: string | vscode.InputBoxValidationMessage | undefined;
  valueSelection: readonly [number, number] | undefined;

  protected snapshot(action: Action): Seen {
    const message = this.validationMessage;
    return {
      type: 'inputBox',
      title: this.title,
      step: this.step,
      totalSteps: this.totalSteps,
      value: this.value,
      prompt: this.prompt,
      placeholder: this.placeholder,
      password: this.password,
      validationMessage: typeof message === 'string' ? message : message?.message,
      buttons: this.buttonNames(),
      action: action.kind,
    };
  }

  protected perform(action: Action): void {
    if (action.kind === 'accept') this.accepted.fire();
    else this.ui.problem(`"${action.kind}" does not fit the input box "${this.title}" step ${this.step}`);
  }
}

class FakeQuickPick extends FakeQuickInput {
  items: readonly vscode.QuickPickItem[] = [];
  activeItems: readonly vscode.QuickPickItem[] = [];
  selectedItems: readonly vscode.QuickPickItem[] = [];
  canSelectMany = false;
  matchOnDescription = false;
  matchOnDetail = false;
  keepScrollPosition = false;
  private readonly itemButtonTriggered = new vscode.EventEmitter<vscode.QuickPickItemButtonEvent<vscode.QuickPickItem>>();
  readonly onDidTriggerItemButton = this.itemButtonTriggered.event;
  readonly onDidChangeActive = new vscode.EventEmitter<readonly vscode.QuickPickItem[]>().event;
  private readonly selectionChanged = new vscode.EventEmitter<readonly vscode.QuickPickItem[]>();
  readonly onDidChangeSelection = this.selectionChanged.event;

  protected snapshot(action: Action): Seen {
    return {
      type: 'quickPick',
      title: this.title,
      step: this.step,
      totalSteps: this.totalSteps,
      value: this.value,
      placeholder: this.placeholder,
      items: this.choices().map((item) => [item.label, item.description, item.detail].filter(Boolean).join(' — ')),
      buttons: this.buttonNames(),
      canSelectMany: this.canSelectMany || undefined,
      action: action.kind,
    };
  }

  protected perform(action: Action): void {
    if (action.kind === 'accept') return this.choose(this.shown()[0], 'the first shown item');
    if (action.kind === 'pick')
      return this.choose(
        this.choices().find((item) => matches(item.label, action.label)),
        `an item labelled ${action.label}`,
      );
    if (action.kind === 'select') {
      if (!this.canSelectMany) return this.ui.problem(`"${this.title}" has no checkboxes to select with`);
      const chosen = this.choices().filter((item) => action.labels.some((label) => matches(item.label, label)));
      if (chosen.length !== action.labels.length)
        return this.ui.problem(`not every one of ${action.labels.join(', ')} is in "${this.title}"`);
      this.selectedItems = chosen;
      this.selectionChanged.fire(chosen);
      this.accepted.fire();
      return;
    }
    if (action.kind === 'itemButton') {
      const item = this.choices().find((each) => matches(each.label, action.label));
      const button = item?.buttons?.find((each) => each.tooltip === action.tooltip);
      if (item && button) this.itemButtonTriggered.fire({ item, button });
      else this.ui.problem(`no "${action.tooltip}" button on an item labelled ${action.label} in "${this.title}"`);
      return;
    }
    this.ui.problem(`"${action.kind}" does not fit the quick pick "${this.title}"`);
  }

  private choose(item: vscode.QuickPickItem | undefined, what: string): void {
    if (!item) return this.ui.problem(`no ${what} in "${this.title}" step ${this.step}`);
    this.activeItems = [item];
    this.selectedItems = [item];
    this.accepted.fire();
  }

  private choices(): vscode.QuickPickItem[] {
    return this.items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
  }

  /** The items VS Code would show for the typed value: a plain substring filter is close enough here. */
  private shown(): vscode.QuickPickItem[] {
    const typed = this.value.trim().toLowerCase();
    const visible = (text: string | undefined) => !!text && text.toLowerCase().includes(typed);
    return this.choices().filter(
      (item) => !typed || item.alwaysShow || visible(item.label) || (this.matchOnDescription && visible(item.description)),
    );
  }
}
