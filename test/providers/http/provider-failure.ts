/** What a provider call rejected with, checked to be a ProviderError. */
import { expect } from "vitest";
import { ProviderError } from "../../../providers/types.ts";

export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
