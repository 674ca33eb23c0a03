/** The mock notifications adapter: message ids stay unique within an integration's mailbox. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { notificationsMock } from "../../../providers/mock/notifications.ts";
import { mockAdapter } from "./harness.ts";

afterEach(() => vi.restoreAllMocks());

describe("notifications_mock message ids", () => {
  it("never reuse a live message's id, even when a message is cleared and another created in the same millisecond", async () => {
    vi.spyOn(Date, "now").mockReturnValue(Date.parse("2026-06-01T00:00:00Z"));
    const adapter = mockAdapter(notificationsMock);
    const first = await adapter.createMessage({ text: "first" });
    const second = await adapter.createMessage({ text: "second" });
    await adapter.clearMessage(first.id);
    const third = await adapter.createMessage({ text: "third" });

    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    expect((await adapter.getMessage(second.id)).text).toBe("second");
    expect((await adapter.getMessage(third.id)).text).toBe("third");
    await expect(adapter.getMessage(first.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
