/** One scope of the catalogue: an OAuth/PAT scope id and how to show it to a person. */
export interface ScopeEntry {
  /** The id as sent in a PAT's `scope` string, e.g. `vso.code_write`. */
  scope: string;
  /** Readable name, e.g. "Code (read and write)". */
  name: string;
  description: string;
  category: string;
  /** As the docs mark it; `null` where the source does not say. */
  highPrivilege: boolean | null;
  /** The scope this one includes, if any. */
  inheritsFrom: string | null;
  /** Where the entry comes from (repository:path). */
  source: string;
}
