/** The Jira Cloud simulator for tests: start it, point a client at `url`, inject faults, inspect `state`. */
export { startJiraSimulator, type JiraSimulator, type JiraSimulatorOptions } from "./server.ts";
export type { FaultOptions, JiraFault } from "./faults.ts";
export type { JiraSimState, RecordedRequest } from "./state.ts";
