import { ERROR_STATUS, type ErrorName, type ValidationIssue } from '../shared/index.ts';

export interface ApiErrorDetails {
  status?: number;
  upstreamCode?: string;
  issues?: ValidationIssue[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** An error the worker answers with: one of the contract's names, a message safe to show, and details. */
export class ApiError extends Error {
  override readonly name: ErrorName;
  readonly status: number;
  readonly upstreamCode: string | undefined;
  readonly issues: ValidationIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(name: ErrorName, message: string, details: ApiErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.name = name;
    this.status = details.status ?? ERROR_STATUS[name];
    this.upstreamCode = details.upstreamCode;
    this.issues = details.issues;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** An error as an answer reports it for one attendee. */
export const errorFields = (error: ApiError) => ({ ErrorCode: error.name, ErrorMessage: error.message });

/** Something went wrong on the worker's or Amazon Chime's side (500). */
export const serviceFailure = (message: string, details?: ApiErrorDetails) => new ApiError('ServiceFailureException', message, details);

/** Whether Amazon Chime (or the worker) answered that the thing is not there. */
export const isNotFound = (error: unknown): error is ApiError => error instanceof ApiError && error.name === 'NotFoundException';

/** The request is refused for what it holds (400). */
export const badRequest = (message: string, details?: ApiErrorDetails) => new ApiError('BadRequestException', message, details);

/** A setting is missing or malformed: names the setting, never its value. */
export class ConfigError extends ApiError {
  constructor(setting: string, rule: string) {
    super('ServiceFailureException', `Worker configuration: ${setting} ${rule}`);
  }
}
