import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/* What extension/package.json promises a person: the Command Palette's order, and a walkthrough that works. */

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus?: { commandPalette?: Array<{ command: string; when?: string }> };
    walkthroughs?: Array<{ id: string; steps: Step[] }>;
  };
}

const EXTENSION = new URL('../../../extension/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', EXTENSION), 'utf8')) as Manifest;
const shipped = readFileSync(new URL('.vscodeignore', EXTENSION), 'utf8');

/** Made on the branch that builds the sidebar and test meetings; take them out of here once it is merged. */

/** The palette's labels as VS Code sorts those never run yet: `Category: Title`, by localeCompare. */
function paletteOrder({ contributes }: Manifest): string[] {
  const hidden = new Set((contributes.menus?.commandPalette ?? []).filter((entry) => entry.when === 'false').map((entry) => entry.command));
  return contributes.commands
    .filter((command) => !hidden.has(command.command))
    .map((command) => (command.category ? `${command.category}: ${command.title}` : command.title))
    .sort((a, b) => a.localeCompare(b));
}

describe('the Command Palette', () => {
  it('lists Create Attendees… first among the Chime commands, and forgetting the token after creating and deleting', () => {
    const order = paletteOrder(manifest);
    expect(order[0]).toBe('Chime: Create Attendees…');
    expect(order.indexOf('Chime: Forget Worker Token')).toBeGreaterThan(order.indexOf('Chime: Delete Test Attendees…'));
  });
});

describe('the walkthrough', () => {
  const steps = manifest.contributes.walkthroughs?.[0]?.steps ?? [];
  const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
  const known = (command: string) => contributed.has(command);

  it('goes from connecting to ending the meeting', () => {
    expect(steps.map((step) => step.id)).toEqual(['connect', 'createMeeting', 'addBots', 'copyJoinInfo', 'endMeeting']);
  });

  it('completes each step on its command (copying join info: a results-list button, which sets a context key, or the sidebar’s)', () => {
    expect(steps.map((step) => step.completionEvents)).toEqual([
      ['onCommand:chimeAttendees.setToken'],
      ['onCommand:chimeAttendees.createMeeting'],
      ['onCommand:chimeAttendees.createTestAttendees', 'onCommand:chimeAttendees.launchTestBots'],
      ['onContext:chimeAttendees.joinInfoCopied', 'onCommand:chimeAttendees.copyJoinInfo', 'onCommand:chimeAttendees.copyAllJoinInfo'],
      ['onCommand:chimeAttendees.endMeeting'],
    ]);
    for (const event of steps.flatMap((step) => step.completionEvents ?? [])) {
      if (event.startsWith('onCommand:')) expect(known(event.slice('onCommand:'.length)), event).toBe(true);
    }
  });

  it('links only commands the extension has, or VS Code’s own', () => {
    const links = steps.flatMap((step) => [...step.description.matchAll(/\(command:([\w.]+)/g)].map(([, command]) => command!));
    expect(links.length).toBeGreaterThanOrEqual(steps.length);
    for (const command of links) expect(command.startsWith('workbench.') || known(command), command).toBe(true);
  });

  it('shows a markdown page for each step, shipped in the package', () => {
    for (const { media } of steps) {
      expect(media.markdown, 'a step without its page').toMatch(/^media\/walkthrough\/[\w-]+\.md$/);
      expect(existsSync(new URL(media.markdown!, EXTENSION)), media.markdown).toBe(true);
    }
    expect(shipped).toMatch(/^!media\/walkthrough\/\*\.md$/m);
  });
});

describe('the test bots’ page', () => {
  it('ships in the package as an asset, which the extension serves to the bots’ browser and never imports', () => {
    expect(shipped).toMatch(/^!dist\/bots\/bot\.js$/m);
    const sources = readdirSync(new URL('src/', EXTENSION), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith(`bots${sep}page${sep}`))
      .map((file) => readFileSync(new URL(`src/${file}`, EXTENSION), 'utf8'));
    expect(sources.length).toBeGreaterThan(20);
    for (const source of sources) expect(source).not.toMatch(/from '(amazon-chime-sdk-js|[./]+\/page\/[^']*)'/);
  });
});
