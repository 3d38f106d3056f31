/**
 * vssps `/{organization}/_apis/graph/users`: the wire body is `{count, value}` (the spec says a bare
 * array) and the next page's token comes in the `X-MS-ContinuationToken` response header.
 */
import type { EmulatorContext, Route } from "../context";
import { patHasScope } from "../caller";
import type { Exchange } from "../exchange";
import type { Organization, User } from "../state";
import { ARGUMENT, UNAUTHORIZED_REQUEST, sendVssError, sendPatScopeMissing } from "../vss-errors";
import { admit, methodNotAllowed } from "./org-guard";

const VERSIONS = { min: 4.0, max: 7.2, released: 0 };

export const graphRoutes: Route[] = [{ service: "vssps", method: "*", pattern: /^\/([^/]+)\/_apis\/graph\/users\/?$/i, handle: listUsers }];

function listUsers(ex: Exchange, m: RegExpExecArray, ctx: EmulatorContext): void {
  const admitted = admit(ex, ctx, m[1], VERSIONS);
  if (!admitted) return;
  const { org, caller } = admitted;
  if (ex.method !== "GET") return methodNotAllowed(ex);
  if (caller.kind === "pat" && !patHasScope(caller.pat, "vso.graph")) {
    return sendPatScopeMissing(ex, 401, UNAUTHORIZED_REQUEST, "vso.graph");
  }
  if (caller.kind === "app" || caller.kind === "job") {
    return sendVssError(ex, 401, UNAUTHORIZED_REQUEST, "TF400813: The user '' is not authorized to access this resource.");
  }
  const subjectTypes = (ex.query("subjectTypes") ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  let offset = 0;
  const token = ex.query("continuationToken");
  if (token) {
    const decoded = /^graph\|(\d+)$/.exec(Buffer.from(token, "base64").toString("utf8"));
    if (!decoded) return sendVssError(ex, 400, ARGUMENT, "The continuation token provided is not valid.");
    offset = Number(decoded[1]);
  }
  const users = [...ctx.state.users.values()]
    .filter((u) => u.organizations.includes(org.id))
    .filter(() => !subjectTypes.length || subjectTypes.includes("aad"))
    .sort((a, b) => (a.descriptor < b.descriptor ? -1 : 1));
  const size = ctx.state.graphPageSize;
  const page = users.slice(offset, offset + size);
  const headers: Record<string, string> = {};
  if (offset + size < users.length) headers["x-ms-continuationtoken"] = Buffer.from(`graph|${offset + size}`).toString("base64");
  ex.json(200, { count: page.length, value: page.map((u) => graphUser(u, org, ex.origin, ctx.state.tenantId)) }, headers);
}

function graphUser(u: User, org: Organization, origin: string, tenantId: string): Record<string, unknown> {
  const self = `${origin}/${org.name}/_apis/Graph/Users/${u.descriptor}`;
  return {
    subjectKind: "user",
    metaType: "member",
    domain: tenantId,
    principalName: u.principalName,
    mailAddress: u.principalName,
    origin: "aad",
    originId: u.oid,
    displayName: u.displayName,
    _links: {
      self: { href: self },
      memberships: { href: `${origin}/${org.name}/_apis/Graph/Memberships/${u.descriptor}` },
      membershipState: { href: `${origin}/${org.name}/_apis/Graph/MembershipStates/${u.descriptor}` },
      storageKey: { href: `${origin}/${org.name}/_apis/Graph/StorageKeys/${u.descriptor}` },
      avatar: { href: `${origin}/${org.name}/_apis/GraphProfile/MemberAvatars/${u.descriptor}` },
    },
    url: self,
    descriptor: u.descriptor,
  };
}
