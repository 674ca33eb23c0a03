/** The error every adapter raises for provider trouble. */

export type ProviderErrorCode =
  | "PROVIDER_UNAUTHORIZED"
  | "PROVIDER_RATE_LIMITED"
  | "PROVIDER_UNAVAILABLE"
  | "PROVIDER_ERROR"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "UNSUPPORTED_OPERATION";

/**
 * A failure talking to a provider. Its message is written by us, never copied from the
 * provider's body, so it can be shown to clients without leaking secrets or raw payloads.
 */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly details: {
      httpStatus?: number;
      retryAfterSeconds?: number;
      providerCode?: string;
      /** The unified input field the provider refused, when it knows which (`projectKey`, not Jira's `project`). */
      field?: string;
    } = {},
  ) {
    super(message);
  }
}
