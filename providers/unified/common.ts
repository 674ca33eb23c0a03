/** Shared shapes of the unified model: connector ids, pages, page requests and what every adapter can do. */

export type ConnectorId = "ticketing" | "identity" | "notifications" | "cloudsecurity";

/** A page of results; `nextCursor` is opaque to callers and null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  /** Items wanted on this page (the gateway caps it; adapters map it to the provider's limit). */
  limit: number;
  /** A cursor previously returned as `nextCursor`, or null for the first page. */
  cursor: string | null;
}

export type SortDirection = "ASC" | "DESC";

/** Every adapter can prove connectivity and credentials with one cheap authenticated call. */
export interface VerifiableAdapter {
  verify(): Promise<void>;
}
