// Types for paths.mjs, so TypeScript tests can read where the VS Code test toolchain lives.
export const NODE24_VERSION: string;
export const CODE_SERVER_VERSION: string;
export const repoRoot: string;
export const cacheDir: string;
export const READY_MARKER: string;
export const node24Dir: string;
export const node24Bin: string;
export const codeServerDir: string;
export const codeServerEntry: string;
export const chromiumPath: string;
export type SetupPiece = 'node24' | 'code-server';
export function setupKey(piece: SetupPiece): string;
export function isReady(dir: string, piece: SetupPiece): boolean;
export function assertToolchainReady(): void;
