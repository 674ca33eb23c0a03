/** Turns an Okta error answer (`{errorCode, errorSummary, …}`) into a ProviderError whose message is ours, not Okta's. */
import { ProviderError, type ProviderErrorCode } from "../types.ts";
import { OktaErrorBody } from "./payloads.ts";

/** The 4xx statuses the adapter reads itself; 429 and 5xx stay with the shared client's retry policy. */
export const oktaClientErrorStatuses = [400, 401, 403, 404, 405, 409, 410];

/** Okta's error codes decide first: Okta answers some refusals (E0000038) with 403, which is not an auth problem. */
const byErrorCode: Record<string, ProviderErrorCode> = {
  E0000001: "BAD_USER_INPUT", // API validation failed
  E0000028: "BAD_USER_INPUT", // a required parameter is missing
  E0000038: "BAD_USER_INPUT", // the operation is not allowed in the user's current status
  E0000032: "BAD_USER_INPUT", // unlock is not allowed for this user
  E0000016: "BAD_USER_INPUT", // activation failed because the user is already active
  E0000007: "NOT_FOUND",
  E0000006: "PROVIDER_UNAUTHORIZED", // the credential lacks the permission
  E0000011: "PROVIDER_UNAUTHORIZED", // invalid token
  E0000005: "PROVIDER_UNAUTHORIZED", // invalid session
  E0000047: "PROVIDER_RATE_LIMITED",
};

const byStatus: Record<number, ProviderErrorCode> = {
  400: "BAD_USER_INPUT",
  401: "PROVIDER_UNAUTHORIZED",
  403: "PROVIDER_UNAUTHORIZED",
  404: "NOT_FOUND",
  409: "BAD_USER_INPUT",
};

/** `action` says what was attempted ("suspend the user"), `subject` what a 404 means was missing ("user 00u…"). */
export function toOktaError(status: number, body: unknown, action: string, subject: string): ProviderError {
  const parsed = OktaErrorBody.safeParse(body);
  // Okta codes look like E0000007; anything else is not repeated, since it is not a code we know.
  const providerCode = parsed.success && /^E\d{7}$/.test(parsed.data.errorCode) ? parsed.data.errorCode : undefined;
  const code = (providerCode === undefined ? undefined : byErrorCode[providerCode]) ?? byStatus[status] ?? "PROVIDER_ERROR";
  return new ProviderError(code, messageFor(code, status, providerCode, action, subject), {
    httpStatus: status,
    ...(providerCode ? { providerCode } : {}),
  });
}

function messageFor(code: ProviderErrorCode, status: number, providerCode: string | undefined, action: string, subject: string): string {
  switch (code) {
    case "NOT_FOUND":
      return `Okta has no ${subject}, or the integration's token cannot see it`;
    case "PROVIDER_UNAUTHORIZED":
      return status === 401 || providerCode === "E0000011" ? "Okta rejected the integration's token" : `The integration's Okta token may not ${action}`;
    case "PROVIDER_RATE_LIMITED":
      return `Okta is rate limiting this integration; could not ${action}`;
    case "BAD_USER_INPUT":
      return providerCode === "E0000038" || providerCode === "E0000032" || providerCode === "E0000016"
        ? `Okta cannot ${action} while the user is in their current status`
        : `Okta rejected the request to ${action}`;
    default:
      return `Okta failed to ${action} (HTTP ${status})`;
  }
}
