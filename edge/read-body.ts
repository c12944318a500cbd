import { LIMITS } from '../shared/index.ts';
import { ApiError } from './errors.ts';

/** The most of a refused body that is read, and dropped, before its 413: the largest bound of either API. */
const READ_WHEN_REFUSED = Math.max(LIMITS.requestBodyBytes, LIMITS.legacy.requestBodyBytes);
/** How much of a refused body's rest is read at a time, where the body can be read into a buffer of its reader's. */
const DRAIN_BUFFER_BYTES = 1024 * 1024;

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
      if (size > maxSize) {
        reader.releaseLock();
        await drain(request.body, size);
        break;
      }
      kept.push(read.value);
    }
  } catch (error) {
    // The rest of a refused body is read only for the caller's sake: failing to read it leaves the refusal as it was.
    if (size <= maxSize) throw error;
  }
  if (size > maxSize) throw tooLarge();
  const bytes = new Uint8Array(size);
  kept.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.length), 0);
  return bytes;
}

/**
 * The rest of a refused body read and dropped, until it ends or its `size` passes READ_WHEN_REFUSED: into one
 * buffer with a BYOB reader where the body is a byte stream (in workerd a chunked body then takes a few reads, not
 * one per small chunk at several times the CPU), chunk by chunk where it is not (Node's).
 */
async function drain(body: ReadableStream<Uint8Array>, size: number): Promise<void> {
  let buffer: Uint8Array = new Uint8Array(DRAIN_BUFFER_BYTES);
  const byob = byobReader(body);
  const reader = byob ?? body.getReader();
  while (size <= READ_WHEN_REFUSED) {
    const read = byob ? await byob.read(buffer) : await (reader as ReadableStreamDefaultReader<Uint8Array>).read();
    if (read.done) return;
    size += read.value.length;
    if (byob) buffer = new Uint8Array(read.value.buffer);
  }
  await reader.cancel();
}

function byobReader(body: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | undefined {
  try {
    return body.getReader({ mode: 'byob' });
  } catch {
    return undefined;
  }
}
