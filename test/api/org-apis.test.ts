/** Token Admin, Graph, profile/accounts, connectionData and variable groups against the emulator. */
import * as assert from "assert";
import { getConnectionData } from "../../src/api/connection";
import { ApiError, NotSignedInError } from "../../src/api/errors";
import { iterateUserPages, listUsers } from "../../src/api/graph";
import { basicPat, bearer } from "../../src/api/credential";
import { getMyProfile, listMyAccounts } from "../../src/api/profile";
import { iterateUserPatsAdmin, listUserPatsAdmin, revokeAuthorizationsAdmin } from "../../src/api/tokenadmin";
import { findVariableGroup, setVariableGroupSecret } from "../../src/api/variablegroups";
import type { SessionToken } from "../../src/api/model";
import { assertNoSecrets } from "../support/secrets";
import { ORG, startWorld, type World } from "./emulator-world";
import { daysFromNow } from "../support/days";
import { rejectionOf } from "../support/rejection";
import { resetEmulator } from "../support/seeded-emulator";

describe("api org-level functions against the emulator", function () {
  this.timeout(60_000);
  let w: World;
  before(async () => (w = await startWorld()));
  after(async () => w?.emu.stop());
  beforeEach(() => resetEmulator(w.emu));

  describe("tokenadmin", () => {
    it("pages through a user's PATs by GUID continuation token until null, then revokes some", async () => {
      const target = await w.emu.addUser({ displayName: "Target", principalName: "target@contoso.test", organizations: [ORG] });
      for (let i = 0; i < 23; i++) await w.emu.addPat(target.id, { displayName: `t${i}`, validTo: daysFromNow(10 + i) });
      await w.emu.clearRequests();
      const pages: SessionToken[][] = [];
      for await (const page of iterateUserPatsAdmin(w.ctx, target.descriptor, { pageSize: 10 })) pages.push(page);
      assert.deepStrictEqual(
        pages.map((p) => p.length),
        [10, 10, 3],
      );
      const ids = pages.flat().map((p) => p.authorizationId);
      assert.strictEqual(new Set(ids).size, 23);
      const log = await w.logged(/\/_apis\/tokenadmin\/personalaccesstokens\//i);
      assert.strictEqual(log.length, 3);
      assert.strictEqual(log[0].query.continuationToken, undefined);
      for (const r of log.slice(1))
        assert.match(r.query.continuationToken ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
      for (const r of log) assert.strictEqual(r.query.pageSize, "10");
      const last = await listUserPatsAdmin(w.ctx, target.descriptor, { pageSize: 50 });
      assert.strictEqual(last.continuationToken, null);

      await revokeAuthorizationsAdmin(w.ctx, ids.slice(0, 4));
      const revoked = (await w.emu.pats(target.id))
        .filter((p) => p.revoked)
        .map((p) => p.authorizationId)
        .sort();
      assert.deepStrictEqual(revoked, ids.slice(0, 4).sort());
      const post = (await w.logged(/\/_apis\/tokenadmin\/revocations$/i))[0];
      assert.strictEqual(post.status, 204);
    });

    it("a caller who is not a token administrator gets a message saying what is needed", async () => {
      const plain = await w.emu.addUser({ displayName: "Plain", principalName: "plain@contoso.test", organizations: [ORG] });
      const token = await w.emu.issueAccessToken(plain.id);
      const e = await rejectionOf(listUserPatsAdmin(w.orgCtx(w.client(bearer(() => token))), w.user.descriptor));
      assert.ok(e instanceof NotSignedInError, e.message);
      assert.strictEqual(e.status, 401);
      assert.match(
        e.message,
        new RegExp(
          `^Azure DevOps refused to list the PATs of ${w.user.descriptor.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} as token administrator in ` +
            "organization 'contoso' \\(HTTP 401\\)\\. The signed-in identity must be a token administrator of the organization \\(Project " +
            "Collection Administrator\\); a PAT used for this needs the vso\\.tokenadministration scope \\(and vso\\.graph to enumerate users\\)\\. " +
            "Also check the credential has not expired\\. Azure DevOps said: The caller does not have permission to administrate tokens in this organization\\.$",
        ),
      );
      assert.ok(!e.message.includes("Not signed in with a Microsoft Entra user token"), "a valid user token is not called 'not signed in'");
      assertNoSecrets([e.message], [token]);
    });
  });

  describe("graph", () => {
    it("pages users through the X-MS-ContinuationToken header", async () => {
      await w.emu.configure({ graphPageSize: 2 });
      for (const name of ["Carol", "Dan", "Eve"]) {
        await w.emu.addUser({ displayName: name, principalName: `${name.toLowerCase()}@contoso.test`, organizations: [ORG] });
      }
      await w.emu.clearRequests();
      const pages = [];
      for await (const page of iterateUserPages(w.ctx)) pages.push(page);
      const all = pages.flat();
      assert.ok(pages.length >= 3 && pages.every((p) => p.length <= 2), `pages: ${pages.map((p) => p.length)}`);
      assert.strictEqual(new Set(all.map((u) => u.descriptor)).size, all.length);
      for (const name of ["Ada Lovelace", "Carol", "Dan", "Eve"])
        assert.ok(
          all.some((u) => u.displayName === name),
          name,
        );
      const log = await w.logged(/\/_apis\/graph\/users$/i);
      assert.strictEqual(log.length, pages.length);
      assert.strictEqual(log[0].query.continuationToken, undefined);
      assert.ok(
        log.slice(1).every((r) => r.query.continuationToken),
        "later pages send the header's token back",
      );
      assert.ok(log.every((r) => r.query.subjectTypes === "aad,msa" && r.query["api-version"] === "7.1-preview.1"));
      const first = await listUsers(w.ctx);
      assert.strictEqual(first.users.length, 2);
      assert.ok(first.continuationToken);
    });
  });

  describe("profile and accounts", () => {
    it("reads the signed-in user's id and organizations", async () => {
      const profile = await getMyProfile(w.ctx.http, w.endpoints);
      assert.strictEqual(profile.id, w.user.id);
      const accounts = await listMyAccounts(w.ctx.http, w.endpoints, profile.id);
      assert.deepStrictEqual(
        accounts.map((a) => a.accountName),
        [ORG],
      );
    });
  });

  describe("connectionData", () => {
    it("names who a PAT signs in as, and refuses a revoked PAT", async () => {
      const pat = await w.emu.addPat(w.user.id, { displayName: "verify", scope: "vso.profile", validTo: daysFromNow(5) });
      const collection = { http: w.client(basicPat(pat.token)), collectionUrl: `${w.endpoints.devops}/${ORG}/` };
      const data = await getConnectionData(collection);
      assert.strictEqual(data.authenticatedUser.id, w.user.id);
      await w.emu.addPat(w.user.id, { displayName: "gone", validTo: daysFromNow(5), revoked: true }).then(async (gone) => {
        const e = await rejectionOf(
          getConnectionData({ http: w.client(basicPat(gone.token)), collectionUrl: `${w.endpoints.devops}/${ORG}` }),
        );
        assert.ok(e instanceof NotSignedInError, e.message);
        assert.match(e.message, /^Not signed in: Azure DevOps did not accept the personal access token \(it answered HTTP 401/);
        assertNoSecrets([e.message], [gone.token, pat.token]);
      });
    });
  });

  describe("variable groups", () => {
    const collectionUrl = () => `${w.endpoints.devops}/${ORG}/`;

    it("finds a group by name or id and sets a secret, keeping the other variables", async () => {
      const { id } = await w.emu.addVariableGroup(ORG, "web", {
        name: "pat-store",
        variables: { keep: { value: "plain" }, other: { value: "s3cret-other-value", isSecret: true } },
      });
      const job = await w.emu.issueJobToken(ORG, { variableGroupAdmin: true });
      const ctx = { http: w.client(bearer(() => job, "jobToken")), collectionUrl: collectionUrl() };
      const byName = await findVariableGroup(ctx, "web", "PAT-Store");
      assert.strictEqual(byName.id, id);
      const byId = await findVariableGroup(ctx, "web", String(id));
      assert.strictEqual(byId.name, "pat-store");
      await setVariableGroupSecret(ctx, "web", byName, "RefreshToken", "new-refresh-token-value-1234");
      const stored = await w.emu.variableGroup(ORG, id);
      assert.strictEqual(stored.secrets.RefreshToken, "new-refresh-token-value-1234");
      assert.strictEqual(stored.secrets.other, "s3cret-other-value");
      assert.strictEqual(stored.variables.keep.value, "plain");
    });

    it("without the Administrator role the write is refused with the role to give", async () => {
      const { id } = await w.emu.addVariableGroup(ORG, "web", { name: "locked", variables: { a: { value: "1" } } });
      const job = await w.emu.issueJobToken(ORG, { variableGroupAdmin: false });
      const ctx = { http: w.client(bearer(() => job, "jobToken")), collectionUrl: collectionUrl() };
      const group = await findVariableGroup(ctx, "web", "locked");
      const e = await rejectionOf(setVariableGroupSecret(ctx, "web", group, "RefreshToken", "never-stored-value-5678"));
      assert.ok(e instanceof ApiError);
      assert.strictEqual(e.status, 403);
      assert.match(
        e.message,
        /^The pipeline may not write the secret 'RefreshToken' to the variable group 'locked' \(HTTP 403\)\. Give the pipeline's build service account \("<project> Build Service \(<organization>\)"\) the Administrator role on the variable group: Pipelines > Library > the group > Security\. Azure DevOps said: Access denied\. .+ needs Administrator permissions/,
      );
      assertNoSecrets([e.message], [job, "never-stored-value-5678"]);
      assert.strictEqual((await w.emu.variableGroup(ORG, id)).secrets.RefreshToken, undefined);
    });

    it("a missing group is a clear error", async () => {
      const job = await w.emu.issueJobToken(ORG, { variableGroupAdmin: true });
      const ctx = { http: w.client(bearer(() => job, "jobToken")), collectionUrl: collectionUrl() };
      for (const key of ["no-such-group", "98765"]) {
        const e = await rejectionOf(findVariableGroup(ctx, "web", key));
        assert.ok(e instanceof ApiError);
        assert.strictEqual(
          e.message,
          `The variable group '${key}' was not found in project 'web', or the pipeline may not see it. Check the name or id. ` +
            'Give the pipeline\'s build service account ("<project> Build Service (<organization>)") the Administrator role on the ' +
            "variable group: Pipelines > Library > the group > Security.",
        );
      }
    });
  });
});
