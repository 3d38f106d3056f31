/** The emulator's tokenadmin, graph, profile, accounts, connectionData and variable-group routes. */
import * as assert from "assert";
import type { TokenAdminPagedSessionTokens, VariableGroup } from "../../src/api/model";
import { basicAuthorizationHeader, startRawCallFixture, type Fixture } from "./fixture";
import { SpecValidators } from "./spec-schemas";
import { daysFromNow } from "../support/days";

describe("emulator: tokenadmin, graph, profile, accounts, connectionData, variable groups", function () {
  let f: Fixture;
  let specs: SpecValidators;
  before(async () => {
    specs = new SpecValidators();
    f = await startRawCallFixture();
  });
  after(async () => f?.emu.stop());

  describe("tokenadmin", function () {
    it("lists a user's PATs in pages with GUID continuation tokens, null at the end, per the 7.1 spec", async () => {
      const bob = await f.emu.addUser({ displayName: "Bob", principalName: "bob@contoso.com", organizations: ["contoso"] });
      for (let i = 0; i < 5; i++) await f.emu.addPat(bob.id, { displayName: `bob-${i}`, validTo: daysFromNow(10 + i) });
      await f.emu.addPat(bob.id, { displayName: "bob-revoked", validTo: daysFromNow(10), revoked: true });
      const expired = await f.emu.addPat(bob.id, { displayName: "bob-expired", validFrom: daysFromNow(-20), validTo: daysFromNow(-1) });
      const path = `/contoso/_apis/tokenadmin/personalaccesstokens/${bob.descriptor}`;
      const seen: string[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string> = { "api-version": "7.1", pageSize: "2", ...(token ? { continuationToken: token } : {}) };
        const r = await f.call(path, { query });
        assert.strictEqual(r.status, 200, r.text);
        const body = r.json<TokenAdminPagedSessionTokens>();
        specs.assertValid("tokenadmin71", "TokenAdminPagedSessionTokens", body);
        seen.push(...body.value.map((t) => t.displayName ?? ""));
        token = body.continuationToken;
        if (token) assert.match(token, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        pages++;
      } while (token);
      assert.strictEqual(pages, 3);
      assert.deepStrictEqual(seen.sort(), ["bob-0", "bob-1", "bob-2", "bob-3", "bob-4", "bob-expired"]);
      const all = (await f.call(path, { query: { "api-version": "7.1" } })).json<TokenAdminPagedSessionTokens>();
      const e = all.value.find((t) => t.authorizationId === expired.authorizationId);
      assert.strictEqual(e?.isValid, false);
      assert.doesNotMatch(e?.validTo ?? "", /Z$/, "tokenadmin dates carry no zone");
    });

    it("answers 401 to a caller who is not a token administrator, and to a PAT without vso.tokenadministration", async () => {
      const carol = await f.emu.addUser({ displayName: "Carol", principalName: "carol@contoso.com", organizations: ["contoso"] });
      const path = `/contoso/_apis/tokenadmin/personalaccesstokens/${f.ada.descriptor}`;
      const r = await f.call(path, { token: await f.emu.issueAccessToken(carol.id), query: { "api-version": "7.1" } });
      assert.strictEqual(r.status, 401);
      const statusWithPat = async (pat: string) =>
        (await f.call(path, { token: null, headers: { authorization: basicAuthorizationHeader(pat) }, query: { "api-version": "7.1" } }))
          .status;
      const weak = await f.emu.addPat(f.ada.id, { displayName: "weak", scope: "vso.code", validTo: daysFromNow(5) });
      assert.strictEqual(await statusWithPat(weak.token), 401);
      const admin = await f.emu.addPat(f.ada.id, {
        displayName: "admin",
        scope: "vso.tokenadministration vso.graph",
        validTo: daysFromNow(5),
      });
      assert.strictEqual(await statusWithPat(admin.token), 200);
      assert.strictEqual(
        (await f.call("/contoso/_apis/tokenadmin/personalaccesstokens/aad.bm9ib2R5", { query: { "api-version": "7.1" } })).status,
        404,
      );
      assert.strictEqual(
        (await f.call("/contoso/_apis/tokenadmin/personalaccesstokens/garbage!", { query: { "api-version": "7.1" } })).status,
        400,
      );
    });

    it("revokes authorizations with 204", async () => {
      const dan = await f.emu.addUser({ displayName: "Dan", principalName: "dan@contoso.com", organizations: ["contoso"] });
      const pat = await f.emu.addPat(dan.id, { displayName: "leaked", validTo: daysFromNow(5) });
      const r = await f.call("/contoso/_apis/tokenadmin/revocations", {
        method: "POST",
        body: [{ authorizationId: pat.authorizationId }],
        query: { "api-version": "7.1", isPublic: "false" },
      });
      assert.strictEqual(r.status, 204);
      assert.strictEqual((await f.emu.pats(dan.id))[0].revoked, true);
      const bad = await f.call("/contoso/_apis/tokenadmin/revocations", { method: "POST", body: [{}], query: { "api-version": "7.1" } });
      assert.strictEqual(bad.status, 400);
      const rule = await f.call("/contoso/_apis/tokenadmin/revocationrules", {
        method: "POST",
        body: { scopes: "vso.code" },
        query: { "api-version": "7.1" },
      });
      assert.strictEqual(rule.status, 201);
    });
  });

  describe("graph users", function () {
    it("answers {count, value} with the next page in X-MS-ContinuationToken, GraphUser per the spec", async () => {
      await f.emu.configure({ graphPageSize: 2 });
      try {
        const names: string[] = [];
        let token: string | null = null;
        let pages = 0;
        do {
          const query: Record<string, string> = {
            "api-version": "7.1-preview.1",
            subjectTypes: "aad,msa",
            ...(token ? { continuationToken: token } : {}),
          };
          const r = await f.call("/contoso/_apis/graph/users", { query });
          assert.strictEqual(r.status, 200, r.text);
          specs.assertValid("graphUsersPage", undefined, r.json());
          const body = r.json<{ count: number; value: Array<{ principalName: string; descriptor: string }> }>();
          assert.strictEqual(body.count, body.value.length);
          names.push(...body.value.map((u) => u.principalName));
          token = r.headers.get("x-ms-continuationtoken");
          pages++;
        } while (token);
        assert.ok(pages >= 2, "several pages");
        assert.ok(names.includes("ada@contoso.com"));
        assert.strictEqual(new Set(names).size, names.length, "no user twice");
      } finally {
        await f.emu.configure({ graphPageSize: 100 });
      }
    });
  });

  describe("profile and accounts", function () {
    it("tells the signed-in user's id and organizations", async () => {
      await f.emu.addOrganization("fabrikam");
      const eve = await f.emu.addUser({ displayName: "Eve", principalName: "eve@contoso.com", organizations: ["contoso", "fabrikam"] });
      const token = await f.emu.issueAccessToken(eve.id);
      const me = await f.call("/_apis/profile/profiles/me", { token, query: { "api-version": "7.1-preview.3" } });
      assert.strictEqual(me.status, 200, me.text);
      assert.strictEqual(me.json().id, eve.id);
      assert.strictEqual(me.json().emailAddress, "eve@contoso.com");
      const accounts = await f.call("/_apis/accounts", { token, query: { "api-version": "7.1", memberId: eve.id } });
      const body = accounts.json<{ count: number; value: Array<{ accountName: string; accountUri: string }> }>();
      assert.deepStrictEqual(body.value.map((a) => a.accountName).sort(), ["contoso", "fabrikam"]);
      assert.strictEqual(body.value.find((a) => a.accountName === "contoso")?.accountUri, `${f.emu.vsspsUrl}/contoso/`);
      assert.strictEqual((await f.call("/_apis/accounts", { token, query: { "api-version": "7.1" } })).status, 400);
    });
  });

  describe("connectionData", function () {
    it("names the identity behind a PAT, an Entra token and a job token", async () => {
      const path = "/contoso/_apis/connectionData";
      const pat = await f.emu.addPat(f.ada.id, { displayName: "cd", scope: "vso.profile", validTo: daysFromNow(5) });
      const viaPat = await f.call(path, {
        base: f.emu.devopsUrl,
        token: null,
        headers: { authorization: basicAuthorizationHeader(pat.token) },
        query: {},
      });
      assert.strictEqual(viaPat.status, 200, viaPat.text);
      assert.deepStrictEqual(
        [
          viaPat.json<{ authenticatedUser: { id: string; providerDisplayName: string } }>().authenticatedUser.id,
          viaPat.json<{ authenticatedUser: { providerDisplayName: string } }>().authenticatedUser.providerDisplayName,
        ],
        [f.ada.id, "Ada Lovelace"],
      );
      const viaBearer = await f.call(path, { base: f.emu.devopsUrl, query: {} });
      assert.strictEqual(viaBearer.json<{ authenticatedUser: { id: string } }>().authenticatedUser.id, f.ada.id);
      const job = await f.emu.issueJobToken("contoso", { variableGroupAdmin: false });
      const viaJob = await f.call(path, { base: f.emu.devopsUrl, token: job, query: {} });
      assert.match(
        viaJob.json<{ authenticatedUser: { providerDisplayName: string } }>().authenticatedUser.providerDisplayName,
        /^Project Collection Build Service \(contoso\)$/,
      );
      const none = await f.call(path, { base: f.emu.devopsUrl, token: null, headers: { "X-TFS-FedAuthRedirect": "Suppress" }, query: {} });
      assert.strictEqual(none.status, 401);
    });
  });

  describe("variable groups", function () {
    const vgPath = (id?: number) => `/contoso/PatOps/_apis/distributedtask/variablegroups${id ? `/${id}` : ""}`;

    it("hides secret values, refuses updates without the Administrator role, keeps untouched secrets", async () => {
      const { id } = await f.emu.addVariableGroup("contoso", "PatOps", {
        name: "creds",
        variables: {
          refreshToken: { value: "rt-old-value-123", isSecret: true },
          other: { value: "keep-me-secret", isSecret: true },
          tenant: { value: "t-1" },
        },
      });
      const reader = await f.emu.issueJobToken("contoso", { variableGroupAdmin: false });
      const list = await f.call(vgPath(), { base: f.emu.devopsUrl, token: reader, query: { "api-version": "7.1", groupName: "cre*" } });
      assert.strictEqual(list.status, 200, list.text);
      const group = list.json<{ count: number; value: VariableGroup[] }>().value[0];
      assert.strictEqual(group.id, id);
      assert.deepStrictEqual(group.variables.refreshToken, { isSecret: true, value: null });
      assert.deepStrictEqual(group.variables.tenant, { value: "t-1" });

      const body = { ...group, variables: { ...group.variables, refreshToken: { value: "rt-new-value-456", isSecret: true } } };
      const putGroup = (token: string) => f.devopsPut(`/contoso/_apis/distributedtask/variablegroups/${id}`, token, body);
      const denied = await putGroup(reader);
      assert.strictEqual(denied.status, 403);
      assert.match(String(denied.json().message), /needs Administrator permissions/);
      assert.strictEqual((await f.emu.variableGroup("contoso", id)).secrets.refreshToken, "rt-old-value-123");

      const admin = await f.emu.issueJobToken("contoso", { variableGroupAdmin: true });
      const ok = await putGroup(admin);
      assert.strictEqual(ok.status, 200, ok.text);
      assert.deepStrictEqual(ok.json<VariableGroup>().variables.refreshToken, { isSecret: true, value: null });
      const stored = await f.emu.variableGroup("contoso", id);
      assert.deepStrictEqual(stored.secrets, { refreshToken: "rt-new-value-456", other: "keep-me-secret" });

      const single = await f.call(vgPath(id), { base: f.emu.devopsUrl, token: reader, query: { "api-version": "7.1" } });
      assert.strictEqual(single.json<VariableGroup>().name, "creds");
      assert.strictEqual(
        (await f.call(vgPath(9999), { base: f.emu.devopsUrl, token: reader, query: { "api-version": "7.1" } })).status,
        404,
      );
    });
  });
});
