import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/* What extension/package.json promises a person: the Command Palette's order. */

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus?: { commandPalette?: Array<{ command: string; when?: string }> };
  };
}

const manifest = JSON.parse(readFileSync(new URL('../../../extension/package.json', import.meta.url), 'utf8')) as Manifest;

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
