/** The project's own scope catalogue (built from shared/specs/scopes.json; see test/scopes). */
export type { ScopeEntry } from "./scope-entry";
export { SCOPE_CATALOGUE } from "./catalogue";
export * from "./scopes";
