/**
 * The Key Vault store's inputs: the Azure Resource Manager connection (read with task-lib, secrets masked at once),
 * the vault and the secret name. The OIDC request URI and Entra's host may only be Microsoft's (or, in emulator
 * mode, loopback): they receive the job's token and the connection's secret.
 */
import * as tl from "azure-pipelines-task-lib/task";
import { endpointsFromEnv, isEmulatorMode, isLoopbackHost } from "../../src/api/endpoints";
import { InputError } from "../../src/api/input-error";
import { readString } from "../../src/pipeline/inputs";
import { readEndpointField, readJobAccessToken } from "../../src/pipeline/secrets";
import { azureCloud } from "../../src/key-vault/azure-clouds";
import type { ArmConnection, ArmSignIn } from "../../src/key-vault/azure-credential";
import { isValidSecretName } from "../../src/key-vault/key-vault-store";
import { vaultUrl } from "../../src/key-vault/vault-address";
import { loc } from "./loc";

export interface KeyVaultInputs {
  connection: ArmConnection;
  vaultUrl: string;
  secretName: string;
}

/** Undefined when none of the three inputs is set; an InputError when only some are, or one is wrong. */
export function readKeyVaultInputs(): KeyVaultInputs | undefined {
  const connectionId = readString("azureSubscription");
  const vault = readString("keyVaultName");
  const secretName = readString("secretName");
  if (!connectionId && !vault && !secretName) return undefined;
  if (!connectionId) throw new InputError("azureSubscription", loc("InputKeyVaultPartial", "azureSubscription"));
  if (!vault) throw new InputError("keyVaultName", loc("InputKeyVaultPartial", "keyVaultName"));
  if (!secretName) throw new InputError("secretName", loc("InputKeyVaultPartial", "secretName"));
  if (!isValidSecretName(secretName)) throw new InputError("secretName", loc("InputSecretNameInvalid", secretName));
  const emulator = isEmulatorMode();
  const environment = tl.getEndpointDataParameter(connectionId, "environment", true)?.trim();
  const cloud = azureCloud(environment);
  if (!cloud) throw new InputError("azureSubscription", loc("InputArmCloudUnsupported", connectionId, environment ?? ""));
  const connection: ArmConnection = {
    name: connectionId,
    signIn: readSignIn(connectionId),
    authorityHost: emulator ? endpointsFromEnv().authorityHost : cloud.authorityHost,
    emulator,
  };
  return { connection, vaultUrl: vaultUrl(vault, cloud, { emulator }), secretName };
}

function readSignIn(id: string): ArmSignIn {
  const scheme = tl.getEndpointAuthorizationScheme(id, true)?.trim() ?? "";
  const field = (key: string, secret = false) => readEndpointField(id, key, { secret });
  const required = (key: string, secret = false): string => {
    const value = field(key, secret);
    if (!value) throw new InputError("azureSubscription", loc("InputArmFieldMissing", id, key, scheme));
    return value;
  };
  switch (scheme.toLowerCase()) {
    case "workloadidentityfederation":
      checkOidcRequestUri();
      return {
        scheme: "WorkloadIdentityFederation",
        tenantId: required("tenantid"),
        clientId: required("serviceprincipalid"),
        connectionId: id,
        systemAccessToken: jobToken(),
      };
    case "serviceprincipal":
    case "": {
      // azure-arm-rest's AzureRMEndpoint: no scheme means ServicePrincipal; authenticationType spnCertificate or spnKey.
      const tenantId = required("tenantid");
      const clientId = required("serviceprincipalid");
      if (field("authenticationType")?.toLowerCase() === "spncertificate") {
        return { scheme: "ServicePrincipalCertificate", tenantId, clientId, certificatePem: required("servicePrincipalCertificate", true) };
      }
      return { scheme: "ServicePrincipal", tenantId, clientId, clientSecret: required("serviceprincipalkey", true) };
    }
    case "managedserviceidentity":
      checkManagedIdentityEndpoints();
      return { scheme: "ManagedServiceIdentity", clientId: field("msiclientId") };
    default:
      throw new InputError("azureSubscription", loc("InputArmSchemeUnsupported", id, scheme));
  }
}

function jobToken(): string {
  const token = readJobAccessToken();
  if (!token) throw new InputError("azureSubscription", loc("InputArmNoJobToken"));
  return token;
}

/**
 * AzurePipelinesCredential posts the job's token to SYSTEM_OIDCREQUESTURI, an environment variable a pipeline
 * variable could set: it must be Azure DevOps (or the emulator), else nothing is sent.
 */
function checkOidcRequestUri(): void {
  const value = process.env.SYSTEM_OIDCREQUESTURI?.trim() ?? "";
  if (!value) throw new InputError("azureSubscription", loc("InputArmNoOidcUri"));
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const host = url?.hostname.toLowerCase() ?? "";
  const azureDevOps = url?.protocol === "https:" && (host === "dev.azure.com" || host.endsWith(".visualstudio.com"));
  if (!azureDevOps && !(isEmulatorMode() && isLoopbackHost(host))) {
    throw new InputError("azureSubscription", loc("InputArmOidcUriForeign", url?.host ?? value));
  }
}

/** Managed identity endpoints are on the machine itself (App Service, Azure Arc) or IMDS, which msal uses when none is set. */
function checkManagedIdentityEndpoints(): void {
  for (const name of ["IDENTITY_ENDPOINT", "MSI_ENDPOINT", "IMDS_ENDPOINT"]) {
    const value = process.env[name]?.trim();
    if (!value) continue;
    const host = URL.canParse(value) ? new URL(value).hostname : value;
    if (!isLoopbackHost(host)) throw new InputError("azureSubscription", loc("InputManagedIdentityEndpointForeign", name, host));
  }
}
