/**
 * Reads the sign-in inputs of a task (or its Microsoft Entra user service connection) into
 * EntraCredentials. Secrets are read first and masked at once; service principals and managed
 * identities are refused here, before any call, with the reason.
 */
import * as tl from "azure-pipelines-task-lib/task";
import { InputError } from "../api/input-error";
import { EntraCredentials } from "../auth/credentials";
import { MessageError } from "../messages/shared-messages";
import { readChoice, readString } from "./inputs";
import { readEndpointField, readSecretInput } from "./secrets";
import { taskMessage } from "./task-messages";

const AUTHENTICATION_METHODS = ["connection", "refreshToken", "accessToken", "usernamePassword"] as const;
type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];

export interface TaskCredentials {
  method: AuthenticationMethod;
  credentials: EntraCredentials;
}

/** Method names people try for app identities: answered with why, not "not one of". */
const APP_IDENTITY_METHODS =
  /^(service ?principal|spn|managed ?(service ?)?identity|msi|workload ?identity( ?federation)?|client ?credentials?|client ?secret)$/i;
/** Authorization schemes of Azure Resource Manager connections (app identities). */
const APP_IDENTITY_SCHEMES = /^(ServicePrincipal|ManagedServiceIdentity|WorkloadIdentityFederation)$/i;

export function readTaskCredentials(): TaskCredentials {
  // Secrets first: each is masked before any other input is read (and debug-logged).
  const secrets = {
    clientSecret: readSecretInput("clientSecret"),
    refreshToken: readSecretInput("refreshToken"),
    accessToken: readSecretInput("accessToken"),
    password: readSecretInput("password"),
  };
  const rawMethod = readString("authenticationMethod") ?? "connection";
  if (APP_IDENTITY_METHODS.test(rawMethod)) throw new MessageError("AuthServicePrincipalRefused", `authenticationMethod '${rawMethod}'`);
  const method = readChoice("authenticationMethod", AUTHENTICATION_METHODS, { default: "connection" });
  const required = (name: string, value: string | undefined): string => {
    if (value === undefined) throw new InputError(name, taskMessage("InputRequiredForMethod", name, method));
    return value;
  };

  // The app registration both refresh-token and username/password sign-in use, read in this order.
  const app = () => ({
    tenantId: required("tenantId", readString("tenantId")),
    clientId: required("clientId", readString("clientId")),
    clientSecret: secrets.clientSecret,
  });

  switch (method) {
    case "accessToken":
      return { method, credentials: { method, accessToken: required("accessToken", secrets.accessToken) } };
    case "usernamePassword":
      return {
        method,
        credentials: {
          method,
          ...app(),
          username: required("username", readString("username")),
          password: required("password", secrets.password),
        },
      };
    case "refreshToken": {
      if (secrets.refreshToken === undefined && secrets.clientSecret !== undefined) {
        throw new MessageError(
          "AuthServicePrincipalRefused",
          "A client ID and client secret without a refresh token (a service principal)",
        );
      }
      return { method, credentials: { method, ...app(), refreshToken: required("refreshToken", secrets.refreshToken) } };
    }
    case "connection":
      return { method, credentials: readConnection(required("entraConnection", readString("entraConnection")), secrets.refreshToken) };
  }
}

/** The connection's fields; a refreshToken input (a newer token from a variable group) wins over its own. */
function readConnection(id: string, newerRefreshToken: string | undefined): EntraCredentials {
  const clientSecret = readEndpointField(id, "clientSecret", { secret: true });
  const refreshToken = newerRefreshToken ?? readEndpointField(id, "refreshToken", { secret: true });
  const scheme = tl.getEndpointAuthorizationScheme(id, true) ?? "";
  if (APP_IDENTITY_SCHEMES.test(scheme))
    throw new MessageError("AuthServicePrincipalRefused", `The service connection '${id}' (${scheme})`);
  const field = (key: string, label: string, value: string | undefined): string => {
    if (value === undefined) throw new MessageError("ConnectionFieldMissing", id, label);
    return value;
  };
  return {
    method: "refreshToken",
    tenantId: field("tenantId", "tenant ID", readEndpointField(id, "tenantId", { secret: false })),
    clientId: field("clientId", "client ID", readEndpointField(id, "clientId", { secret: false })),
    clientSecret,
    refreshToken: field("refreshToken", "refresh token", refreshToken),
  };
}
