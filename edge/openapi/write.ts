import { writeFileSync } from 'node:fs';
import { generatedDocuments } from './generate.ts';

writeFileSync(new URL('./documents.json', import.meta.url), `${JSON.stringify(generatedDocuments(), null, 1)}\n`);
