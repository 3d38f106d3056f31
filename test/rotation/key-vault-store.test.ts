/**
 * The Key Vault store, run as the PACKAGED RotatePat against the emulator with the unmodified Azure SDK clients:
 * success with workload identity federation (with a variable group), a service principal with a secret and with a
 * certificate; permission denied (RBAC and access policy), a vault that does not answer, a host that is not a vault
 * and a connection that cannot sign in; a lost answer, throttling, the agent's proxy and CA bundle, and Key Vault
 * failing while the stores before it succeed (a group; a group, a connection and GitHub after it).
 * After each run every store holds a live PAT; after a rerun exactly one live PAT carries the name and every store holds it.
 */
import * as assert from "assert";
import { randomUUID } from "crypto";
import { generate } from "selfsigned";
import type { EmuPat } from "../emulator/client";
import { failing, lostAnswer } from "../support/faults";
import { startConnectProxy } from "../api/connect-proxy";
import { githubConnectionEnv } from "../support/github-connection";
import { armConnectionVariables, type ArmConnectionFields } from "../support/arm-connection";
import { assertOneCurrentPat, assertStoresWork, type Holding } from "../support/consumer-invariant";
import { consumerPat, family, ROTATION_PROJECT, rotationWorld, runPackagedRotatePat } from "../support/rotation-world";
import type { RotateRun, ConsumerBase } from "../support/rotation-world";

interface Consumer extends ConsumerBase {
  vaultUrl: string;
  secretName: string;
  /** The ARM connection's id and the variables the agent would set for it. */
  connection: { id: string; env: Record<string, string> };
  clientId: string;
  groupId?: number;
}

/** Key Vault's secrets API, on every vault's own host. */
const SECRETS = "^/secrets/";

type SignIn = "federated" | "secret" | "certificate" | "managedIdentity";

