/** The emulator's PAT Lifecycle API (tokens/pats) against the official spec. */
import * as assert from "assert";
import type { PagedPatTokens, PatToken, PatTokenResult } from "../../src/api/model";
import { PATS_PATH, V71, startRawCallFixture, type Fixture } from "./fixture";
import { SpecValidators } from "./spec-schemas";
import { DAY_MS, daysFromNow } from "../support/days";

describe("emulator: tokens/pats (PAT Lifecycle API)", function () {
  let f: Fixture;
  let specs: SpecValidators;
  /** A fresh user per test keeps PAT sets apart; returns their id and token. */
  let counter = 0;
  const newUser = async () => {
    counter++;
    const u = await f.emu.addUser({
      displayName: `User ${counter}`,
      principalName: `user${counter}@contoso.com`,
      organizations: ["contoso"],
    });
    return { id: u.id, token: await f.emu.issueAccessToken(u.id) };
  };
  const list = async (token: string, query: Record<string, string> = {}) => {
    const r = await f.call(PATS_PATH, { token, query: { "api-version": V71, ...query } });
    assert.strictEqual(r.status, 200, r.text);
    const body = r.json<PagedPatTokens>();
    specs.assertValid("tokens71", "PagedPatTokens", body);
    return body;
  };
  const create = async (token: string, body: Record<string, unknown>, apiVersion = V71) => {
    const r = await f.call(PATS_PATH, { method: "POST", token, body, query: { "api-version": apiVersion } });
    assert.strictEqual(r.status, 200, r.text);
    return r.json<PatTokenResult>();
  };

  before(async () => {
    specs = new SpecValidators();
    f = await startRawCallFixture();
  });
  after(async () => f?.emu.stop());
  afterEach(async () => {
    await f.emu.setPolicy({ maxLifespanDays: null, blockFullScope: false, blockGlobal: false, clampLifespan: false });
    await f.emu.setNow(null);
  });

  it("create returns the secret once; get, list and update never do; all match the 7.1 spec", async () => {
    const u = await newUser();
    const created = await create(u.token, { displayName: "ci", scope: "vso.code vso.build", validTo: daysFromNow(30), allOrgs: false });
    specs.assertValid("tokens71", "PatTokenResult", created);
    assert.strictEqual(created.patTokenError, "none");
    const pat = created.patToken as PatToken;
    assert.match(pat.token ?? "", /^[a-z2-7]{52}$/);
    assert.deepStrictEqual(Object.keys(pat), [
      "displayName",
      "validTo",
      "scope",
      "targetAccounts",
      "validFrom",
      "authorizationId",
      "token",
    ]);
    assert.strictEqual(pat.targetAccounts?.length, 1);

    const got = await f.call(PATS_PATH, { token: u.token, query: { "api-version": V71, authorizationId: pat.authorizationId } });
    specs.assertValid("tokens71", "PatTokenResult", got.json());
    assert.strictEqual(got.json<PatTokenResult>().patToken?.token, null);
    assert.strictEqual((await list(u.token)).patTokens[0].token, null);
    const updated = await f.call(PATS_PATH, {
      method: "PUT",
      token: u.token,
      body: { authorizationId: pat.authorizationId, displayName: "ci-renamed" },
    });
    specs.assertValid("tokens71", "PatTokenResult", updated.json());
    assert.strictEqual(updated.json<PatTokenResult>().patToken?.token, null);
    const state = await f.emu.pats(u.id);
    assert.strictEqual(state[0].token, pat.token, "the emulator keeps the secret for tests");
  });

  it("writes dates with SQL datetime rounding, as the official examples show", async () => {
    await f.emu.setNow("2026-11-23T10:00:00.000Z");
    const u = await newUser();
    const created = await create(u.token, {
      displayName: "rounding",
      scope: "vso.code",
      validTo: "2026-12-01T23:46:23.319Z",
      allOrgs: false,
    });
    assert.strictEqual(created.patToken?.validTo, "2026-12-01T23:46:23.32Z");
    assert.match(created.patToken?.validFrom ?? "", /^2026-11-23T10:00:\d\d(\.\d{1,7})?Z$/);
  });

  it("pages with base64 row tokens, repeats the options, and ends with an empty token", async () => {
    const u = await newUser();
    for (let i = 0; i < 45; i++)
      await f.emu.addPat(u.id, { displayName: `pat-${String(i).padStart(2, "0")}`, validTo: daysFromNow(10 + i) });
    const first = await list(u.token);
    assert.strictEqual(first.patTokens.length, 20, "default $top is 20");
    assert.strictEqual(first.continuationToken, "MjEtcGF0YXBpdG9rZW4=");
    assert.strictEqual(Buffer.from(first.continuationToken, "base64").toString(), "21-patapitoken");
    const second = await list(u.token, { continuationToken: first.continuationToken });
    assert.strictEqual(Buffer.from(second.continuationToken, "base64").toString(), "41-patapitoken");
    const third = await list(u.token, { continuationToken: second.continuationToken });
    assert.strictEqual(third.patTokens.length, 5);
    assert.strictEqual(third.continuationToken, "");
    const names = [...first.patTokens, ...second.patTokens, ...third.patTokens].map((p) => p.displayName);
    assert.deepStrictEqual(
      names,
      Array.from({ length: 45 }, (_, i) => `pat-${String(i).padStart(2, "0")}`),
    );

    const exact = await list(u.token, { $top: "45" });
    assert.strictEqual(exact.patTokens.length, 45);
    assert.strictEqual(exact.continuationToken, "", "no further page when the last row was returned");
  });

  it("caps $top at 100 and refuses values below 1 and undecodable continuation tokens", async () => {
    const u = await newUser();
    for (let i = 0; i < 105; i++) await f.emu.addPat(u.id, { displayName: `bulk-${i}`, validTo: daysFromNow(20) });
    const page = await list(u.token, { $top: "500" });
    assert.strictEqual(page.patTokens.length, 100);
    assert.strictEqual(Buffer.from(page.continuationToken, "base64").toString(), "101-patapitoken");
    const zero = await f.call(PATS_PATH, { token: u.token, query: { "api-version": V71, $top: "0" } });
    assert.strictEqual(zero.status, 400);
    const bad = await f.call(PATS_PATH, { token: u.token, query: { "api-version": V71, continuationToken: "bm90LWEtdG9rZW4=" } });
    assert.strictEqual(bad.status, 400);
    assert.strictEqual(bad.json().typeKey, "ArgumentException");
  });

  it("filters active, expired, revoked and all (default active)", async () => {
    const u = await newUser();
    await f.emu.addPat(u.id, { displayName: "active", validTo: daysFromNow(5) });
    await f.emu.addPat(u.id, { displayName: "expired", validFrom: daysFromNow(-40), validTo: daysFromNow(-1) });
    await f.emu.addPat(u.id, { displayName: "revoked", validTo: daysFromNow(5), revoked: true });
    const names = async (filter?: string) =>
      (await list(u.token, filter ? { displayFilterOption: filter } : {})).patTokens.map((p) => p.displayName).sort();
    assert.deepStrictEqual(await names(), ["active"]);
    assert.deepStrictEqual(await names("active"), ["active"]);
    assert.deepStrictEqual(await names("expired"), ["expired"]);
    assert.deepStrictEqual(await names("Revoked"), ["revoked"], "enum values are case-insensitive");
    assert.deepStrictEqual(await names("all"), ["active", "expired", "revoked"]);
    const bad = await f.call(PATS_PATH, { token: u.token, query: { "api-version": V71, displayFilterOption: "soon" } });
    assert.strictEqual(bad.status, 400);
  });

  it("sorts by displayName, displayDate (validTo) and status, both directions", async () => {
    const u = await newUser();
    await f.emu.addPat(u.id, { displayName: "b", validTo: daysFromNow(30) });
    await f.emu.addPat(u.id, { displayName: "a", validTo: daysFromNow(60), revoked: true });
    await f.emu.addPat(u.id, { displayName: "c", validFrom: daysFromNow(-30), validTo: daysFromNow(-2) });
    await f.emu.addPat(u.id, { displayName: "D", validTo: daysFromNow(10) });
    const order = async (sortByOption: string, isSortAscending: string) =>
      (await list(u.token, { displayFilterOption: "all", sortByOption, isSortAscending })).patTokens.map((p) => p.displayName).join("");
    assert.strictEqual(await order("displayName", "true"), "abcD");
    assert.strictEqual(await order("displayName", "false"), "Dcba");
    assert.strictEqual(await order("displayDate", "true"), "cDba");
    assert.strictEqual(await order("displayDate", "false"), "abDc");
    assert.strictEqual(await order("status", "true"), "bDca");
    assert.strictEqual(await order("status", "false"), "acbD");
  });

  it("lists only the caller's PATs for this organization (and global ones)", async () => {
    await f.emu.addOrganization("fabrikam");
    const u = await f.emu.addUser({ displayName: "Two Orgs", principalName: "two@contoso.com", organizations: ["contoso", "fabrikam"] });
    const token = await f.emu.issueAccessToken(u.id);
    await f.emu.addPat(u.id, { displayName: "contoso-only", validTo: daysFromNow(5), organizations: ["contoso"] });
    await f.emu.addPat(u.id, { displayName: "fabrikam-only", validTo: daysFromNow(5), organizations: ["fabrikam"] });
    await f.emu.addPat(u.id, {
      displayName: "global",
      validFrom: "2026-02-01T00:00:00Z",
      validTo: daysFromNow(60),
      organizations: "global",
    });
    const names = (await list(token)).patTokens.map(
      (p) => `${p.displayName}:${p.targetAccounts === null ? "null" : p.targetAccounts.length}`,
    );
    assert.deepStrictEqual(names, ["contoso-only:1", "global:null"]);
    const other = await newUser();
    assert.deepStrictEqual((await list(other.token)).patTokens, []);
  });

  it("get answers tokenNotFound, invalidAuthorizationId and accessDenied inside HTTP 200", async () => {
    const u = await newUser();
    const other = await newUser();
    const theirs = await f.emu.addPat(other.id, { displayName: "theirs", validTo: daysFromNow(5) });
    const get = async (id: string) => {
      const r = await f.call(PATS_PATH, { token: u.token, query: { "api-version": V71, authorizationId: id } });
      assert.strictEqual(r.status, 200);
      specs.assertValid("tokens71", "PatTokenResult", r.json());
      return r.json<PatTokenResult>();
    };
    assert.deepStrictEqual(await get("00000000-0000-0000-0000-000000000001"), { patToken: null, patTokenError: "tokenNotFound" });
    assert.strictEqual((await get("not-a-guid")).patTokenError, "invalidAuthorizationId");
    assert.strictEqual((await get(theirs.authorizationId)).patTokenError, "accessDenied");
  });

  it("create validates name, scope and validTo (at most one year ahead)", async () => {
    const u = await newUser();
    const errorOf = async (body: Record<string, unknown>) =>
      (await create(u.token, { displayName: "x", scope: "vso.code", validTo: daysFromNow(10), allOrgs: false, ...body })).patTokenError;
    assert.strictEqual(await errorOf({ displayName: "" }), "displayNameRequired");
    assert.strictEqual(await errorOf({ displayName: "n".repeat(300) }), "invalidDisplayName");
    assert.strictEqual(await errorOf({ scope: "vso.code not a scope" }), "invalidScope");
    assert.strictEqual(await errorOf({ validTo: daysFromNow(-1) }), "invalidValidTo");
    assert.strictEqual(await errorOf({ validTo: "tomorrow" }), "invalidValidTo");
    assert.strictEqual(await errorOf({ validTo: daysFromNow(400) }), "invalidValidTo");
    assert.strictEqual(await errorOf({ validTo: daysFromNow(365) }), "none");
    assert.strictEqual(await errorOf({ allOrgs: "false" }), "none", "allOrgs as a string, as Microsoft's sample sends it");
    assert.strictEqual((await f.emu.pats(u.id)).length, 2, "refused creates leave nothing behind");
  });

  it("update keeps omitted fields, refuses revoked PATs and extending expired ones", async () => {
    const u = await newUser();
    const pat = await f.emu.addPat(u.id, { displayName: "keep", scope: "vso.build", validTo: daysFromNow(10) });
    const put = async (body: Record<string, unknown>) => {
      const r = await f.call(PATS_PATH, { method: "PUT", token: u.token, body });
      assert.strictEqual(r.status, 200, r.text);
      return r.json<PatTokenResult>();
    };
    const renamed = await put({ authorizationId: pat.authorizationId, displayName: "kept" });
    assert.strictEqual(renamed.patTokenError, "none");
    assert.deepStrictEqual(renamed.patToken, {
      displayName: "kept",
      validTo: pat.validTo,
      scope: pat.scope,
      targetAccounts: pat.targetAccounts,
      validFrom: pat.validFrom,
      authorizationId: pat.authorizationId,
      token: null,
    });
    const extended = await put({ authorizationId: pat.authorizationId, validTo: daysFromNow(50), scope: "vso.build vso.code" });
    assert.strictEqual(extended.patToken?.scope, "vso.build vso.code");
    assert.ok(Date.parse(extended.patToken?.validTo ?? "") > Date.now() + 49 * DAY_MS);

    const revoked = await f.emu.addPat(u.id, { displayName: "gone", validTo: daysFromNow(10), revoked: true });
    assert.deepStrictEqual(await put({ authorizationId: revoked.authorizationId, displayName: "back" }), {
      patToken: null,
      patTokenError: "invalidToken",
    });
    const expired = await f.emu.addPat(u.id, { displayName: "old", validFrom: daysFromNow(-30), validTo: daysFromNow(-1) });
    assert.strictEqual(
      (await put({ authorizationId: expired.authorizationId, validTo: daysFromNow(30) })).patTokenError,
      "expiredPatCannotBeExtended",
    );
    // Sprint 271: nothing about an expired PAT may change; the older rule (only a new validTo refused) and none are switches.
    assert.strictEqual(
      (await put({ authorizationId: expired.authorizationId, displayName: "renamed" })).patTokenError,
      "expiredPatCannotBeExtended",
    );
    await f.emu.setFidelity({ expiredPatUpdates: "refuseExtend" });
    assert.strictEqual((await put({ authorizationId: expired.authorizationId, displayName: "renamed" })).patTokenError, "none");
    assert.strictEqual(
      (await put({ authorizationId: expired.authorizationId, validTo: daysFromNow(30) })).patTokenError,
      "expiredPatCannotBeExtended",
    );
    await f.emu.setFidelity({ expiredPatUpdates: "allow" });
    assert.strictEqual((await put({ authorizationId: expired.authorizationId, validTo: daysFromNow(30) })).patTokenError, "none");
    await f.emu.setFidelity({ expiredPatUpdates: "refuse" });
    assert.strictEqual(
      (await put({ authorizationId: "00000000-0000-0000-0000-000000000002", displayName: "x" })).patTokenError,
      "tokenNotFound",
    );
    assert.strictEqual((await put({ displayName: "x" })).patTokenError, "invalidAuthorizationId");
  });

  it("extends up to a year from now, as a create (the old validFrom + 366 days rule is a switch)", async () => {
    const u = await newUser();
    const pat = await f.emu.addPat(u.id, { displayName: "aged", validFrom: daysFromNow(-200), validTo: daysFromNow(5) });
    const put = async (validTo: string) =>
      (
        await f.call(PATS_PATH, { method: "PUT", token: u.token, body: { authorizationId: pat.authorizationId, validTo } })
      ).json<PatTokenResult>().patTokenError;
    assert.strictEqual(await put(daysFromNow(367)), "invalidValidTo");
    assert.strictEqual(await put(daysFromNow(360)), "none", "200 days old, extended to 360 days from now");
    await f.emu.setFidelity({ extendLimit: "validFromPlus366" });
    assert.strictEqual(await put(daysFromNow(300)), "invalidValidTo");
    await f.emu.setFidelity({ extendLimit: "oneYearFromNow" });
  });

  it("revoke answers 204 (also when repeated), 404 for unknown ids, 400 for malformed ones", async () => {
    const u = await newUser();
    const pat = await f.emu.addPat(u.id, { displayName: "doomed", validTo: daysFromNow(10) });
    const del = (id: string) => f.call(PATS_PATH, { method: "DELETE", token: u.token, query: { "api-version": V71, authorizationId: id } });
    const first = await del(pat.authorizationId);
    assert.strictEqual(first.status, 204);
    assert.strictEqual(first.text, "");
    assert.strictEqual((await del(pat.authorizationId)).status, 204);
    assert.strictEqual((await f.emu.pats(u.id))[0].revoked, true);
    assert.deepStrictEqual(
      (await list(u.token, { displayFilterOption: "revoked" })).patTokens.map((p) => p.displayName),
      ["doomed"],
    );
    assert.strictEqual((await del("00000000-0000-0000-0000-000000000003")).status, 404);
    assert.strictEqual((await del("nope")).status, 400);
  });

  it("tenant policies: full scope, maximum lifespan (refuse or clamp), global PATs", async () => {
    const u = await newUser();
    const body = { displayName: "p", scope: "vso.code", validTo: daysFromNow(100), allOrgs: false };
    await f.emu.setPolicy({ blockFullScope: true });
    assert.strictEqual((await create(u.token, { ...body, scope: "app_token" })).patTokenError, "fullScopePatPolicyViolation");
    await f.emu.setPolicy({ blockFullScope: false, maxLifespanDays: 30 });
    assert.strictEqual((await create(u.token, body)).patTokenError, "patLifespanPolicyViolation");
    await f.emu.setPolicy({ clampLifespan: true });
    const clamped = await create(u.token, body, "7.2-preview.1");
    specs.assertValid("tokens72", "PatTokenResult", clamped);
    assert.strictEqual(clamped.patTokenError, "none");
    assert.strictEqual(clamped.patTokenErrorMessage, null);
    const days = (Date.parse(clamped.patToken?.validTo ?? "") - Date.parse(clamped.patToken?.validFrom ?? "")) / DAY_MS;
    assert.ok(Math.abs(days - 30) < 0.001, `clamped to 30 days, got ${days}`);
    // On update the clamp counts from the PAT's creation date.
    const old = await f.emu.addPat(u.id, { displayName: "older", validFrom: daysFromNow(-20), validTo: daysFromNow(5) });
    const r = await f.call(PATS_PATH, {
      method: "PUT",
      token: u.token,
      body: { authorizationId: old.authorizationId, validTo: daysFromNow(200) },
    });
    const updatedDays = (Date.parse(r.json<PatTokenResult>().patToken?.validTo ?? "") - Date.parse(old.validFrom)) / DAY_MS;
    assert.ok(Math.abs(updatedDays - 30) < 0.001, `update clamped to creation + 30 days, got ${updatedDays}`);

    await f.emu.setPolicy({ maxLifespanDays: null, blockGlobal: true });
    assert.strictEqual((await create(u.token, { ...body, allOrgs: true })).patTokenError, "globalPatPolicyViolation");
  });

  it("refuses global PATs from 2026-03-15 (globalPATCreationBlocked) and creates them before", async () => {
    await f.emu.setNow("2026-11-23T12:00:00Z");
    const u = await newUser();
    const blocked = await create(
      u.token,
      { displayName: "g", scope: "vso.code", validTo: "2027-01-01T00:00:00Z", allOrgs: true },
      "7.2-preview.1",
    );
    specs.assertValid("tokens72", "PatTokenResult", blocked);
    assert.strictEqual(blocked.patTokenError, "globalPATCreationBlocked");
    assert.strictEqual(typeof blocked.patTokenErrorMessage, "string");
    const orgPat = await f.emu.addPat(u.id, { displayName: "org", validTo: "2027-01-01T00:00:00Z" });
    const widen = await f.call(PATS_PATH, {
      method: "PUT",
      token: u.token,
      body: { authorizationId: orgPat.authorizationId, allOrgs: true },
    });
    assert.strictEqual(widen.json<PatTokenResult>().patTokenError, "globalPATCreationBlocked");

    await f.emu.setNow("2026-02-01T12:00:00Z");
    const token = await f.emu.issueAccessToken(u.id);
    const made = await create(token, { displayName: "g", scope: "vso.code", validTo: "2026-06-01T00:00:00Z", allOrgs: true });
    assert.strictEqual(made.patTokenError, "none");
    assert.strictEqual(made.patToken?.targetAccounts, null);
  });

  it("matches paths and query names case-insensitively, as Azure DevOps routing does", async () => {
    const u = await newUser();
    await f.emu.addPat(u.id, { displayName: "case", validTo: daysFromNow(5) });
    const r = await f.call("/CONTOSO/_apis/Tokens/Pats", { token: u.token, query: { "API-VERSION": "6.1-preview", $TOP: "1" } });
    assert.strictEqual(r.status, 200, r.text);
    assert.strictEqual(r.json<PagedPatTokens>().patTokens.length, 1);
  });

  it("answers 400 to a missing or malformed JSON body", async () => {
    const u = await newUser();
    const empty = await f.call(PATS_PATH, { method: "POST", token: u.token, body: "" });
    assert.strictEqual(empty.status, 400);
    assert.strictEqual(empty.json().typeKey, "ArgumentNullException");
    const broken = await f.call(PATS_PATH, { method: "POST", token: u.token, body: "{not json" });
    assert.strictEqual(broken.status, 400);
    assert.strictEqual(broken.json().typeKey, "JsonReaderException");
    assert.match(String(broken.json().message), /^TF400898: An Internal Error Occurred/);
  });
});
