/*
 * The workbench as a person sees it, for the e2e tests: the quick input, notifications, dialogs, the status
 * bar and the Chime sidebar, read from the page as plain data, and the clicks and keys that drive them.
 */
import type { Page } from 'playwright-core';
import { until } from './polling.ts';

export const UI_MS = 30_000; // one quick-input step to appear or change
export const RESULT_MS = 90_000; // the request (the extension's own timeout is 30 s) and the results list

export interface QuickInputRow {
  label: string;
  description: string;
  focused: boolean;
  separator: string;
}

export interface QuickInputState {
  visible: boolean;
  title: string;
  inputType: string;
  value: string;
  placeholder: string;
  message: string;
  invalid: boolean;
  rows: QuickInputRow[];
}

/**
 * The quick-input widget (palette, input boxes and quick picks all use it) as plain data.
 * Functions run in the page must not declare named helpers: tsx's esbuild wraps those in a
 * `__name()` call that exists only in Node.
 */
export function quickInput(page: Page): Promise<QuickInputState> {
  return page.evaluate(() => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    const input = widget?.querySelector<HTMLInputElement>('.quick-input-box input.input');
    const visible = !!widget && widget.checkVisibility() && !widget.classList.contains('quick-input-widget-closing');
    const rows = [...(widget?.querySelectorAll('.quick-input-list .monaco-list-row') ?? [])].map((row) => {
      // Only the first line: VS Code keeps hidden detail lines of recycled rows in the DOM.
      const line = row.querySelector('.quick-input-list-row');
      const separator = row.querySelector<HTMLElement>('.quick-input-list-separator');
      return {
        label: (line?.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (line?.querySelector('.label-description')?.textContent ?? '').trim(),
        focused: row.classList.contains('focused'),
        separator: separator?.checkVisibility() ? (separator.textContent ?? '').trim() : '',
      };
    });
    return {
      visible,
      title: (widget?.querySelector('.quick-input-title')?.textContent ?? '').trim(),
      inputType: input?.type ?? '',
      value: input?.value ?? '',
      placeholder: input?.placeholder ?? '',
      message: (widget?.querySelector('.quick-input-message')?.textContent ?? '').trim(),
      invalid: !!widget?.querySelector('.monaco-inputbox.error, .monaco-inputbox.warning'),
      rows: visible ? rows : [],
    };
  });
}

/** Waits for the quick input to show a state `matches` accepts (a new step, a filtered list). */
export function quickInputWhere(
  page: Page,
  what: string,
  matches: (state: QuickInputState) => boolean,
  timeoutMs = UI_MS,
): Promise<QuickInputState> {
  return until(
    what,
    timeoutMs,
    async () => {
      const state = await quickInput(page);
      return state.visible && matches(state) && state;
    },
    () => quickInput(page),
  );
}

/** `Create Chime Attendees (2/3)` → { step: 2, of: 3 }. */
export function stepOf(title: string): { step: number; of: number } | undefined {
  const match = /\((\d+)\/(\d+)\)$/.exec(title);
  return match ? { step: Number(match[1]), of: Number(match[2]) } : undefined;
}

export const statusBarText = (page: Page) => page.evaluate(() => document.querySelector<HTMLElement>('.part.statusbar')?.innerText ?? '');

/** Notification toasts on screen, each as its text (message, buttons, source). */
export const toasts = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.notifications-toasts .notification-toast')].map((toast) => ({
      severe: !!toast.querySelector('.codicon-error, .codicon-warning'),
      text: toast.innerText.replace(/\s+/g, ' ').trim(),
    })),
  );

/**
 * Everything the window shows or would read out: rendered text, the values of every field that is
 * not a password box, and tooltips and accessible labels.
 */
export const visibleText = (page: Page) =>
  page.evaluate(() => {
    const values = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
      .filter((field) => field.type !== 'password')
      .map((field) => field.value);
    const labels = [...document.querySelectorAll('[title], [aria-label]')].flatMap((element) => [
      element.getAttribute('title') ?? '',
      element.getAttribute('aria-label') ?? '',
    ]);
    return [document.body.innerText, ...values, ...labels].join('\n');
  });

export async function typeLikeAPerson(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 15 });
}

/** The workbench's modal dialog (a modal showWarningMessage), as its text with the buttons. */
export const dialogText = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLElement>('.monaco-dialog-box')?.innerText.replace(/\s+/g, ' ').trim() ?? '');

/** What the page's clipboard holds (the extension writes it through vscode.env.clipboard). */
export const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** A button of the quick input's title bar, by its tooltip. */
export async function clickTitleButton(page: Page, tooltip: string): Promise<void> {
  const button = page.locator(`.quick-input-widget .action-label:is([aria-label="${tooltip}"], [title="${tooltip}"])`).first();
  await button.click({ timeout: UI_MS });
}

