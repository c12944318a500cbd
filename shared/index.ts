export * from './api.ts';
export * from './deletion.ts';
export * from './errors.ts';
export * from './issues.ts';
export * from './limits.ts';
export * from './listing.ts';
export * from './meeting.ts';
export * from './schemas.ts';
