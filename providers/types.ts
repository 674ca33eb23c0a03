/** The unified connector model: the types every provider normalises into, and one adapter interface per connector. */
export * from "./unified/common.ts";
export * from "./unified/ticketing.ts";
export * from "./unified/identity.ts";
export * from "./unified/notifications.ts";
export * from "./unified/cloudsecurity.ts";
export * from "./unified/adapters.ts";
export * from "./unified/credentials.ts";
export * from "./unified/errors.ts";
