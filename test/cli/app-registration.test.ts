/**
 * `pat-lifecycle app-registration`: the printed script is run by bash against a recording stand-in for
 * `az` (Azure CLI cannot reach Entra from here), so its order, its lookups and its use of what they
 * return are checked, not just its text. The permission ids must come from the lookup, never the script.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cliInProcess } from "./cli-harness";

const ADO = "499b84ac-1321-427f-aa17-267ca6975798";
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** What the fake service principal answers for each permission (ids made up for this test). */
const SCOPE_IDS: Record<string, string> = {
  "vso.pats": "0c2a7a2e-5b53-4b42-9d5f-1b7a1e3c9a01",
  "vso.pats_manage": "7d1f3b2c-8e4a-4c6d-a1b2-3c4d5e6f7a02",
  "vso.tokenadministration": "3a9e5c1d-2b7f-4e8a-9c0d-1e2f3a4b5c03",
  "vso.graph": "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d04",
};

/** A stand-in for `az`: logs its arguments, answers the lookups the script makes. */
function fakeAz(dir: string): string {
  const log = path.join(dir, "az.log");
  const cases = Object.entries(SCOPE_IDS)
    .map(([scope, id]) => `  *"?value=='${scope}'"*) echo ${id} ;;`)
    .join("\n");
  fs.writeFileSync(
    path.join(dir, "az"),
    `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "${log}"
case "$*" in
${cases}
  "ad app create"*) echo 11111111-aaaa-4bbb-8ccc-222222222222 ;;
  "ad app show"*) echo 33333333-dddd-4eee-8fff-444444444444 ;;
  "account show"*) echo 55555555-aaaa-4bbb-8ccc-666666666666 ;;
  "ad sp show"*) echo "" ;;
esac
`,
    { mode: 0o755 },
  );
  return log;
}

describe("pat-lifecycle app-registration", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-registration-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function script(...args: string[]): Promise<string> {
    const r = await cliInProcess(["app-registration", ...args], { env: {} });
    assert.strictEqual(r.code, 0, r.stderr);
    return r.stdout;
  }

  function runScript(text: string) {
    const log = fakeAz(dir);
    const file = path.join(dir, "register.sh");
    fs.writeFileSync(file, text);
    const run = spawnSync("bash", [file], { env: { PATH: `${dir}:${process.env.PATH}` }, encoding: "utf8" });
    return { ...run, calls: fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [] };
  }

  it("writes no permission id into the script: the only GUID is the Azure DevOps resource", async () => {
    const text = await script("--org-scan");
    assert.deepStrictEqual([...new Set(text.match(GUID))], [ADO]);
    const manifest = await script("--json");
    assert.deepStrictEqual([...new Set(manifest.match(GUID))], [ADO]);
  });

  it("looks the ids up on the Azure DevOps service principal, creates the public client with both redirect URIs, adds the permissions it found and grants consent", async () => {
    const r = runScript(await script());
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(r.calls, [
      `ad sp show --id ${ADO} --query oauth2PermissionScopes[?value=='vso.pats'].id | [0] -o tsv`,
      `ad sp show --id ${ADO} --query oauth2PermissionScopes[?value=='vso.pats_manage'].id | [0] -o tsv`,
      "ad app create --display-name PAT Lifecycle --sign-in-audience AzureADMyOrg --is-fallback-public-client true --public-client-redirect-uris http://localhost --query appId -o tsv",
      "ad app show --id 11111111-aaaa-4bbb-8ccc-222222222222 --query id -o tsv",
      `rest --method PATCH --uri https://graph.microsoft.com/v1.0/applications/33333333-dddd-4eee-8fff-444444444444 --headers Content-Type=application/json --body {"spa":{"redirectUris":["https://dev.azure.com/_public/_MsalPopup"]}}`,
      `ad app permission add --id 11111111-aaaa-4bbb-8ccc-222222222222 --api ${ADO} --api-permissions ${SCOPE_IDS["vso.pats"]}=Scope ${SCOPE_IDS["vso.pats_manage"]}=Scope`,
      "ad sp create --id 11111111-aaaa-4bbb-8ccc-222222222222",
      `ad app permission grant --id 11111111-aaaa-4bbb-8ccc-222222222222 --api ${ADO} --scope vso.pats vso.pats_manage`,
      "account show --query tenantId -o tsv",
    ]);
    assert.strictEqual(r.stdout, "Client ID: 11111111-aaaa-4bbb-8ccc-222222222222\nTenant ID: 55555555-aaaa-4bbb-8ccc-666666666666\n");
  });

  it("--org-scan adds vso.tokenadministration and vso.graph; a display name with a quote stays one argument", async () => {
    const r = runScript(await script("--org-scan", "--display-name", "Ops' PAT app"));
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(
      r.calls.some((c) => c.startsWith("ad app create --display-name Ops' PAT app --sign-in-audience")),
      r.calls.join("\n"),
    );
    assert.ok(
      r.calls.includes(
        `ad app permission grant --id 11111111-aaaa-4bbb-8ccc-222222222222 --api ${ADO} --scope vso.pats vso.pats_manage vso.tokenadministration vso.graph`,
      ),
    );
  });

  it("stops before creating anything when the service principal has no such permission", async () => {
    const text = (await script()).replace("vso.pats_manage'].id", "vso.unknown'].id");
    const r = runScript(text);
    assert.strictEqual(r.status, 1);
    assert.match(r.stderr, /The Azure DevOps service principal has no delegated permission vso\.pats_manage/);
    assert.ok(!r.calls.some((c) => c.startsWith("ad app create")), "an app was created");
  });

  it("--json prints the manifest fragment: public client, both redirect URIs, the delegated scopes as lookups", async () => {
    const fragment = JSON.parse(await script("--json")) as {
      isFallbackPublicClient: boolean;
      publicClient: { redirectUris: string[] };
      spa: { redirectUris: string[] };
      requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
    };
    assert.strictEqual(fragment.isFallbackPublicClient, true);
    assert.deepStrictEqual(fragment.publicClient.redirectUris, ["http://localhost"]);
    assert.deepStrictEqual(fragment.spa.redirectUris, ["https://dev.azure.com/_public/_MsalPopup"]);
    assert.strictEqual(fragment.requiredResourceAccess[0].resourceAppId, ADO);
    assert.deepStrictEqual(
      fragment.requiredResourceAccess[0].resourceAccess.map((a) => [a.type, /value=='([\w.]+)'/.exec(a.id)?.[1]]),
      [
        ["Scope", "vso.pats"],
        ["Scope", "vso.pats_manage"],
      ],
    );
  });
});
