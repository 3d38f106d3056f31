/** The Key Vault store's inputs (read-key-vault.ts), read in process with INPUT_* and ENDPOINT_* variables as the agent sets them. */
import * as assert from "assert";
import { readRotateInputs } from "../../../tasks/RotatePatV1/read-inputs";
import { armConnectionVariables, type ArmConnectionFields } from "../../support/arm-connection";
import { readWithInputs, refusal, useTaskMessages } from "../../support/task-inputs";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0d5f2c7e-4a39-4c9b-9f4e-1f3f5a7c2b10";
const OIDC = "https://dev.azure.com/contoso/6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c/_apis/distributedtask/hubs/build/plans/1/jobs/2/oidctoken";
const federated: ArmConnectionFields = {
  scheme: "WorkloadIdentityFederation",
  parameters: { tenantid: TENANT, serviceprincipalid: CLIENT },
};
const JOB = { SECRET_SYSTEM_ACCESSTOKEN: "job-token-for-the-oidc-request", SYSTEM_OIDCREQUESTURI: OIDC };

/** Reads RotatePat's inputs with a Key Vault store over the connection `fields` (id ARM1). */
function read(inputs: Record<string, string>, fields: ArmConnectionFields = federated, variables: Record<string, string> = JOB) {
  return readWithInputs(
    { displayName: "deploy", azureSubscription: "ARM1", keyVaultName: "contoso-pipelines", secretName: "DeployPat", ...inputs },
    readRotateInputs,
    { ...armConnectionVariables("ARM1", fields), ...variables },
  );
}

