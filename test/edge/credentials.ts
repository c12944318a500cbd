/** Local-only temporary credentials: the emulator accepts them only with their session token. */
export const SESSION_CREDENTIALS = {
  accessKeyId: 'AKIDLOCALSESSION',
  secretAccessKey: 'local-session-secret-not-for-aws',
  sessionToken: 'local-session-token',
};
