/** Text to UTF-8 bytes: one encoder for the whole worker (an encoder holds no state). */
export const utf8 = new TextEncoder();
