/**
 * The client's requests, as the emulator logged them, checked against the parameters of the official
 * specs (../shared/specs): every required parameter present, api-version exactly the spec's, no
 * undeclared query parameter, enum/uuid/int/boolean values well-formed.
 */
import * as assert from "assert";
import { createPat, getPat, listAllPats, revokePat, updatePat } from "../../src/api/pats";
import { iterateUserPages } from "../../src/api/graph";
import { iterateUserPatsAdmin, revokeAuthorizationsAdmin } from "../../src/api/tokenadmin";
import type { LoggedRequest } from "../emulator/client";
import { readSpec } from "../emulator/spec-schemas";
import { startWorld, type World } from "./emulator-world";
import { daysFromNow } from "../support/days";

interface SpecParam {
  name: string;
  in: string;
  required?: boolean;
  type?: string;
  format?: string;
  enum?: string[];
  description?: string;
}
interface SpecOp {
  file: string;
  id: string;
  method: string;
  path: RegExp;
  params: SpecParam[];
}

function loadOps(file: string): SpecOp[] {
  const spec = readSpec(file) as { parameters: Record<string, SpecParam>; paths: object; "x-ms-paths"?: object };
  const shared = spec.parameters;
  const ops: SpecOp[] = [];
  for (const [template, methods] of Object.entries({ ...spec.paths, ...spec["x-ms-paths"] } as Record<
    string,
    Record<string, { operationId: string; parameters?: Array<SpecParam | { $ref: string }> }>
  >)) {
    const pattern = template
      .replace(/\?$/, "")
      .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
      .replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, "[^/]+");
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []).map((p) => ("$ref" in p ? shared[p.$ref.split("/").pop() as string] : p));
      ops.push({ file, id: op.operationId, method: method.toUpperCase(), path: new RegExp(`^${pattern}$`, "i"), params });
    }
  }
  return ops;
}

/** Problems of `r` against `op`, empty when it conforms. */
function problems(r: LoggedRequest, op: SpecOp): string[] {
  const out: string[] = [];
  const query = op.params.filter((p) => p.in === "query");
  for (const p of query) {
    const value = r.query[p.name];
    if (value === undefined) {
      if (p.required) out.push(`missing required ${p.name}`);
      continue;
    }
    if (p.name === "api-version") {
      const wanted = /set to '([^']+)'/.exec(p.description ?? "")?.[1];
      if (value !== wanted) out.push(`api-version ${value}, spec says ${wanted}`);
    }
    if (p.enum && !p.enum.includes(value)) out.push(`${p.name}=${value} not in ${p.enum.join("|")}`);
    if (p.format === "uuid" && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
      out.push(`${p.name} not a uuid`);
    if (p.type === "integer" && !/^\d+$/.test(value)) out.push(`${p.name} not an integer`);
    if (p.type === "boolean" && !/^(true|false)$/.test(value)) out.push(`${p.name} not a boolean`);
  }
  for (const name of Object.keys(r.query)) if (!query.some((p) => p.name === name)) out.push(`undeclared query parameter ${name}`);
  return out;
}

describe("api requests conform to the official specs' parameters", function () {
  this.timeout(60_000);
  let w: World;
  before(async () => (w = await startWorld()));
  after(async () => w?.emu.stop());

  it("tokens 7.1: list (every option, several pages), get, create, update, revoke", async () => {
    const ops = loadOps("tokens-7.1.json");
    for (let i = 0; i < 12; i++) await w.emu.addPat(w.user.id, { displayName: `p${i}`, validTo: daysFromNow(5 + i) });
    await w.emu.clearRequests();
    await listAllPats(w.ctx, { displayFilterOption: "expired", sortByOption: "status", isSortAscending: true, top: 5 });
    await listAllPats(w.ctx, { displayFilterOption: "all", sortByOption: "displayDate", isSortAscending: false, top: 5 });
    await listAllPats(w.ctx, { displayFilterOption: "revoked", sortByOption: "displayName", top: 100 });
    await listAllPats(w.ctx, { displayFilterOption: "active" });
    const created = await createPat(w.ctx, { displayName: "spec", scope: "vso.code", validTo: daysFromNow(20), allOrgs: false });
    await getPat(w.ctx, created.authorizationId);
    await updatePat(w.ctx, { authorizationId: created.authorizationId, validTo: daysFromNow(25) });
    await revokePat(w.ctx, created.authorizationId);
    const log = (await w.emu.requests()).filter((r) => /\/_apis\/tokens\/pats$/i.test(r.path));
    assert.ok(log.length >= 10, `expected the whole sequence in the log, got ${log.length}`);
    const seenOps = new Set<string>();
    for (const r of log) {
      const candidates = ops.filter((op) => op.method === r.method && op.path.test(r.path));
      assert.ok(candidates.length > 0, `${r.method} ${r.path} matches no operation of the spec`);
      const verdicts = candidates.map((op) => ({ op, issues: problems(r, op) }));
      const ok = verdicts.find((v) => v.issues.length === 0);
      assert.ok(
        ok,
        `${r.method} ${r.path}?${new URLSearchParams(r.query)}: ${verdicts.map((v) => `${v.op.id}: ${v.issues.join(", ")}`).join("; ")}`,
      );
      seenOps.add(ok.op.id);
    }
    assert.deepStrictEqual([...seenOps].sort(), ["Pats_Create", "Pats_Get", "Pats_List", "Pats_Revoke", "Pats_Update"]);
  });

  it("tokenadmin 7.1 and graph 7.1: paged listing and revocation", async () => {
    const ops = [...loadOps("tokenadmin-7.1.json"), ...loadOps("graph-7.1.json")];
    await w.emu.configure({ graphPageSize: 1 });
    await w.emu.addUser({ displayName: "Bob", principalName: "bob@contoso.test", organizations: ["contoso"] });
    await w.emu.clearRequests();
    const users = [];
    for await (const page of iterateUserPages(w.ctx)) users.push(...page);
    const ids: string[] = [];
    for await (const page of iterateUserPatsAdmin(w.ctx, w.user.descriptor, { pageSize: 5 }))
      ids.push(...page.map((p) => p.authorizationId));
    await revokeAuthorizationsAdmin(w.ctx, ids.slice(0, 2));
    const log = (await w.emu.requests()).filter((r) => /\/_apis\/(graph|tokenadmin)\//i.test(r.path));
    assert.ok(users.length >= 2 && ids.length >= 12, `listed ${users.length} users and ${ids.length} PATs`);
    const seenOps = new Set<string>();
    for (const r of log) {
      const op = ops.find((o) => o.method === r.method && o.path.test(r.path));
      assert.ok(op, `${r.method} ${r.path} matches no operation of the specs`);
      assert.deepStrictEqual(problems(r, op), [], `${r.method} ${r.path}?${new URLSearchParams(r.query)}`);
      seenOps.add(op.id);
    }
    assert.deepStrictEqual([...seenOps].sort(), ["Personal Access Tokens_List", "Revocations_Revoke Authorizations", "Users_List"]);
  });
});
