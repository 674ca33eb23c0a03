import { describe, expect, it } from "vitest";
import { withoutVariableValue } from "../../src/http/variable-errors.ts";

describe("withoutVariableValue", () => {
  it("keeps the variable, the path and the reason, and drops the quoted value", () => {
    const reason = 'Exactly one key must be specified for OneOf type "CredentialInput".';
    const message = `Variable "$input" got invalid value { token: { token: "s3cret" }, secret: { secret: "s3cret" } } at "input.provider.ticketingJira.credential"; ${reason}`;
    expect(withoutVariableValue(message, reason)).toBe(`Variable "$input" got an invalid value at "input.provider.ticketingJira.credential"; ${reason}`);
  });

  it("also strips values that the reason itself quotes", () => {
    const reason = 'String cannot represent a non string value: { secret: "s3cret" }';
    expect(withoutVariableValue(`Variable "$p" got invalid value { secret: "s3cret" }; ${reason}`, reason)).toBe(
      'Variable "$p" got an invalid value; String cannot represent a non string value.',
    );
    const enumReason = 'Value "s3cret" does not exist in "PermissionSetId" enum. Did you mean the enum value "VIEWER"?';
    expect(withoutVariableValue(`Variable "$i" got invalid value "s3cret" at "i.permissionSet"; ${enumReason}`, enumReason)).toBe(
      'Variable "$i" got an invalid value at "i.permissionSet"; The value does not exist in "PermissionSetId" enum. Did you mean the enum value "VIEWER"?',
    );
  });

  it("leaves other messages alone", () => {
    expect(withoutVariableValue('Cannot query field "nope" on type "Query".', undefined)).toBe('Cannot query field "nope" on type "Query".');
  });
});
