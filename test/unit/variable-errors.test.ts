import { describe, expect, it } from "vitest";
import { variableErrorPosition, withoutVariableValue } from "../../src/http/variable-errors.ts";

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

describe("variableErrorPosition", () => {
  it.each([
    ['Variable "$input" got an invalid value at "input.provider.ticketingJira.credential"; Exactly one key must be specified.', "credential", "input.provider.ticketingJira.credential"],
    ['Variable "$input" got an invalid value at "input.labels[3]"; String cannot represent a non string value.', "labels", "input.labels[3]"],
    ['Variable "$input" got an invalid value at "input.provider.ticketingJira"; Field "credential" of required type "CredentialInput!" was not provided.', "credential", "input.provider.ticketingJira.credential"],
    ['Variable "$input" got an invalid value; Field "name" of required type "String!" was not provided.', "name", "input.name"],
    ['Variable "$first" got an invalid value; Int cannot represent non-integer value.', "first", "first"],
    ['Variable "$id" of required type "ID!" was not provided.', "id", "id"],
    ['Variable "$id" of non-null type "ID!" must not be null.', "id", "id"],
  ])("names %s", (message, field, inputPath) => {
    expect(variableErrorPosition(message)).toEqual({ field, inputPath });
  });

  it("names nothing in other messages", () => {
    expect(variableErrorPosition('Cannot query field "nope" on type "Query".')).toBeNull();
  });
});

