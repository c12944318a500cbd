import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The extension's one architectural rule: only the entry (extension.ts), the commands (*.command.ts)
 * and the UI modules (*.ui.ts) may import vscode. Every other module is pure: it imports neither
 * vscode nor, except for types, a module that may, so it loads in plain Node (these tests).
 */

const SRC = fileURLToPath(new URL('../../../extension/src/', import.meta.url));

const mayImportVscode = (path: string) => path === 'extension.ts' || /\.(command|ui)\.ts$/.test(path);

interface Import {
  specifier: string;
  typeOnly: boolean;
}

const STATIC = /^\s*(import\s+type|export\s+type|import|export)\s+(?:[\w$*{},\s]*?\s*from\s*)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Static imports and re-exports (`import type` and `export type` are type-only), dynamic imports and requires. */
function importsOf(source: string): Import[] {
  const found: Import[] = [];
  for (const [, keyword, specifier] of source.matchAll(STATIC)) found.push({ specifier: specifier!, typeOnly: keyword!.endsWith('type') });
  for (const [, specifier] of source.matchAll(DYNAMIC)) found.push({ specifier: specifier!, typeOnly: false });
  return found;
}

/** Where the rule is broken in these modules (paths relative to src/, with `/`), one line each. */
function violations(modules: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [path, source] of modules) {
    if (mayImportVscode(path)) continue;
    for (const { specifier, typeOnly } of importsOf(source)) {
      const target = specifier.startsWith('.') ? posix.join(posix.dirname(path), specifier) : specifier;
      if (specifier === 'vscode') found.push(`${path} imports vscode`);
      else if (!typeOnly && modules.has(target) && mayImportVscode(target)) {
        found.push(`${path} imports ${target}, which may import vscode`);
      }
    }
  }
  return found;
}

function sourceModules(): Map<string, string> {
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
  return new Map(files.map((file) => [relative(SRC, file).split(sep).join('/'), readFileSync(file, 'utf8')]));
}

describe('which extension modules import vscode', () => {
  const modules = sourceModules();

  it('only the entry, the commands and the UI modules; the rest import no module that does', () => {
    expect(violations(modules)).toEqual([]);
  });

  it('finds the vscode imports there are (so a scan that saw none would fail)', () => {
    const importsVscode = (source: string) => importsOf(source).some((each) => each.specifier === 'vscode');
    const importing = [...modules].filter(([, source]) => importsVscode(source)).map(([path]) => path);
    expect(importing).toContain('extension.ts');
    expect(importing.length).toBeGreaterThan(10);
    expect(importing.every(mayImportVscode)).toBe(true);
  });

  it('catches each way of breaking the rule', () => {
    const broken = new Map([
      ['a/typeOnly.ts', "import type * as vscode from 'vscode';"],
      ['a/dynamic.ts', 'export async function f() {\n  return (await import("vscode")).window;\n}'],
      ['a/required.ts', "const vscode = require('vscode');"],
      ['a/viaUi.ts', "import {\n  askText,\n  type TextQuestion,\n} from '../ui/askText.ui.ts';"],
      ['a/reexport.ts', "export { registerX } from './x.command.ts';"],
      ['a/typesOnly.ts', "import type { TextQuestion } from '../ui/askText.ui.ts';"],
      ['a/x.command.ts', "import * as vscode from 'vscode';"],
      ['ui/askText.ui.ts', "import * as vscode from 'vscode';"],
    ]);
    expect(violations(broken)).toEqual([
      'a/typeOnly.ts imports vscode',
      'a/dynamic.ts imports vscode',
      'a/required.ts imports vscode',
      'a/viaUi.ts imports ui/askText.ui.ts, which may import vscode',
      'a/reexport.ts imports a/x.command.ts, which may import vscode',
    ]);
  });
});