describe("Key Vault store (packaged RotatePat)", function () {
  this.timeout(300_000);
  const world = rotationWorld({ now: "2026-11-20T10:00:00.000Z" });
  let emulator: typeof world.emulator;
  /** The connections' client secrets and private keys: no run may print them. */
  const secrets: string[] = [];
  before(() => {
    emulator = world.emulator;
  });

  /** A PAT the vault holds (no record yet), an app that signs in as `signIn`, its ARM connection, and optionally a group. */
  async function consumer(
    name: string,
    o: { signIn?: SignIn; role?: string; permissions?: Array<"get" | "list" | "set">; group?: boolean } = {},
  ): Promise<Consumer> {
    const old = await consumerPat(world, name, { scope: "vso.packaging" });
    const { vaultUrl } = await emulator.addKeyVault(`${name}-kv`, { permissionModel: o.permissions ? "accessPolicy" : "rbac" });
    const secretName = "DeployPat";
    await emulator.putKeyVaultSecret({ vaultUrl, name: secretName, value: old.token });
    const clientId = randomUUID();
    const connection = await armConnection(name, clientId, o.signIn ?? "federated");
    await emulator.grantKeyVault({
      vaultUrl,
      principal: o.signIn === "managedIdentity" ? { managedIdentity: true } : { clientId },
      ...(o.permissions ? { permissions: o.permissions } : { role: o.role ?? "Key Vault Secrets Officer" }),
    });
    const group = o.group
      ? await emulator.addVariableGroup("contoso", ROTATION_PROJECT, {
          name: `${name}-secrets`,
          variables: { DeployPat: { value: old.token, isSecret: true } },
        })
      : undefined;
    return { name, old, vaultUrl, secretName, connection, clientId, groupId: group?.id };
  }

  /** Registers the app (federated credential, secret or certificate) and the connection the pipeline has for it. */
  async function armConnection(name: string, clientId: string, signIn: SignIn): Promise<Consumer["connection"]> {
    const base = { tenantid: emulator.tenantId, serviceprincipalid: clientId };
    let fields: ArmConnectionFields;
    if (signIn === "federated") {
      const issuer = await emulator.pipelineOidcIssuer("contoso");
      await emulator.registerApp({ clientId, federatedCredentials: [{ issuer, subject: `sc://contoso/${ROTATION_PROJECT}/${name}-arm` }] });
      fields = { scheme: "WorkloadIdentityFederation", parameters: base };
    } else if (signIn === "secret") {
      const clientSecret = `kv-sp-secret-${randomUUID()}`;
      secrets.push(clientSecret);
      await emulator.registerApp({ clientId, clientSecret });
      fields = { scheme: "ServicePrincipal", parameters: { ...base, authenticationType: "spnKey", serviceprincipalkey: clientSecret } };
    } else if (signIn === "managedIdentity") {
      const mi = await emulator.managedIdentity();
      const endpoint = await emulator.addServiceEndpoint("contoso", {
        projects: [ROTATION_PROJECT],
        name: `${name}-arm`,
        type: "azurerm",
        scheme: "ManagedServiceIdentity",
        parameters: { tenantid: emulator.tenantId },
        data: { msiclientId: mi.clientId },
      });
      const env = armConnectionVariables(endpoint.id, {
        scheme: "ManagedServiceIdentity",
        parameters: { tenantid: emulator.tenantId },
        data: { msiclientId: mi.clientId },
      });
      return { id: endpoint.id, env: { ...env, ...mi.env } };
    } else {
      const cert = await generate([{ name: "commonName", value: `${name}-sp` }], { keyType: "rsa", keySize: 2048, algorithm: "sha256" });
      secrets.push(cert.private);
      await emulator.registerApp({ clientId, certificatePem: cert.cert, publicClientFlows: false });
      fields = {
        scheme: "ServicePrincipal",
        parameters: { ...base, authenticationType: "spnCertificate", servicePrincipalCertificate: `${cert.private}\n${cert.cert}` },
      };
    }
    const endpoint = await emulator.addServiceEndpoint("contoso", {
      projects: [ROTATION_PROJECT],
      name: `${name}-arm`,
      type: "azurerm",
      url: "https://management.azure.com/",
      scheme: fields.scheme,
      parameters: fields.parameters,
      data: { environment: "AzureCloud" },
    });
    return { id: endpoint.id, env: armConnectionVariables(endpoint.id, fields) };
  }

  /** The job's OIDC endpoint, as the agent sets SYSTEM_OIDCREQUESTURI. */
  const oidcRequestUri = () =>
    `${emulator.devopsUrl}/contoso/${ROTATION_PROJECT}/_apis/distributedtask/hubs/build/plans/${randomUUID()}/jobs/${randomUUID()}/oidctoken`;

  async function rotatePat(c: Consumer, extra: Record<string, string> = {}, agent: Record<string, string> = {}): Promise<RotateRun> {
    const group: Record<string, string> = c.groupId ? { variableGroup: `${c.name}-secrets`, variableName: "DeployPat" } : {};
    return runPackagedRotatePat(
      world,
      { displayName: c.name, azureSubscription: c.connection.id, keyVaultName: c.vaultUrl, secretName: c.secretName, ...group, ...extra },
      { env: { ...c.connection.env, SYSTEM_OIDCREQUESTURI: oidcRequestUri(), ...agent }, secrets },
    );
  }

  const live = (c: Consumer) => family(world, c.name);

  /** What each store holds: the group's secret, and the vault's current version with the PAT its tags name. */
  async function holdings(c: Consumer): Promise<Holding[]> {
    const out: Holding[] = [];
    if (c.groupId) out.push({ store: "group", token: (await emulator.variableGroup("contoso", c.groupId)).secrets.DeployPat });
    const current = (await emulator.keyVaultSecret(c.vaultUrl, c.secretName)).at(-1);
    out.push({ store: "vault", token: current?.value, record: current?.tags?.authorizationId ?? "" });
    return out;
  }

  const assertEveryStoreWorks = async (c: Consumer, run: RotateRun) => assertStoresWork(await live(c), await holdings(c), run.log);

  async function assertConverged(c: Consumer, run: RotateRun): Promise<EmuPat> {
    return assertOneCurrentPat({ name: c.name, alive: await live(c), holdings: await holdings(c), reportedIn: run.log });
  }

  async function rerunConverges(c: Consumer): Promise<RotateRun> {
    const rerun = await rotatePat(c, { onlyIfExpiringWithinDays: "7" });
    assert.match(rerun.result ?? "", /^Succeeded/, rerun.log);
    await assertConverged(c, rerun);
    return rerun;
  }

  /** Nothing changed: the old PAT is the only live one and the vault still holds it. */
  async function assertUnchanged(c: Consumer, run: RotateRun): Promise<void> {
    assert.deepStrictEqual(
      (await live(c)).map((p) => p.authorizationId),
      [c.old.authorizationId],
      run.log,
    );
    assert.strictEqual((await emulator.keyVaultSecret(c.vaultUrl, c.secretName)).at(-1)?.value, c.old.token);
  }

  it("workload identity federation, with a variable group: a new version with the PAT, its expiry, content type and tags", async () => {
    const c = await consumer("kv-wif", { group: true });
    await emulator.clearRequests();
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    const fresh = await assertConverged(c, run);
    assert.notStrictEqual(fresh.authorizationId, c.old.authorizationId);
    const versions = await emulator.keyVaultSecret(c.vaultUrl, c.secretName);
    assert.strictEqual(versions.length, 2, "the old version is kept: nothing is deleted");
    const current = versions[1];
    assert.strictEqual(current.value, fresh.token);
    assert.strictEqual(current.contentType, "Azure DevOps PAT");
    assert.strictEqual(current.exp, Math.floor(Date.parse(fresh.validTo) / 1000));
    assert.deepStrictEqual(
      { ...current.tags, "patLifecycle.leftovers": undefined },
      { authorizationId: fresh.authorizationId, displayName: "kv-wif", validTo: fresh.validTo, "patLifecycle.leftovers": undefined },
    );
    assert.strictEqual(current.tags?.["patLifecycle.leftovers"], `replaced:${c.old.authorizationId}`);
    const traffic = await emulator.requests();
    assert.ok(traffic.some((r) => r.service === "devops" && r.method === "POST" && /\/oidctoken$/.test(r.path) && r.status === 200));
    assert.ok(
      traffic.some((r) => r.service === "keyvault" && r.status === 401),
      "the vault's challenge came first",
    );
    assert.match(
      run.log,
      /Done: rotated 'kv-wif'\. .*stored in: variable group 'kv-wif-secrets' \(DeployPat\), Key Vault secret 'DeployPat' in 127\.0\.0\.1:\d+/,
    );
    const rerun = await rerunConverges(c);
    assert.match(rerun.log, /nothing to do\. It will be due for rotation on/);
  });

  it("a service principal with a secret (access policy) or a certificate, and a managed identity: each writes the vault", async () => {
    for (const [signIn, o] of [
      ["secret", { permissions: ["get", "set"] as Array<"get" | "set"> }],
      ["certificate", {}],
      ["managedIdentity", {}],
    ] as const) {
      const c = await consumer(`kv-${signIn}`, { signIn, ...o });
      const run = await rotatePat(c);
      assert.strictEqual(run.result, "Succeeded", run.log);
      await assertConverged(c, run);
    }
  });

  it("behind the agent's proxy, trusting only the agent's CA bundle: Entra and the vault are reached through the proxy", async () => {
    const c = await consumer("kv-proxy");
    const proxy = await startConnectProxy();
    try {
      const agent = {
        NODE_EXTRA_CA_CERTS: "",
        AGENT_CAINFO: emulator.caFile,
        AGENT_PROXYURL: proxy.url,
        AGENT_PROXYUSERNAME: "proxyuser",
        // Not scanned for: task-lib prints Agent.ProxyPassword in a debug line as it loads, before any task code
        // runs; the agent, which set it as a secret, masks that line.
        SECRET_AGENT_PROXYPASSWORD: "proxy-pass",
      };
      const run = await rotatePat(c, {}, agent);
      assert.strictEqual(run.result, "Succeeded", run.log);
      await assertConverged(c, run);
      const tunnels = proxy.tunnels.map((t) => t.target);
      for (const host of [new URL(c.vaultUrl).host, new URL(emulator.authorityHost).host]) {
        assert.ok(tunnels.includes(host), `a tunnel to ${host} (got ${tunnels.join(", ")})`);
      }
    } finally {
      await proxy.close();
    }
  });

  it("dry run: lists the Key Vault write with how it signs in, and changes nothing", async () => {
    const c = await consumer("kv-dry");
    const run = await rotatePat(c, { dryRun: "true" });
    await assertUnchanged(c, run);
    assert.strictEqual(run.result, "Succeeded", run.log);
    assert.match(
      run.log,
      new RegExp(
        `Plan: write the new secret to Key Vault secret 'DeployPat' in 127\\.0\\.0\\.1:\\d+ \\(a new version with the PAT's expiry as its expiration and tags naming it; signs in with WorkloadIdentityFederation as the service principal with application \\(client\\) ID ${c.clientId} \\(service connection '${c.connection.id}'\\)\\)\\.`,
      ),
    );
  });

  it("permission denied: names the role (RBAC) or the access policy, and the identity; the new PAT is rolled back", async () => {
    const rbac = await consumer("kv-denied", { role: "Key Vault Reader" });
    const run = await rotatePat(rbac);
    assert.strictEqual(run.result, "Failed", run.log);
    assert.match(
      run.errors.join("\n"),
      new RegExp(
        `The service principal with application \\(client\\) ID ${rbac.clientId} \\(service connection '${rbac.connection.id}'\\) may not read secrets in the Key Vault 127\\.0\\.0\\.1:\\d+, which uses Azure role-based access control: assign it the role 'Key Vault Secrets Officer' on the vault`,
      ),
    );
    assert.doesNotMatch(run.log, /Step create/i, "nothing is created before every store was read");
    await assertUnchanged(rbac, run);

    const policy = await consumer("kv-policy", { signIn: "secret", permissions: ["get"] });
    const denied = await rotatePat(policy);
    assert.strictEqual(denied.result, "Failed", denied.log);
    assert.match(
      denied.errors.join("\n"),
      /Could not store the new PAT, so it was rolled back; the old PAT .* stays in use\. .*may not write secrets in the Key Vault 127\.0\.0\.1:\d+, which uses access policies: give it the secret permissions Get and Set/,
    );
    await assertUnchanged(policy, denied);
  });

  it("not found, not a vault, wrong connection type: a sentence each, nothing changed", async () => {
    const c = await consumer("kv-bad");
    const publishProfile = { id: `pp-${randomUUID()}`, fields: { scheme: "PublishProfile", parameters: { tenantid: emulator.tenantId } } };
    const cases: Array<[Record<string, string>, Record<string, string>, RegExp]> = [
      [
        { keyVaultName: "https://127.0.0.1:9/" },
        {},
        /Could not reach the Key Vault 127\.0\.0\.1:9 \(ECONNREFUSED\): no vault of that name exists in the service connection's cloud, or the agent cannot reach it \(private endpoint, DNS, firewall\)\. Check the input 'keyVaultName'\./,
      ],
      [
        { keyVaultName: "https://contoso-kv.example.com/" },
        {},
        /The input 'keyVaultName' \('https:\/\/contoso-kv\.example\.com\/'\) is not a Key Vault URL: its host must end in \.vault\.azure\.net, \.vault\.azure\.cn, \.vault\.usgovcloudapi\.net\./,
      ],
      [
        { azureSubscription: publishProfile.id },
        armConnectionVariables(publishProfile.id, publishProfile.fields),
        new RegExp(
          `The service connection '${publishProfile.id}' signs in with 'PublishProfile', which the Key Vault store does not support`,
        ),
      ],
    ];
    for (const [inputs, env, sentence] of cases) {
      const run = await rotatePat({ ...c, connection: { ...c.connection, env: { ...c.connection.env, ...env } } }, inputs);
      assert.strictEqual(run.result, "Failed", run.log);
      assert.match(run.errors.join("\n"), sentence);
      assert.doesNotMatch(run.log, /Step create/i);
      await assertUnchanged(c, run);
    }
  });

  it("a connection whose federated credential names another subject: Entra's reason and the identity, nothing changed", async () => {
    const c = await consumer("kv-subject");
    const issuer = await emulator.pipelineOidcIssuer("contoso");
    await emulator.registerApp({
      clientId: c.clientId,
      federatedCredentials: [{ issuer, subject: `sc://contoso/${ROTATION_PROJECT}/another-connection` }],
    });
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Failed", run.log);
    assert.match(
      run.errors.join("\n"),
      new RegExp(
        `Could not sign in to Microsoft Entra ID as the service principal with application \\(client\\) ID ${c.clientId} \\(service connection '${c.connection.id}'\\) to read the secret 'DeployPat' in the Key Vault 127\\.0\\.0\\.1:\\d+: AADSTS700213: No matching federated identity record found for presented assertion subject 'sc://contoso/${ROTATION_PROJECT}/kv-subject-arm'\\.`,
      ),
    );
    await assertUnchanged(c, run);
  });

  it("lost answer: the vault's PUT applied but its answer dropped; the write is confirmed by reading the newest version", async () => {
    const c = await consumer("kv-lost");
    await emulator.addFault(lostAnswer("PUT", SECRETS));
    await emulator.clearRequests();
    const run = await rotatePat(c);
    assert.ok(
      (await emulator.requests()).some((r) => r.service === "keyvault" && r.method === "PUT" && r.dropped),
      "a PUT's answer was lost",
    );
    assert.strictEqual(run.result, "Succeeded", run.log);
    const fresh = await assertConverged(c, run);
    const versions = await emulator.keyVaultSecret(c.vaultUrl, c.secretName);
    assert.ok(versions.length >= 2, "the dropped write landed");
    assert.ok(
      versions.slice(1).every((v) => v.value === fresh.token),
      "every version written names the new PAT",
    );
    await rerunConverges(c);
  });

  it("throttled: a 429 with Retry-After on the vault's PUT is retried by the SDK", async () => {
    const c = await consumer("kv-429");
    await emulator.addFault(failing("PUT", SECRETS, 429, 2, 1));
    await emulator.clearRequests();
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    const puts = (await emulator.requests()).filter((r) => r.service === "keyvault" && r.method === "PUT");
    assert.deepStrictEqual(
      puts.map((r) => r.status),
      [401, 429, 429, 200].slice(puts.length === 4 ? 0 : 1),
    );
    await assertConverged(c, run);
  });

  it("Key Vault fails while the group succeeds: neither PAT is revoked, the log says which holds which, the rerun converges", async () => {
    // Key Vault Secrets User may read (the record) but not write: the vault refuses only the write.
    const c = await consumer("kv-split", { group: true, role: "Key Vault Secrets User" });
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Failed", run.log);
    await assertEveryStoreWorks(c, run);
    const pats = await emulator.pats(world.ada.id);
    const held = (await holdings(c)).map((h) => pats.find((p) => p.token === h.token)?.authorizationId);
    const fresh = pats.find((p) => p.authorizationId === held[0]) as EmuPat;
    assert.deepStrictEqual(held, [fresh.authorizationId, c.old.authorizationId]);
    assert.match(
      run.log,
      new RegExp(`Stores now holding the NEW PAT ${fresh.authorizationId}: variable group 'kv-split-secrets' \\(DeployPat\\)\\.`),
    );
    assert.match(
      run.log,
      new RegExp(`Stores still holding the OLD PAT ${c.old.authorizationId}: Key Vault secret 'DeployPat' in 127\\.0\\.0\\.1:\\d+\\.`),
    );
    assert.match(
      run.errors.join("\n"),
      /Could not store the new PAT in every store, so neither PAT was revoked: .*may not write secrets in the Key Vault 127\.0\.0\.1:\d+, which uses Azure role-based access control: assign it the role 'Key Vault Secrets Officer'/,
    );
    await emulator.grantKeyVault({ vaultUrl: c.vaultUrl, principal: { clientId: c.clientId }, role: "Key Vault Secrets Officer" });
    const rerun = await rerunConverges(c);
    const revoked = (await emulator.pats(world.ada.id)).filter((p) => p.revoked).map((p) => p.authorizationId);
    assert.ok(revoked.includes(c.old.authorizationId) && revoked.includes(fresh.authorizationId), rerun.log);
  });
  it("every store kind, Key Vault failing between the connection and GitHub: each store keeps a working PAT, the rerun converges", async () => {
    const c = await consumer("kv-all", { group: true, role: "Key Vault Secrets User" });
    const npm = await emulator.addServiceEndpoint("contoso", {
      projects: [ROTATION_PROJECT],
      name: "kv-all-npm",
      type: "externalnpmregistry",
      scheme: "Token",
      parameters: { apitoken: c.old.token },
    });
    const place = { repository: "contoso/kv-all" };
    await emulator.github.addRepository({ owner: "contoso", name: "kv-all" });
    await emulator.github.putSecret(place, "FEED_PAT", c.old.token);
    const githubToken = "github_pat_kv_all";
    secrets.push(githubToken);
    await emulator.github.addToken({ token: githubToken, kind: "fineGrained", permissions: { secrets: "write", variables: "write" } });
    const github = { githubConnection: "gh-kv-all", githubRepository: place.repository, githubSecretName: "FEED_PAT" };
    const everyStore = async (): Promise<Holding[]> => [
      ...(await holdings(c)),
      { store: "npm", token: (await emulator.serviceEndpoint(npm.id)).parameters.apitoken },
      { store: "GitHub", token: (await emulator.github.secret(place, "FEED_PAT"))?.value },
    ];
    const run = await rotatePat(
      c,
      { serviceConnection: "kv-all-npm", ...github },
      githubConnectionEnv("gh-kv-all", "PersonalAccessToken", githubToken),
    );
    assert.strictEqual(run.result, "Failed", run.log);
    assertStoresWork(await live(c), await everyStore(), run.log);
    const pats = await emulator.pats(world.ada.id);
    const held = (await everyStore()).map((h) => pats.find((p) => p.token === h.token)?.authorizationId);
    const fresh = held[0] as string;
    assert.deepStrictEqual(
      held,
      [fresh, c.old.authorizationId, fresh, c.old.authorizationId],
      "group and connection new; vault and GitHub old",
    );
    assert.match(
      run.log,
      new RegExp(`Stores still holding the OLD PAT ${c.old.authorizationId}: Key Vault secret 'DeployPat' in 127\\.0\\.0\\.1:\\d+, GitHub`),
    );
    await emulator.grantKeyVault({ vaultUrl: c.vaultUrl, principal: { clientId: c.clientId }, role: "Key Vault Secrets Officer" });
    const rerun = await rotatePat(
      c,
      { serviceConnection: "kv-all-npm", onlyIfExpiringWithinDays: "7", ...github },
      githubConnectionEnv("gh-kv-all", "PersonalAccessToken", githubToken),
    );
    assert.match(rerun.result ?? "", /^Succeeded/, rerun.log);
    assertOneCurrentPat({ name: c.name, alive: await live(c), holdings: await everyStore(), reportedIn: rerun.log });
  });
});
