/** The emulated Key Vault data plane, the job's OIDC endpoint and Entra's client assertions, spoken to over raw HTTPS. */
import * as assert from "assert";
import { createHash, randomUUID, X509Certificate } from "crypto";
import * as jwt from "jsonwebtoken";
import { generate } from "selfsigned";
import { startRawCallFixture, type Fixture } from "./fixture";

const VAULT = "https://vault.azure.net";

describe("emulator: Key Vault secrets, pipeline OIDC tokens and client assertions", function () {
  this.timeout(60_000);
  let f: Fixture;
  before(async () => {
    f = await startRawCallFixture({ now: "2026-11-20T10:00:00.000Z" });
  });
  after(async () => f?.emu.stop());

  /** An app with a secret, and a vault (RBAC unless said) whose URL is returned. */
  async function vaultAndApp(model: "rbac" | "accessPolicy" = "rbac") {
    const clientId = randomUUID();
    const clientSecret = `secret-${randomUUID()}`;
    await f.emu.registerApp({ clientId, clientSecret });
    const { vaultUrl } = await f.emu.addKeyVault(`kv-${clientId.slice(0, 8)}`, { permissionModel: model });
    return { clientId, clientSecret, vaultUrl, base: vaultUrl.replace(/\/$/, "") };
  }

  /** Entra's token endpoint with a client credential grant (form fields beside client_id and grant_type). */
  async function tokenFor(clientId: string, fields: Record<string, string>, scope = `${VAULT}/.default`) {
    const res = await fetch(`${f.emu.authorityHost}/${f.emu.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: clientId, grant_type: "client_credentials", scope, ...fields }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  const secretCall = (base: string, path: string, token: string | null, o: { method?: string; body?: unknown; apiVersion?: string } = {}) =>
    f.call(path, { base, token, method: o.method, body: o.body, query: { "api-version": o.apiVersion ?? "7.5" } });

  it("answers the bearer challenge first, then checks audience, api-version and the caller's role", async () => {
    const v = await vaultAndApp();
    const anonymous = await secretCall(v.base, "/secrets/DeployPat", null, { method: "PUT", body: { value: "x" } });
    assert.strictEqual(anonymous.status, 401);
    assert.strictEqual(
      anonymous.headers.get("www-authenticate"),
      `Bearer authorization="https://login.microsoftonline.com/${f.emu.tenantId}", resource="https://vault.azure.net"`,
    );
    const devopsToken = await secretCall(v.base, "/secrets/DeployPat", f.adaToken);
    assert.strictEqual(devopsToken.status, 401);
    assert.match(
      String(devopsToken.json<{ error: { message: string } }>().error.message),
      /AKV10022: Invalid audience\. Expected https:\/\/vault\.azure\.net/,
    );

    const granted = await tokenFor(v.clientId, { client_secret: v.clientSecret });
    assert.strictEqual(granted.status, 200, JSON.stringify(granted.body));
    const token = String(granted.body.access_token);
    assert.strictEqual(jwt.decode(token, { json: true })?.aud, VAULT);
    const badVersion = await secretCall(v.base, "/secrets/DeployPat", token, { apiVersion: "1.0" });
    assert.deepStrictEqual([badVersion.status, badVersion.json<{ error: { code: string } }>().error.code], [400, "BadParameter"]);

    const denied = await secretCall(v.base, "/secrets/DeployPat", token, { method: "PUT", body: { value: "x" } });
    assert.strictEqual(denied.status, 403);
    const error = denied.json<{ error: { code: string; message: string; innererror: { code: string } } }>().error;
    assert.deepStrictEqual([error.code, error.innererror.code], ["Forbidden", "ForbiddenByRbac"]);
    assert.match(
      error.message,
      /Caller is not authorized to perform action on resource\.[\s\S]*Action: 'Microsoft\.KeyVault\/vaults\/secrets\/setSecret\/action'/,
    );

    await f.emu.grantKeyVault({ vaultUrl: v.vaultUrl, principal: { clientId: v.clientId }, role: "Key Vault Secrets User" });
    assert.strictEqual(
      (await secretCall(v.base, "/secrets/DeployPat", token, { method: "PUT", body: { value: "x" } })).status,
      403,
      "Secrets User may not set",
    );
    const missing = await secretCall(v.base, "/secrets/DeployPat", token);
    assert.deepStrictEqual([missing.status, missing.json<{ error: { code: string } }>().error.code], [404, "SecretNotFound"]);
  });

  it("keeps every version: set, get the newest or one version, list versions without values; tags limited as the service limits them", async () => {
    const v = await vaultAndApp();
    await f.emu.grantKeyVault({ vaultUrl: v.vaultUrl, principal: { clientId: v.clientId }, role: "Key Vault Secrets Officer" });
    const token = String((await tokenFor(v.clientId, { client_secret: v.clientSecret })).body.access_token);
    const set = (value: string, tags: Record<string, string>) =>
      secretCall(v.base, "/secrets/DeployPat", token, {
        method: "PUT",
        body: { value, contentType: "Azure DevOps PAT", tags, attributes: { exp: 1798761600 } },
      });
    const first = (await set("one", { authorizationId: "a" })).json<{ id: string }>();
    const second = await set("two", { authorizationId: "b" });
    assert.strictEqual(second.status, 200, second.text);
    const bundle = second.json<{
      id: string;
      value: string;
      attributes: { exp: number; enabled: boolean };
      tags: Record<string, string>;
    }>();
    assert.match(bundle.id, new RegExp(`^${v.vaultUrl}secrets/DeployPat/[0-9a-f]{32}$`));
    assert.deepStrictEqual(
      [bundle.value, bundle.attributes.exp, bundle.attributes.enabled, bundle.tags],
      ["two", 1798761600, true, { authorizationId: "b" }],
    );
    assert.strictEqual(
      (await secretCall(v.base, "/secrets/deploypat", token)).json<{ value: string }>().value,
      "two",
      "names are case-insensitive",
    );
    const oldVersion = first.id.split("/").at(-1) as string;
    assert.strictEqual((await secretCall(v.base, `/secrets/DeployPat/${oldVersion}`, token)).json<{ value: string }>().value, "one");
    const versions = (await secretCall(v.base, "/secrets/DeployPat/versions", token)).json<{ value: Array<Record<string, unknown>> }>()
      .value;
    assert.deepStrictEqual(
      versions.map((x) => [x.value, (x.tags as Record<string, string>).authorizationId]),
      [
        [undefined, "a"],
        [undefined, "b"],
      ],
    );
    const tooLong = await set("three", { leftovers: "x".repeat(257) });
    assert.strictEqual(tooLong.status, 400);
    assert.strictEqual((await f.emu.keyVaultSecret(v.vaultUrl, "DeployPat")).length, 2);
  });

  it("an access-policy vault answers 403 AccessDenied naming the missing permission; a throttling fault answers 429 Throttled", async () => {
    const v = await vaultAndApp("accessPolicy");
    await f.emu.grantKeyVault({ vaultUrl: v.vaultUrl, principal: { clientId: v.clientId }, permissions: ["get"] });
    const token = String((await tokenFor(v.clientId, { client_secret: v.clientSecret })).body.access_token);
    const denied = await secretCall(v.base, "/secrets/DeployPat", token, { method: "PUT", body: { value: "x" } });
    const error = denied.json<{ error: { message: string; innererror: { code: string } } }>().error;
    assert.deepStrictEqual([denied.status, error.innererror.code], [403, "AccessDenied"]);
    assert.match(error.message, /does not have secrets set permission on key vault 'kv-[0-9a-f]{8};location=westeurope'/);
    await f.emu.addFault({ method: "GET", path: "^/secrets/", kind: "status", status: 429, retryAfterSec: 3, times: 1 });
    const throttled = await secretCall(v.base, "/secrets/DeployPat", token);
    assert.deepStrictEqual(
      [throttled.status, throttled.headers.get("retry-after"), throttled.json<{ error: { code: string } }>().error.code],
      [429, "3", "Throttled"],
    );
    await f.emu.clearFaults();
  });

  it("the job's OIDC token names the connection; Entra exchanges it only for an app whose federated credential matches", async () => {
    const clientId = randomUUID();
    const wif = await f.emu.addServiceEndpoint("contoso", {
      projects: ["PatOps"],
      name: "kv-deploy",
      type: "azurerm",
      scheme: "WorkloadIdentityFederation",
      parameters: { tenantid: f.emu.tenantId, serviceprincipalid: clientId },
    });
    const spn = await f.emu.addServiceEndpoint("contoso", {
      projects: ["PatOps"],
      name: "kv-spn",
      type: "azurerm",
      scheme: "ServicePrincipal",
      parameters: {},
    });
    const job = await f.emu.issueJobToken("contoso", { variableGroupAdmin: false, project: "PatOps" });
    const oidc = (token: string, connectionId: string) =>
      f.call(`/contoso/PatOps/_apis/distributedtask/hubs/build/plans/${randomUUID()}/jobs/${randomUUID()}/oidctoken`, {
        base: f.emu.devopsUrl,
        method: "POST",
        token,
        body: {},
        query: { "api-version": "7.1", serviceConnectionId: connectionId },
      });
    assert.strictEqual((await oidc(f.adaToken, wif.id)).status, 400, "a user token gets none");
    assert.match((await oidc(job, spn.id)).text, /does not use workload identity federation \(scheme ServicePrincipal\)/);
    const answer = await oidc(job, wif.id);
    assert.strictEqual(answer.status, 200, answer.text);
    const oidcToken = answer.json<{ oidcToken: string }>().oidcToken;
    const issuer = await f.emu.pipelineOidcIssuer("contoso");
    assert.deepStrictEqual((({ iss, sub, aud }) => ({ iss, sub, aud }))(jwt.decode(oidcToken, { json: true }) ?? {}), {
      iss: issuer,
      sub: "sc://contoso/PatOps/kv-deploy",
      aud: "api://AzureADTokenExchange",
    });
    const assertion = { client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: oidcToken };
    await f.emu.registerApp({ clientId, federatedCredentials: [{ issuer, subject: "sc://contoso/PatOps/other" }] });
    const wrongSubject = await tokenFor(clientId, assertion);
    assert.deepStrictEqual(wrongSubject.body.error_codes, [700213]);
    await f.emu.registerApp({
      clientId,
      federatedCredentials: [{ issuer: "https://vstoken.dev.azure.com/elsewhere", subject: "sc://contoso/PatOps/kv-deploy" }],
    });
    assert.deepStrictEqual((await tokenFor(clientId, assertion)).body.error_codes, [700211]);
    await f.emu.registerApp({ clientId, federatedCredentials: [{ issuer, subject: "sc://contoso/PatOps/kv-deploy" }] });
    const exchanged = await tokenFor(clientId, assertion);
    assert.strictEqual(exchanged.status, 200, JSON.stringify(exchanged.body));
    assert.strictEqual(jwt.decode(String(exchanged.body.access_token), { json: true })?.aud, VAULT);
  });

  it("a certificate credential: an assertion signed with the registered certificate's key is taken, another certificate's is not", async () => {
    const clientId = randomUUID();
    const [registered, other] = await Promise.all(
      ["kv-cert", "kv-other"].map((name) =>
        generate([{ name: "commonName", value: name }], { keyType: "rsa", keySize: 2048, algorithm: "sha256" }),
      ),
    );
    await f.emu.registerApp({ clientId, certificatePem: registered.cert, publicClientFlows: false });
    const endpoint = `${f.emu.authorityHost}/${f.emu.tenantId}/oauth2/v2.0/token`;
    const assertionBy = (cert: { cert: string; private: string }) =>
      jwt.sign({ iss: clientId, sub: clientId, aud: endpoint, jti: randomUUID() }, cert.private, {
        algorithm: "PS256",
        expiresIn: 600,
        header: {
          alg: "PS256",
          "x5t#S256": createHash("sha256").update(new X509Certificate(cert.cert).raw).digest("base64url"),
        } as jwt.JwtHeader,
      });
    const type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    const good = await tokenFor(clientId, { client_assertion_type: type, client_assertion: assertionBy(registered) });
    assert.strictEqual(good.status, 200, JSON.stringify(good.body));
    const bad = await tokenFor(clientId, { client_assertion_type: type, client_assertion: assertionBy(other) });
    assert.deepStrictEqual([bad.status, bad.body.error, bad.body.error_codes], [401, "invalid_client", [700027]]);
  });
});
