/** Builders and the task's own message catalogue for the expiry core's unit tests. */
import * as fs from "fs";
import * as path from "path";
import { format } from "util";
import type { Localize } from "../../src/expiry/localize";
import type { PatRecord } from "../../src/expiry/pat-record";
import { buildExpiryReport, type ExpiryReport } from "../../src/expiry/report";
import { DEFAULT_POLICY, type ExpiryPolicy } from "../../src/expiry/policy";

/** The fixed clock of these tests: 10:00 UTC, 8 days before global PATs stop working. */
export const NOW = new Date("2026-11-23T10:00:00Z");

let counter = 0;
export function pat(p: Partial<PatRecord> & { validTo: string }): PatRecord {
  counter++;
  return {
    authorizationId: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    displayName: `pat-${counter}`,
    scope: "vso.code",
    validFrom: "2026-10-01T00:00:00Z",
    targetAccounts: ["11111111-1111-4111-8111-111111111111"],
    ...p,
  };
}

export function policy(p: Partial<ExpiryPolicy> = {}): ExpiryPolicy {
  return { ...DEFAULT_POLICY, ...p };
}

/** The report on my own PATs in contoso at NOW under the default policy changed by `p`. */
export function myReport(pats: PatRecord[], p: Partial<ExpiryPolicy> = {}): ExpiryReport {
  return buildExpiryReport({ pats, now: NOW, policy: policy(p), organization: "contoso", subject: "mine" });
}

/** The real task.json messages, formatted the way tl.loc formats them. */
export const loc: Localize = (() => {
  const file = path.resolve(__dirname, "..", "..", "..", "tasks", "CheckPatExpiryV1", "task.json");
  const messages = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "")).messages as Record<string, string>;
  return (key: string, ...args: Array<string | number>) => {
    if (!(key in messages)) throw new Error(`task.json has no message ${key}`);
    return format(messages[key], ...args);
  };
})();
