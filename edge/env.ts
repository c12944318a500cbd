/** The worker's bindings: Worker vars and secrets, or process environment on Node and Deno. */
export interface Env {
  CHIME_API?: string;
  AWS_REGION?: string;
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  AWS_SESSION_TOKEN?: string;
  CHIME_ENDPOINT?: string;
  CHIME_USE_FIPS?: string;
  API_TOKENS?: string;
  API_TOKENS_JSON?: string;
  MAX_ATTENDEES_PER_REQUEST?: string;
  RETRY_DEADLINE_MS?: string;
  CORS_ORIGINS?: string;
  CHIME_CALLS_PER_SECOND?: string;
  CHIME_CALLS_BURST?: string;
  /** On Cloudflare, the ChimePacer Durable Object namespace (wrangler.toml); absent elsewhere. */
  CHIME_PACER?: unknown;
}