/** A button of one list row (shown on hover), by the row's label and the button's tooltip. */
export async function clickRowButton(page: Page, label: string, tooltip: string): Promise<void> {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) })
    .first();
  await row.hover({ timeout: UI_MS });
  await row.locator(`.action-label:is([aria-label="${tooltip}"], [title="${tooltip}"])`).first().click({ timeout: UI_MS });
}

/**
 * The meeting step of any command: types the meeting ID and accepts it once the extension offers it
 * (typed, or as recent once a command has used it). A step count shows only in commands of several steps.
 */
export async function enterMeeting(page: Page, title: string, meetingId: string): Promise<void> {
  await quickInputWhere(
    page,
    `the meeting step of ${title}`,
    (s) => s.title.startsWith(title) && (stepOf(s.title)?.step ?? 1) === 1 && s.placeholder.includes('meeting ID'),
  );
  await typeLikeAPerson(page, meetingId);
  await quickInputWhere(page, 'the meeting ID offered and focused', (s) => s.rows.some((row) => row.label === meetingId && row.focused));
  await page.keyboard.press('Enter');
}

/** The Output panel's text once it includes `text` (VS Code writes spaces there as no-break spaces). */
export function logIncluding(page: Page, text: string): Promise<string> {
  const logText = () =>
    page.evaluate(() =>
      (document.querySelector<HTMLElement>('.part.panel .monaco-editor .view-lines')?.innerText ?? '').replace(/\u00a0/g, ' '),
    );
  return until(
    `"${text}" in the log`,
    UI_MS,
    async () => {
      const shown = await logText();
      return shown.includes(text) && shown;
    },
    logText,
  );
}

/** Waits for a list titled `title`; a failure the extension shows instead ends the wait at once. */
export function resultsTitled(page: Page, title: string, rows?: number): Promise<QuickInputState> {
  return until(
    `"${title}"`,
    RESULT_MS,
    async () => {
      const failure = (await toasts(page)).find((toast) => toast.severe && toast.text.includes('Chime'));
      if (failure) throw new Error(`the extension reported a failure: ${failure.text}`);
      const state = await quickInput(page);
      return state.visible && state.title === title && (rows === undefined || state.rows.length === rows) && state;
    },
    async () => ({ quickInput: await quickInput(page), toasts: await toasts(page), dialog: await dialogText(page) }),
  );
}

export async function closeQuickInput(page: Page, what: string): Promise<void> {
  await page.keyboard.press('Escape');
  await until(
    `${what} to close`,
    UI_MS,
    async () => !(await quickInput(page)).visible,
    () => quickInput(page),
  );
}

export async function openChimeView(page: Page): Promise<void> {
  const icon = page.locator('.part.activitybar .action-item [aria-label^="Chime"]').first();
  await icon.click({ timeout: UI_MS });
  const title = () => page.evaluate(() => document.querySelector<HTMLElement>('.part.sidebar .composite.title')?.innerText ?? '');
  await until('the Chime: Meetings view', UI_MS, async () => /chime: meetings/i.test(await title()), title);
  // Wider, as a person would drag it, so each meeting's state and slots show beside its name.
  const sidebar = await page.locator('.part.sidebar').first().boundingBox();
  if (sidebar) {
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(sidebar.x + sidebar.width + 1, y);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + sidebar.width + 180, y, { steps: 8 });
    await page.mouse.up();
  }
}

/** A button of the sidebar's title bar (or its view's header), by its tooltip. */
export async function clickSidebarAction(page: Page, tooltip: string): Promise<void> {
  await page.locator('.part.sidebar').first().hover({ timeout: UI_MS });
  await page.locator(`.part.sidebar .action-label:is([aria-label="${tooltip}"], [title="${tooltip}"])`).first().click({ timeout: UI_MS });
}

/** The sidebar tree's rows, each as its label and description. */
export const treeRows = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.part.sidebar .monaco-list-row')].map((row) => ({
      label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
    })),
  );

/** An inline action of one tree row (shown on hover), by the row's label and the action's tooltip. */
export async function clickTreeRowAction(page: Page, label: string, tooltip: string): Promise<void> {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.hover({ timeout: UI_MS });
  await row.locator(`.action-label:is([aria-label="${tooltip}"], [title="${tooltip}"])`).first().click({ timeout: UI_MS });
}

/** The image's address once it has loaded with a size, else undefined. */
export function loadedImage(img: Element): { src: string } | undefined {
  const image = img as HTMLImageElement;
  return image.complete && image.naturalWidth > 0 ? { src: image.currentSrc || image.src } : undefined;
}
