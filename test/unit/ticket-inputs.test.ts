/** The checks ticket inputs meet before any provider is called: what each refuses, naming its field, and what it lets through. */
import { describe, expect, it } from "vitest";
import { checkCustomFieldChanges, checkNotCleared, checkTags } from "../../schema/connector/ticket-inputs.ts";

const refusal = (field: string, message: RegExp) => expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: "BAD_USER_INPUT", field } });

describe("fields an update cannot clear", () => {
  it("refuses null for the summary and the status, naming the field, and passes a value through", () => {
    expect(() => checkNotCleared("summary", null)).toThrow(refusal("summary", /^summary: cannot be cleared.*omit summary/));
    expect(() => checkNotCleared("status", null)).toThrow(refusal("status", /^status: cannot be cleared/));
    expect(checkNotCleared("summary", "New title")).toBe("New title");
    expect(checkNotCleared("status", "Done")).toBe("Done");
  });

  it("refuses customFields: null, which would read as clearing them all, and takes an object whose null values clear one field each", () => {
    expect(() => checkCustomFieldChanges(null)).toThrow(refusal("customFields", /^customFields: cannot be null; clear a custom field by giving it null/));
    expect(checkCustomFieldChanges({ customfield_10016: null })).toEqual({ customfield_10016: null });
    expect(() => checkCustomFieldChanges(5)).toThrow(refusal("customFields", /must be an object/));
  });
});

describe("tags", () => {
  it("refuses a tag longer than 255 characters, naming tags and which tag, and takes one of 255", () => {
    expect(() => checkTags(["fine", "x".repeat(256)])).toThrow(refusal("tags", /^tags: tag 2 is 256 characters long; a tag must be at most 255$/));
    expect(checkTags(["x".repeat(255)])).toEqual(["x".repeat(255)]);
  });

  it("still refuses an empty tag or one with whitespace", () => {
    expect(() => checkTags([""])).toThrow(refusal("tags", /tag 1 is empty/));
    expect(() => checkTags(["a\u00a0b"])).toThrow(refusal("tags", /tag 1 contains a space/));
  });
});
