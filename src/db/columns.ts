/** Raw statements that write many rows at once pass each column as one array, read back with `unnest(…)`. */

/** One column of `rows`, as an array parameter for `unnest(…)`. */
export const columnOf =
  <R>(rows: R[]) =>
  <K extends keyof R>(key: K) =>
    rows.map((row) => row[key]);
