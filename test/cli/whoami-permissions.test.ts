/**
 * `pat-lifecycle whoami` reads the access token's delegated permissions and says what each task can do, without
 * calling Azure DevOps; `login` refuses to hand over a refresh token whose registration cannot even list PATs.
 */
import * as assert from "assert";
import { DEFAULT_PUBLIC_CLIENT_ID, Emulator, EmuUser, startEmulator } from "../emulator/client";
import { assertNoSecrets } from "../support/secrets";
import { cliInProcess } from "./cli-harness";

describe("pat-lifecycle whoami: delegated permissions", function () {
  this.timeout(60_000);
  let emu: Emulator;
  let ada: EmuUser;
  const secrets: string[] = [];

  before(async () => {
    emu = await startEmulator();
    emu.trustInThisProcess();
    await emu.addOrganization("contoso");
    ada = await emu.addUser({ displayName: "Ada Lovelace", principalName: "ada@contoso.com", organizations: ["contoso"] });
    await emu.registerApp({ clientId: "legacy-app", azureDevOpsPermissions: ["user_impersonation"] });
  });
  after(async () => emu?.stop());

  async function whoami(clientId: string) {
    const rt = await emu.issueRefreshToken(ada.id, clientId);
    secrets.push(rt);
    await emu.clearRequests();
    const run = await cliInProcess(["whoami", "--tenant", emu.tenantId, "--client-id", clientId], {
      env: { ...emu.env, PAT_LIFECYCLE_REFRESH_TOKEN: rt },
    });
    assertNoSecrets([run.stdout, run.stderr], secrets);
    assert.ok(!(await emu.requests()).some((r) => r.service !== "entra"), "whoami asks Azure DevOps nothing");
    return run;
  }

  it("the recommended registration: every task may go on", async () => {
    const run = await whoami(DEFAULT_PUBLIC_CLIENT_ID);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.ok(
      run.stdout.includes(
        "Delegated Azure DevOps permissions in its access token: vso.pats vso.pats_manage vso.tokenadministration vso.graph.\n" +
          "  Listing your PATs: ok\n  Creating, extending and revoking PATs: ok\n  The organization-wide check (token administration): ok\n",
      ),
      run.stdout,
    );
    assert.doesNotMatch(run.stdout, /To add/);
  });

  it("a legacy user_impersonation registration: names vso.pats and vso.pats_manage, the app registration and the consent", async () => {
    const run = await whoami("legacy-app");
    assert.strictEqual(run.code, 0, run.stderr);
    assert.ok(
      run.stdout.includes(
        "Delegated Azure DevOps permissions in its access token: user_impersonation.\n" +
          "  Listing your PATs: missing vso.pats\n  Creating, extending and revoking PATs: missing vso.pats and vso.pats_manage\n" +
          "  The organization-wide check (token administration): ok\n" +
          "To add vso.pats, vso.pats_manage: Entra admin center > App registrations > legacy-app > API permissions > Add a permission > " +
          "Azure DevOps > Delegated permissions, then grant admin consent for the tenant (or run `pat-lifecycle login` again to consent).\n",
      ),
      run.stdout,
    );
  });

  it("login with a legacy registration names vso.pats and saves nothing", async () => {
    await emu.clearRequests();
    const run = await cliInProcess(
      ["login", "--client-id", "legacy-app", "--tenant", emu.tenantId, "--organization", "contoso", "--print-secret"],
      { env: emu.env, openBrowser: (url) => emu.signInInBrowser(url, { loginHint: "ada@contoso.com" }).then(() => undefined) },
    );
    assert.strictEqual(run.code, 1, run.stderr);
    assert.strictEqual(run.stdout, "", "no refresh token printed");
    assert.match(
      run.stderr,
      /Signed in as ada@contoso\.com, but listing your PATs in organization 'contoso' failed, so the refresh token was not saved: Listing your PATs needs the delegated Azure DevOps permission vso\.pats, which the access token of app registration legacy-app does not have \(it has: user_impersonation\)/,
    );
    assert.ok(!(await emu.requests()).some((r) => /tokens\/pats/i.test(r.path)), "no PAT call");
  });
});
