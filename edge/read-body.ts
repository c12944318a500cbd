import { LIMITS } from '../shared/index.ts';
import { ApiError } from './errors.ts';

/** The most of a refused body that is read, and dropped, before its 413: the largest bound of either API. */
const READ_WHEN_REFUSED = Math.max(LIMITS.requestBodyBytes, LIMITS.legacy.requestBodyBytes);

/**
 * A request body's bytes, or a 413 naming `maxSize` for one over it: by its Content-Length, or as it streams in
 * without one. Local workerd closes a connection whose request body it left unread, often resetting it before the
 * caller reads the answer: a body over `maxSize` but within READ_WHEN_REFUSED is therefore read to its end, and
 * dropped as it is read, before it is refused; a larger one is refused at once.
 */
export async function readBody(request: Request, maxSize: number): Promise<Uint8Array> {
  const tooLarge = () => new ApiError('PayloadTooLargeException', `The request body must be at most ${maxSize} bytes`);
  const declared = request.headers.has('transfer-encoding') ? null : request.headers.get('content-length');
  if (declared !== null || !request.body) {
    if (Number(declared) <= maxSize) return new Uint8Array(await request.arrayBuffer());
    // Read whole by the runtime rather than chunk by chunk here, which costs several times as much CPU.
    if (Number(declared) <= READ_WHEN_REFUSED) await request.arrayBuffer().catch(() => undefined);
    throw tooLarge();
  }
  const kept: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.length;
      if (size > READ_WHEN_REFUSED) break;
      if (size <= maxSize) kept.push(read.value);
    }
  } catch (error) {
    // The rest of a refused body is read only for the caller's sake: failing to read it leaves the refusal as it was.
    if (size <= maxSize) throw error;
  }
  if (size > READ_WHEN_REFUSED) await reader.cancel();
  if (size > maxSize) throw tooLarge();
  const bytes = new Uint8Array(size);
  kept.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.length), 0);
  return bytes;
}
