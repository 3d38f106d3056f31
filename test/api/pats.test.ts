/** PAT Lifecycle functions over real sockets against the emulator: paging, filters, sorts, CRUD, lost answers. */
import * as assert from "assert";
import type { OrgContext } from "../../src/api/context";
import { CreateOutcomeUnknownError, PatTokenApiError, VssApiError } from "../../src/api/errors";
import { bearer } from "../../src/api/credential";
import type { DisplayFilterOption, PatToken, SortByOption } from "../../src/api/model";
import { createPat, getPat, iteratePatPages, listAllPats, listPats, revokePat, updatePat } from "../../src/api/pats";
import type { EmuUser } from "../emulator/client";
import { assertNoSecrets } from "../support/secrets";
import { ORG, startWorld, type World } from "./emulator-world";
import { daysFromNow } from "../support/days";
import { rejectionOf } from "../support/rejection";
import { resetEmulator } from "../support/seeded-emulator";

describe("api/pats against the emulator", function () {
  this.timeout(60_000);
  let w: World;
  let n = 0;
  before(async () => (w = await startWorld()));
  after(async () => w?.emu.stop());
  beforeEach(async () => {
    await resetEmulator(w.emu);
    w.sleeps.length = 0;
  });

  /** A user of their own per test, so PAT lists do not mix. */
  async function freshUser(): Promise<{ user: EmuUser; ctx: OrgContext; token: string }> {
    n++;
    const user = await w.emu.addUser({ displayName: `User ${n}`, principalName: `user${n}@contoso.test`, organizations: [ORG] });
    const token = await w.emu.issueAccessToken(user.id);
    return { user, token, ctx: w.orgCtx(w.client(bearer(() => token))) };
  }

  it("pages through 45 PATs, sending the same options on every request until the token is ''", async () => {
    const { user, ctx } = await freshUser();
    for (let i = 0; i < 45; i++)
      await w.emu.addPat(user.id, { displayName: `pat-${String(i).padStart(2, "0")}`, validTo: daysFromNow(10 + i) });
    await w.emu.clearRequests();
    const pages: PatToken[][] = [];
    for await (const page of iteratePatPages(ctx, {
      displayFilterOption: "all",
      sortByOption: "displayName",
      isSortAscending: false,
      top: 10,
    }))
      pages.push(page);
    assert.deepStrictEqual(
      pages.map((p) => p.length),
      [10, 10, 10, 10, 5],
    );
    const names = pages.flat().map((p) => p.displayName);
    assert.strictEqual(new Set(names).size, 45);
    assert.deepStrictEqual(names, [...names].sort().reverse());
    const log = await w.logged(/\/_apis\/tokens\/pats$/i);
    assert.strictEqual(log.length, 5);
    for (const [i, r] of log.entries()) {
      assert.strictEqual(r.method, "GET");
      assert.strictEqual(r.status, 200);
      const { continuationToken, ...options } = r.query;
      assert.deepStrictEqual(options, {
        displayFilterOption: "all",
        sortByOption: "displayName",
        isSortAscending: "false",
        $top: "10",
        "api-version": "7.1-preview.1",
      });
      if (i === 0) assert.strictEqual(continuationToken, undefined);
      else assert.ok(continuationToken && continuationToken.length > 0, `page ${i + 1} carries the continuation token`);
      assert.strictEqual(r.headers["x-tfs-fedauthredirect"], "Suppress");
      assert.strictEqual(r.headers.authorization, "Bearer");
    }
    assert.strictEqual((await listAllPats(ctx, { displayFilterOption: "all", top: 7 })).length, 45);
  });

  it("lists with every displayFilterOption", async () => {
    const { user, ctx } = await freshUser();
    await w.emu.addPat(user.id, { displayName: "active-1", validTo: daysFromNow(30) });
    await w.emu.addPat(user.id, { displayName: "active-2", validTo: daysFromNow(60) });
    await w.emu.addPat(user.id, { displayName: "expired-1", validFrom: daysFromNow(-40), validTo: daysFromNow(-2) });
    await w.emu.addPat(user.id, { displayName: "revoked-1", validTo: daysFromNow(30), revoked: true });
    const expected: Record<DisplayFilterOption, string[]> = {
      active: ["active-1", "active-2"],
      expired: ["expired-1"],
      revoked: ["revoked-1"],
      all: ["active-1", "active-2", "expired-1", "revoked-1"],
    };
    for (const [filter, names] of Object.entries(expected) as Array<[DisplayFilterOption, string[]]>) {
      const got = (await listAllPats(ctx, { displayFilterOption: filter })).map((p) => p.displayName).sort();
      assert.deepStrictEqual(got, names, `displayFilterOption=${filter}`);
    }
    // The service's default is "active".
    assert.deepStrictEqual((await listPats(ctx)).patTokens.map((p) => p.displayName).sort(), ["active-1", "active-2"]);
    const log = await w.logged(/\/_apis\/tokens\/pats$/i);
    assert.deepStrictEqual(
      log.map((r) => r.query.displayFilterOption),
      ["active", "expired", "revoked", "all", undefined],
    );
  });

  it("sorts by every sortByOption, both directions", async () => {
    const { user, ctx } = await freshUser();
    await w.emu.addPat(user.id, { displayName: "b-expired", validFrom: daysFromNow(-50), validTo: daysFromNow(-1) });
    await w.emu.addPat(user.id, { displayName: "c-active", validTo: daysFromNow(90) });
    await w.emu.addPat(user.id, { displayName: "a-revoked", validTo: daysFromNow(20), revoked: true });
    await w.emu.addPat(user.id, { displayName: "d-active", validTo: daysFromNow(5) });
    const order = async (sortByOption: SortByOption, isSortAscending: boolean) =>
      (await listAllPats(ctx, { displayFilterOption: "all", sortByOption, isSortAscending })).map((p) => p.displayName);
    assert.deepStrictEqual(await order("displayName", true), ["a-revoked", "b-expired", "c-active", "d-active"]);
    assert.deepStrictEqual(await order("displayName", false), ["d-active", "c-active", "b-expired", "a-revoked"]);
    assert.deepStrictEqual(await order("displayDate", true), ["b-expired", "d-active", "a-revoked", "c-active"]);
    assert.deepStrictEqual(await order("displayDate", false), ["c-active", "a-revoked", "d-active", "b-expired"]);
    const byStatus = await order("status", true);
    assert.deepStrictEqual(byStatus.slice(2), ["b-expired", "a-revoked"]);
    assert.deepStrictEqual(byStatus.slice(0, 2).sort(), ["c-active", "d-active"]);
    assert.deepStrictEqual((await order("status", false))[0], "a-revoked");
    const log = await w.logged(/\/_apis\/tokens\/pats$/i);
    assert.deepStrictEqual(
      log.map((r) => `${r.query.sortByOption}:${r.query.isSortAscending}`),
      ["displayName:true", "displayName:false", "displayDate:true", "displayDate:false", "status:true", "status:false"],
    );
  });

  it("creates (token only in the create answer), gets, updates (PUT) and revokes (204)", async () => {
    const { ctx, token } = await freshUser();
    const created = await createPat(ctx, { displayName: "deploy", scope: "vso.code vso.build", validTo: daysFromNow(30), allOrgs: false });
    assert.ok(created.token && created.token.length >= 52, "the create answer carries the secret");
    assert.deepStrictEqual(created.targetAccounts?.length, 1);
    const got = await getPat(ctx, created.authorizationId);
    assert.strictEqual(got.displayName, "deploy");
    assert.strictEqual(got.token, null);
    const updated = await updatePat(ctx, { authorizationId: created.authorizationId, displayName: "deploy-2", validTo: daysFromNow(60) });
    assert.strictEqual(updated.displayName, "deploy-2");
    assert.strictEqual(updated.scope, "vso.code vso.build");
    await revokePat(ctx, created.authorizationId);
    const log = await w.logged(/\/_apis\/tokens\/pats$/i);
    assert.deepStrictEqual(
      log.map((r) => `${r.method} ${r.status}`),
      ["POST 200", "GET 200", "PUT 200", "DELETE 204"],
    );
    assert.strictEqual(log[1].query.authorizationId, created.authorizationId);
    assert.strictEqual(log[3].query.authorizationId, created.authorizationId);
    const revoked = (await w.emu.pats()).find((p) => p.authorizationId === created.authorizationId);
    assert.strictEqual(revoked?.revoked, true);
    const e = await rejectionOf(updatePat(ctx, { authorizationId: created.authorizationId, validTo: daysFromNow(90) }));
    assert.ok(e instanceof PatTokenApiError);
    assert.strictEqual(e.code, "invalidToken");
    assert.strictEqual(
      e.message,
      `Could not update the PAT ${created.authorizationId}: the PAT is no longer valid (it was revoked), so it cannot be changed. (patTokenError: invalidToken)`,
    );
    assertNoSecrets([e.message], [token, created.token]);
  });

  it("maps patTokenError answers (HTTP 200) to PatTokenApiError with their sentence", async () => {
    const { ctx } = await freshUser();
    const unknown = await rejectionOf(getPat(ctx, "11111111-2222-4333-8444-555555555555"));
    assert.ok(unknown instanceof PatTokenApiError);
    assert.strictEqual(unknown.code, "tokenNotFound");
    assert.strictEqual(
      unknown.message,
      "Could not get the PAT 11111111-2222-4333-8444-555555555555: no PAT with this authorizationId exists for the signed-in user. (patTokenError: tokenNotFound)",
    );
    const malformed = await rejectionOf(getPat(ctx, "not-a-guid"));
    assert.ok(malformed instanceof PatTokenApiError);
    assert.strictEqual(
      malformed.message,
      "Could not get the PAT not-a-guid: the authorizationId is not a valid identifier (a GUID is expected). (patTokenError: invalidAuthorizationId)",
    );
  });

  it("names the policy when a tenant policy refuses a create", async () => {
    const { ctx } = await freshUser();
    try {
      await w.emu.setPolicy({ blockFullScope: true, blockGlobal: true, maxLifespanDays: 30 });
      const cases: Array<[Parameters<typeof createPat>[1], string, string]> = [
        [
          { displayName: "full", scope: "app_token", validTo: daysFromNow(10), allOrgs: false },
          "fullScopePatPolicyViolation",
          "the organization's 'Restrict full-scoped PAT creation' policy forbids full access (app_token): choose specific scopes.",
        ],
        [
          { displayName: "global", scope: "vso.code", validTo: daysFromNow(10), allOrgs: true },
          "globalPatPolicyViolation",
          "the organization's 'Restrict global PAT creation' policy forbids PATs valid in all organizations: create it for this organization only (allOrgs false).",
        ],
        [
          { displayName: "long", scope: "vso.code", validTo: daysFromNow(200), allOrgs: false },
          "patLifespanPolicyViolation",
          "the organization's 'Enforce maximum PAT lifespan' policy forbids this expiration date: choose a shorter lifetime.",
        ],
      ];
      for (const [req, code, sentence] of cases) {
        const e = await rejectionOf(createPat(ctx, req));
        assert.ok(e instanceof PatTokenApiError, `${req.displayName}: ${e.message}`);
        assert.strictEqual(e.code, code);
        assert.strictEqual(e.message, `Could not create the PAT '${req.displayName}': ${sentence} (patTokenError: ${code})`);
      }
    } finally {
      await w.emu.setPolicy({ blockFullScope: false, blockGlobal: false, maxLifespanDays: null });
    }
  });

  it("a create whose answer is lost: no second PAT, CreateOutcomeUnknownError carries the one created", async () => {
    const { user, ctx, token } = await freshUser();
    // An older PAT of the same name (a rotation keeps the name) must not be mistaken for the new one.
    const old = await w.emu.addPat(user.id, {
      displayName: "build-agent",
      scope: "vso.code",
      validFrom: daysFromNow(-20),
      validTo: daysFromNow(10),
    });
    await w.emu.addFault({ method: "POST", path: "/_apis/tokens/pats$", kind: "commitThenDrop", times: 1 });
    await w.emu.clearRequests();
    const e = await rejectionOf(
      createPat(ctx, { displayName: "build-agent", scope: "vso.code", validTo: daysFromNow(30), allOrgs: false }),
    );
    assert.ok(e instanceof CreateOutcomeUnknownError, e.message);
    const mine = (await w.emu.pats(user.id)).filter((p) => p.displayName === "build-agent");
    assert.strictEqual(mine.length, 2, "exactly one new PAT exists besides the old one");
    const created = mine.find((p) => p.authorizationId !== old.authorizationId);
    assert.strictEqual(e.found?.authorizationId, created?.authorizationId);
    assert.strictEqual(e.found?.token, null);
    assert.match(
      e.message,
      new RegExp(
        `^The answer to creating the PAT 'build-agent' was lost \\(Could not reach Azure DevOps to create the PAT 'build-agent': fetch failed: .+\\), ` +
          `but Azure DevOps did create it: authorizationId ${created?.authorizationId}, valid to .+\\. Its secret was only in the lost answer and ` +
          "cannot be read again: revoke this PAT and create a new one\\. No second PAT was created\\.$",
      ),
    );
    const posts = (await w.logged(/\/_apis\/tokens\/pats$/i)).filter((r) => r.method === "POST");
    assert.strictEqual(posts.length, 1, "the create was never resent");
    assertNoSecrets([e.message, String(e.stack)], [token, created?.token]);
  });

  it("finds the lost create by its validTo when the service's clock is not ours", async () => {
    const { user } = await freshUser();
    await w.emu.setNow("2026-03-01T08:00:00Z");
    try {
      // A token issued on the emulator's clock, so it is valid in its March.
      const token = await w.emu.issueAccessToken(user.id);
      const ctx = w.orgCtx(w.client(bearer(() => token)));
      await w.emu.addFault({ method: "POST", path: "/_apis/tokens/pats$", kind: "commitThenDrop", times: 1 });
      const e = await rejectionOf(
        createPat(ctx, { displayName: "nightly", scope: "vso.build", validTo: "2026-03-20T00:00:00.000Z", allOrgs: false }),
      );
      assert.ok(e instanceof CreateOutcomeUnknownError, e.message);
      assert.strictEqual((await w.emu.pats(user.id)).length, 1);
      assert.strictEqual(e.found?.displayName, "nightly");
    } finally {
      await w.emu.setNow(null);
    }
  });

  it("resends a create once when the failed attempt provably created nothing (503)", async () => {
    const { user, ctx } = await freshUser();
    await w.emu.addFault({ method: "POST", path: "/_apis/tokens/pats$", kind: "status", status: 503, times: 1 });
    const created = await createPat(ctx, { displayName: "retry-me", scope: "vso.code", validTo: daysFromNow(30), allOrgs: false });
    assert.ok(created.token);
    assert.strictEqual((await w.emu.pats(user.id)).length, 1);
    const log = await w.logged(/\/_apis\/tokens\/pats$/i);
    assert.deepStrictEqual(
      log.map((r) => `${r.method} ${r.status}`),
      ["POST 503", "GET 200", "POST 200"],
    );
  });

  it("does not resend a timed-out create: the outcome is reported unknown", async () => {
    const { user, token } = await freshUser();
    const sent: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      sent.push(init?.method ?? "GET");
      return globalThis.fetch(input, init);
    };
    const ctx = w.orgCtx(
      w.client(
        bearer(() => token),
        { timeoutMs: 300, fetch: countingFetch },
      ),
    );
    await w.emu.addFault({ method: "POST", path: "/_apis/tokens/pats$", kind: "latency", ms: 1500, times: 1 });
    const e = await rejectionOf(createPat(ctx, { displayName: "slow", scope: "vso.code", validTo: daysFromNow(30), allOrgs: false }));
    assert.ok(e instanceof CreateOutcomeUnknownError);
    assert.strictEqual(e.found, undefined);
    assert.strictEqual(
      e.message,
      "Creating the PAT 'slow' got no answer (Azure DevOps did not answer the request to create the PAT 'slow' within 300 ms. Check the " +
        "network and proxy, or try again later.) and no such PAT has appeared yet; Azure DevOps may still create it. Check the list of PATs " +
        "before trying again, so as not to create a second one.",
    );
    assert.deepStrictEqual(sent, ["POST", "GET"], "one POST, then one lookup; never a second POST");
    await new Promise((resolve) => setTimeout(resolve, 1600));
    assert.ok((await w.emu.pats(user.id)).length <= 1, "never two PATs");
  });

  it("a lost create whose lookup fails too is still reported as an unknown outcome, not resent", async () => {
    const { user, token } = await freshUser();
    const ctx = w.orgCtx(
      w.client(
        bearer(() => token),
        { maxAttempts: 1 },
      ),
    );
    await w.emu.addFault({ method: "POST", path: "/_apis/tokens/pats$", kind: "commitThenDrop", times: 1 });
    await w.emu.addFault({ method: "GET", path: "/_apis/tokens/pats$", kind: "drop", times: 1 });
    const e = await rejectionOf(createPat(ctx, { displayName: "blind", scope: "vso.code", validTo: daysFromNow(30), allOrgs: false }));
    assert.ok(e instanceof CreateOutcomeUnknownError, e.message);
    assert.strictEqual(e.found, undefined);
    assert.match(
      e.message,
      /^Creating the PAT 'blind' got no answer \(Could not reach Azure DevOps to create the PAT 'blind': .+\), and looking for it failed too \(Could not reach Azure DevOps to list PATs: .+\); Azure DevOps may have created it\. Check the list of PATs before trying again, so as not to create a second one\.$/,
    );
    assert.strictEqual((await w.emu.pats(user.id)).length, 1, "the one dropped POST was applied, and nothing was resent");
  });

  it("revoking an unknown PAT says what the service said", async () => {
    const { ctx } = await freshUser();
    const e = await rejectionOf(revokePat(ctx, "11111111-2222-4333-8444-555555555555"));
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(e.status, 404);
    assert.match(
      e.message,
      /^Azure DevOps refused to revoke the PAT 11111111-2222-4333-8444-555555555555 \(HTTP 404 SessionTokenNotFoundException\): /,
    );
  });
});
