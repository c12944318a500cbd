export * from './api.ts';
export * from './errors.ts';
export * from './issues.ts';
export * from './limits.ts';
export * from './schemas.ts';
