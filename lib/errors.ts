// The only errors the data layer throws on purpose. Actions map `code` to a
// localised message; an exception's own message never reaches the browser.
export const appErrorCodes = [
  "unauthenticated",
  "not_found",
  "forbidden",
  "invalid",
  "conflict",
  "rate_limited",
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** A more specific message key under `errors` than the code's own (e.g. `notSwitchable`). */
  readonly messageKey: string;
  /** Message keys (under `errors.fields`) per form field, for `invalid`. */
  readonly fieldErrors: Record<string, string>;

  constructor(code: AppErrorCode, options: { messageKey?: string; fieldErrors?: Record<string, string> } = {}) {
    super(options.messageKey ?? code);
    this.name = "AppError";
    this.code = code;
    this.messageKey = options.messageKey ?? code;
    this.fieldErrors = options.fieldErrors ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * An error a page answers with its 404: the thing is not there, or not this visitor's to see
 * (a page's own reads can run before its layout's guard has answered).
 */
export function isNotFoundForPage(error: unknown): boolean {
  return (
    isAppError(error) && (error.code === "not_found" || error.code === "forbidden" || error.code === "unauthenticated")
  );
}
