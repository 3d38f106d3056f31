/** The @azure/identity credential of an Azure Resource Manager service connection, by its authorization scheme. */
import {
  AzurePipelinesCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
  type TokenCredentialOptions,
} from "@azure/identity";

/** What signs in to Key Vault, as read from the connection (secrets already masked). */
export type ArmSignIn =
  | { scheme: "WorkloadIdentityFederation"; tenantId: string; clientId: string; connectionId: string; systemAccessToken: string }
  | { scheme: "ServicePrincipal"; tenantId: string; clientId: string; clientSecret: string }
  | { scheme: "ServicePrincipalCertificate"; tenantId: string; clientId: string; certificatePem: string }
  | { scheme: "ManagedServiceIdentity"; clientId?: string };

export interface ArmConnection {
  /** The connection as the pipeline names it (the input's value). */
  name: string;
  signIn: ArmSignIn;
  /** Microsoft Entra's host for the connection's cloud, or the emulator's. */
  authorityHost: string;
  /** Emulator mode: msal skips instance discovery (it would ask login.microsoftonline.com about the loopback host). */
  emulator: boolean;
}

/** The part of the Azure SDK's client options (CommonClientOptions) the agent's proxy and certificate settings fill in. */
export type ClientOptions = Pick<TokenCredentialOptions, "tlsOptions" | "httpClient">;

export function armCredential(c: ArmConnection, clientOptions: ClientOptions = {}): TokenCredential {
  const options = { ...clientOptions, authorityHost: c.authorityHost, disableInstanceDiscovery: c.emulator };
  const s = c.signIn;
  switch (s.scheme) {
    case "WorkloadIdentityFederation":
      // Reads the job's OIDC token from SYSTEM_OIDCREQUESTURI, which arm-connection.ts checked first.
      return new AzurePipelinesCredential(s.tenantId, s.clientId, s.connectionId, s.systemAccessToken, options);
    case "ServicePrincipal":
      return new ClientSecretCredential(s.tenantId, s.clientId, s.clientSecret, options);
    case "ServicePrincipalCertificate":
      return new ClientCertificateCredential(s.tenantId, s.clientId, { certificate: s.certificatePem }, options);
    case "ManagedServiceIdentity":
      return s.clientId
        ? new ManagedIdentityCredential({ ...clientOptions, clientId: s.clientId })
        : new ManagedIdentityCredential(clientOptions);
  }
}

/** Who the vault sees, for sentences: "the service principal <app id> of the connection '<name>'". */
export function armIdentity(c: ArmConnection): string {
  if (c.signIn.scheme === "ManagedServiceIdentity") {
    const which = c.signIn.clientId ? `the user-assigned managed identity ${c.signIn.clientId}` : "the agent's managed identity";
    return `${which} (service connection '${c.name}')`;
  }
  return `the service principal with application (client) ID ${c.signIn.clientId} (service connection '${c.name}')`;
}