describe("RotatePatV1 Key Vault inputs read in process", () => {
  before(() => useTaskMessages("RotatePatV1"));

  it("a vault name in the connection's cloud, workload identity federation with the job's token", () => {
    const { value } = read({});
    assert.deepStrictEqual(value?.keyVault, {
      vaultUrl: "https://contoso-pipelines.vault.azure.net/",
      secretName: "DeployPat",
      connection: {
        name: "ARM1",
        authorityHost: "https://login.microsoftonline.com",
        emulator: false,
        signIn: {
          scheme: "WorkloadIdentityFederation",
          tenantId: TENANT,
          clientId: CLIENT,
          connectionId: "ARM1",
          systemAccessToken: "job-token-for-the-oidc-request",
        },
      },
    });
  });

  it("sovereign clouds: the vault suffix and Entra host follow the connection's environment; a vault URL of any cloud is taken", () => {
    const china = read({}, { ...federated, data: { environment: "AzureChinaCloud" } }).value?.keyVault;
    assert.deepStrictEqual(
      [china?.vaultUrl, china?.connection.authorityHost],
      ["https://contoso-pipelines.vault.azure.cn/", "https://login.chinacloudapi.cn"],
    );
    const gov = read(
      { keyVaultName: "https://Contoso-Pipelines.vault.usgovcloudapi.net" },
      { ...federated, data: { environment: "AzureUSGovernment" } },
    ).value?.keyVault;
    assert.deepStrictEqual(
      [gov?.vaultUrl, gov?.connection.authorityHost],
      ["https://contoso-pipelines.vault.usgovcloudapi.net/", "https://login.microsoftonline.us"],
    );
  });

  it("a service principal: its secret (or certificate, line by line) is masked as it is read", () => {
    const secret = read(
      {},
      {
        scheme: "ServicePrincipal",
        parameters: {
          tenantid: TENANT,
          serviceprincipalid: CLIENT,
          authenticationType: "spnKey",
          serviceprincipalkey: "sp-secret-value-123",
        },
      },
      {},
    );
    assert.deepStrictEqual(secret.value?.keyVault?.connection.signIn, {
      scheme: "ServicePrincipal",
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: "sp-secret-value-123",
    });
    assert.match(secret.output, /##vso\[task\.setsecret\]sp-secret-value-123/);
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";
    const cert = read(
      {},
      {
        scheme: "ServicePrincipal",
        parameters: {
          tenantid: TENANT,
          serviceprincipalid: CLIENT,
          authenticationType: "spnCertificate",
          servicePrincipalCertificate: pem,
        },
      },
      {},
    );
    assert.strictEqual(cert.value?.keyVault?.connection.signIn.scheme, "ServicePrincipalCertificate");
    assert.match(cert.output, /##vso\[task\.setsecret\]MIIEvQIBADANBgkqhkiG9w0BAQEFAASC/);
    assert.match(cert.output, /##vso\[task\.setsecret\]BKcwggSjAgEAAoIBAQC7/);
  });

  it("a managed identity, system- or user-assigned; its endpoint only on the machine itself", () => {
    const system = read({}, { scheme: "ManagedServiceIdentity", parameters: { tenantid: TENANT } }, {}).value?.keyVault?.connection.signIn;
    assert.deepStrictEqual(system, { scheme: "ManagedServiceIdentity", clientId: undefined });
    const user = read({}, { scheme: "ManagedServiceIdentity", parameters: { tenantid: TENANT }, data: { msiclientId: CLIENT } }, {}).value
      ?.keyVault?.connection.signIn;
    assert.deepStrictEqual(user, { scheme: "ManagedServiceIdentity", clientId: CLIENT });
    const foreign = read(
      {},
      { scheme: "ManagedServiceIdentity", parameters: { tenantid: TENANT } },
      { IDENTITY_ENDPOINT: "https://collector.example.com/msi/token" },
    );
    assert.deepStrictEqual(refusal(foreign), [
      "azureSubscription",
      "The environment variable IDENTITY_ENDPOINT points at 'collector.example.com', but a managed identity endpoint is always on the agent's own machine, so no token is asked for there. Remove the pipeline variable of that name, which overrides the machine's value.",
    ]);
  });

  it("refusals name the input and say what to do", () => {
    const cases: Array<[ReturnType<typeof read>, string, RegExp]> = [
      [
        read({ secretName: "" }),
        "secretName",
        /needs the inputs 'azureSubscription', 'keyVaultName' and 'secretName' together; 'secretName' is empty/,
      ],
      [read({ azureSubscription: "" }), "azureSubscription", /'azureSubscription' is empty/],
      [
        read({ secretName: "deploy_pat" }),
        "secretName",
        /The input 'secretName' \('deploy_pat'\) is not a valid Key Vault secret name: use 1 to 127 letters, digits and dashes\./,
      ],
      [
        read({ keyVaultName: "https://contoso.vault.azure.net.evil.example/" }),
        "keyVaultName",
        /is not a Key Vault URL: its host must end in \.vault\.azure\.net, \.vault\.azure\.cn, \.vault\.usgovcloudapi\.net/,
      ],
      [read({ keyVaultName: "http://contoso-pipelines.vault.azure.net/" }), "keyVaultName", /must be an https:\/\/ URL/],
      [
        read({ keyVaultName: "https://contoso-pipelines.vault.azure.net/secrets/DeployPat" }),
        "keyVaultName",
        /has a path; give only the vault's URI/,
      ],
      [
        read({ keyVaultName: "https://127.0.0.1:8443/" }),
        "keyVaultName",
        /points at this machine, which only the emulator of the tests may do/,
      ],
      [
        read({ keyVaultName: "a" }),
        "keyVaultName",
        /is not a valid vault name\. Give the vault's name \(for example contoso-pipelines\) or its Vault URI/,
      ],
      [
        read({ action: "extend" }),
        "keyVaultName",
        /The input 'action' is 'extend', which keeps the PAT's secret, so the Key Vault secret 'DeployPat' would receive nothing/,
      ],
      [
        read({}, { ...federated, data: { environment: "AzureStack" } }),
        "azureSubscription",
        /is for the Azure environment 'AzureStack', which this task cannot write to/,
      ],
      [
        read({}, { scheme: "PublishProfile", parameters: { tenantid: TENANT } }),
        "azureSubscription",
        /signs in with 'PublishProfile', which the Key Vault store does not support/,
      ],
      [
        read({}, { scheme: "ServicePrincipal", parameters: { tenantid: TENANT, serviceprincipalid: CLIENT } }),
        "azureSubscription",
        /The service connection 'ARM1' has no 'serviceprincipalkey' \(scheme ServicePrincipal\)/,
      ],
      [read({}, federated, { SYSTEM_OIDCREQUESTURI: OIDC }), "azureSubscription", /needs the job's access token \(System\.AccessToken\)/],
      [
        read({}, federated, { SECRET_SYSTEM_ACCESSTOKEN: "job" }),
        "azureSubscription",
        /needs the job's OIDC endpoint \(System\.OidcRequestUri\)/,
      ],
    ];
    for (const [result, input, sentence] of cases) {
      const [named, message] = refusal(result);
      assert.strictEqual(named, input, message);
      assert.match(message, sentence);
    }
  });

  it("an OIDC request URI that is not Azure DevOps gets no job token, whatever a pipeline variable says", () => {
    for (const uri of [
      "https://collector.example.com/oidctoken",
      "http://dev.azure.com/contoso/x/oidctoken",
      "https://127.0.0.1:8443/oidctoken",
    ]) {
      const [input, message] = refusal(read({}, federated, { ...JOB, SYSTEM_OIDCREQUESTURI: uri }));
      assert.strictEqual(input, "azureSubscription");
      assert.match(
        message,
        /System\.OidcRequestUri \(SYSTEM_OIDCREQUESTURI\) points at '.+', not Azure DevOps, so the job's token is not sent there\./,
      );
    }
    assert.ok(read({}, federated, { ...JOB, SYSTEM_OIDCREQUESTURI: "https://contoso.visualstudio.com/p/_apis/oidctoken" }).value?.keyVault);
  });
});
