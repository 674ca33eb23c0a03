/** The Okta Management API simulator for tests: start it, point a client at `url`, inject faults, inspect `state`. */
export { startOktaSimulator, type OktaSimulator, type OktaSimulatorOptions } from "./server.ts";
export type { FaultOptions, OktaFault } from "./faults.ts";
export type { OktaSimState, RecordedRequest, SimCredentials } from "./state.ts";
