/**
 * User-facing text comes from task.json `messages` (printf-style `%s`/`%d`); the task passes
 * `tl.loc`, other shells pass their own lookup over the same keys.
 */
export type Localize = (key: string, ...args: Array<string | number>) => string;
