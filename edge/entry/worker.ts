import { createApp } from '../app.ts';

export { ChimePacer } from '../pacing/durable-object.ts';

export default createApp();
