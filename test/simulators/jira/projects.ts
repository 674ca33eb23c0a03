/** Project search (offset paging; description and lead only when expanded) and `/myself`. */
import { type Handler, intParam, jiraError, listParam } from "./http.ts";
import { type SimProject, userRef } from "./state.ts";

const sorters: Record<string, (a: SimProject, b: SimProject) => number> = {
  key: (a, b) => a.key.localeCompare(b.key),
  name: (a, b) => a.name.localeCompare(b.name),
  id: (a, b) => Number(a.id) - Number(b.id),
};

export const searchProjects: Handler = ({ state, query, selfBase }) => {
  const startAt = intParam(query, "startAt", 0);
  const maxResults = intParam(query, "maxResults", 50);
  const orderBy = query.get("orderBy") ?? "key";
  const sorter = sorters[orderBy.replace(/^[+-]/, "")];
  if (startAt === null || maxResults === null || !sorter) return jiraError(400, ["The request is not valid."]);
  const keys = listParam(query, "keys");
  const text = query.get("query")?.toLowerCase();
  const expand = new Set(listParam(query, "expand"));
  const matching = state.projects
    .filter((project) => keys.length === 0 || keys.includes(project.key))
    .filter((project) => !text || project.key.toLowerCase().includes(text) || project.name.toLowerCase().includes(text))
    .sort(sorter);
  if (orderBy.startsWith("-")) matching.reverse();
  const size = Math.min(maxResults, 100);
  const values = matching.slice(startAt, startAt + size).map(({ description, lead, ...project }) => ({
    ...project,
    self: `${selfBase}/rest/api/3/project/${project.id}`,
    ...(expand.has("description") ? { description } : {}),
    ...(expand.has("lead") && lead ? { lead } : {}),
  }));
  const page = (at: number) => `${selfBase}/rest/api/3/project/search?startAt=${at}&maxResults=${size}`;
  const isLast = startAt + values.length >= matching.length;
  return {
    status: 200,
    body: { self: page(startAt), ...(isLast ? {} : { nextPage: page(startAt + size) }), maxResults: size, startAt, total: matching.length, isLast, values },
  };
};

export const myself: Handler = ({ state, selfBase }) => ({
  status: 200,
  body: {
    ...userRef(state.currentUser, selfBase),
    locale: state.currentUser.locale,
    groups: { size: 3, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: "groups,applicationRoles",
  },
});
