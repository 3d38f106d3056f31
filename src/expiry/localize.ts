/**
 * User-facing text comes from task.json `messages` (printf-style `%s`/`%d`); the task passes
 * `tl.loc`, other shells pass their own lookup over the same keys.
 */
export type Localize = (key: ExpiryMessageKey, ...args: Array<string | number>) => string;

/** The keys of CheckPatExpiry's task.json messages: the compiler checks every key the core uses. */
export type ExpiryMessageKey = keyof (typeof import("../../tasks/CheckPatExpiryV1/task.json"))["messages"];
