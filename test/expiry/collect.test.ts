/** collectOrganizationPats over the real HttpClient and API functions, with a scripted fetch. */
import * as assert from "assert";
import { NotSignedInError } from "../../src/api/errors";
import { endpointsFromEnv } from "../../src/api/endpoints";
import { HttpClient } from "../../src/api/http";
import { basicPat } from "../../src/api/credential";
import type { SessionToken } from "../../src/api/model";
import { collectOrganizationPats } from "../../src/expiry/collect";
import { NOW } from "./fixtures";

function sessionToken(t: Partial<SessionToken> & { displayName: string; validTo: string }): SessionToken {
  return {
    accessId: "00000000-0000-0000-0000-000000000000",
    authorizationId: `id-${t.displayName}`,
    clientId: "00000000-0000-0000-0000-000000000000",
    hostAuthorizationId: "00000000-0000-0000-0000-000000000000",
    isPublic: false,
    isValid: true,
    scope: "vso.code",
    targetAccounts: ["org-id"],
    token: null,
    userId: "u",
    validFrom: "2026-10-01T00:00:00",
    ...t,
  };
}

const users = [
  { descriptor: "aad.ada", displayName: "Ada", principalName: "ada@contoso.com" },
  { descriptor: "aad.bob", displayName: "Bob", principalName: "bob@contoso.com" },
  { descriptor: "aad.eve", displayName: "Eve", principalName: "eve@contoso.com" },
];

/** Graph in two pages (header continuation), Token Admin in two pages for Ada, a 500 for Eve. */
function scriptedFetch(tokenAdminStatus = 200): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    const json = (body: unknown, headers: Record<string, string> = {}, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
    if (url.pathname.endsWith("/graph/users")) {
      return url.searchParams.get("continuationToken") === "page2"
        ? json({ count: 2, value: users.slice(1) })
        : json({ count: 1, value: users.slice(0, 1) }, { "x-ms-continuationtoken": "page2" });
    }
    if (tokenAdminStatus !== 200)
      return json({ message: "TF400813: not authorized", typeKey: "UnauthorizedRequestException" }, {}, tokenAdminStatus);
    const who = decodeURIComponent(url.pathname.split("/").pop() ?? "");
    if (who === "aad.eve") return json({ message: "boom", typeKey: "InternalError" }, {}, 500);
    if (who === "aad.ada" && !url.searchParams.get("continuationToken")) {
      return json({
        value: [sessionToken({ displayName: "ada-soon", validTo: "2026-11-24T23:30:00" })],
        continuationToken: "11111111-2222-3333-4444-555555555555",
      });
    }
    if (who === "aad.ada") {
      return json({
        value: [
          sessionToken({ displayName: "ada-expired", validTo: "2026-11-20T00:00:00", isValid: false }),
          sessionToken({ displayName: "ada-revoked", validTo: "2027-01-01T00:00:00", isValid: false }),
          sessionToken({ displayName: "ada-ssh-key", validTo: "2027-01-01T00:00:00", isPublic: true }),
        ],
        continuationToken: null,
      });
    }
    return json({
      value: [sessionToken({ displayName: null as unknown as string, validTo: "2027-02-01T00:00:00" })],
      continuationToken: null,
    });
  }) as typeof fetch;
}

function context(fetchImpl: typeof fetch) {
  const http = new HttpClient({ credential: basicPat("admin-pat-for-tests-0123456789"), fetch: fetchImpl, maxAttempts: 1 });
  return { http, endpoints: endpointsFromEnv({}), organization: "contoso" };
}

describe("expiry/collect: organization mode over the API module", () => {
  it("pages users and each user's PATs, keeps expired ones, drops revoked PATs and SSH keys, reports the unreadable user", async () => {
    const listed: string[] = [];
    const result = await collectOrganizationPats(context(scriptedFetch()), {
      shard: null,
      now: NOW,
      concurrency: 2,
      onUsersListed: (all, inShard) => listed.push(`${all}/${inShard}`),
    });
    assert.deepStrictEqual(listed, ["3/3"]);
    assert.deepStrictEqual(
      result.pats.map((p) => [p.owner?.principalName, p.displayName, p.validTo]),
      [
        ["ada@contoso.com", "ada-soon", "2026-11-24T23:30:00"],
        ["ada@contoso.com", "ada-expired", "2026-11-20T00:00:00"],
        ["bob@contoso.com", "", "2027-02-01T00:00:00"],
      ],
    );
    assert.strictEqual(result.usersScanned, 3);
    assert.deepStrictEqual(
      result.unreadableUsers.map((u) => u.owner.principalName),
      ["eve@contoso.com"],
    );
    assert.match(result.unreadableUsers[0].reason, /500/);
  });

  it("a 401 from Token Admin (not a token administrator) ends the scan with one error", async () => {
    await assert.rejects(collectOrganizationPats(context(scriptedFetch(401)), { shard: null, now: NOW, concurrency: 2 }), (e: unknown) => {
      assert.ok(e instanceof NotSignedInError);
      assert.match((e as Error).message, /token administrator/);
      return true;
    });
  });

  it("a shard scans only its users", async () => {
    const all = new Set<string>();
    for (const index of [1, 2]) {
      const r = await collectOrganizationPats(context(scriptedFetch()), { shard: { index, count: 2 }, now: NOW, concurrency: 2 });
      for (const p of r.pats) all.add(`${p.owner?.principalName}:${p.displayName}`);
      for (const u of r.unreadableUsers) all.add(u.owner.principalName);
    }
    assert.deepStrictEqual([...all].sort(), [
      "ada@contoso.com:ada-expired",
      "ada@contoso.com:ada-soon",
      "bob@contoso.com:",
      "eve@contoso.com",
    ]);
  });
});
