/** How a refusal thrown by Pothos reaches the client: BAD_USER_INPUT naming the argument, in our words, not the library's. */
import { PothosValidationError } from "@pothos/core";
import { GraphQLError, parse, type FieldNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { knownFailure } from "../../src/http/known-failures.ts";

const refused = (message: string) => {
  const original = new PothosValidationError(message);
  return knownFailure(new GraphQLError(message, { originalError: original }), original);
};

describe("knownFailure for Pothos argument refusals", () => {
  it.each([
    ['Arguments "before" and "after" are not supported at the same time', "before", "before: cannot be combined with `after`"],
    ['Arguments "before" and "first" are not supported at the same time', "before", "before: cannot be combined with `first`"],
    ['Arguments "after" and "last" are not supported at the same time', "after", "after: cannot be combined with `last`"],
  ])("names both arguments of a combination: %s", (message, field, shown) => {
    expect(refused(message)).toMatchObject({ message: shown, extensions: { code: "BAD_USER_INPUT", field } });
  });

  it("keeps a fallback for single-argument refusals, which no request reaches (test/api/argument-refusals.test.ts), naming the argument without Pothos's text", () => {
    for (const [message, field] of [
      ['Argument "first" must be a non-negative integer', "first"],
      ['Argument "last" can only be used in combination with "before" or "first"', "last"],
    ] as const) {
      expect(refused(message)).toMatchObject({ message: `${field}: is not accepted here`, extensions: { code: "BAD_USER_INPUT", field } });
    }
  });

  it("leaves a Pothos refusal that names no argument, outside a paged field, unexpected: it is our bug, not the client's input", () => {
    expect(refused('Type "Ticket" has no field "nickname"')).toBeNull();
  });

  it("still reads a Pothos refusal on a field given a cursor as a bad cursor", () => {
    const original = new PothosValidationError("Invalid cursor");
    const field = (parse('{ tickets(after: "x") { edges { cursor } } }').definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    const error = new GraphQLError("Invalid cursor", { originalError: original, nodes: [field] });
    expect(knownFailure(error, original)).toMatchObject({ message: "after: is not a cursor of this list", extensions: { code: "BAD_USER_INPUT", field: "after" } });
  });
});
