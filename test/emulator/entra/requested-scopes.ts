/** What a `scope` parameter asks for: the OIDC extras and the resource the access token is for. */
import { AZURE_DEVOPS_RESOURCE } from "./token-minter";

const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);
const AZURE_DEVOPS_ALIASES = new Set([
  AZURE_DEVOPS_RESOURCE,
  "https://app.vssps.visualstudio.com",
  "api://499b84ac-1321-427f-aa17-267ca6975798",
]);
const MICROSOFT_GRAPH = "00000003-0000-0000-c000-000000000000";

export interface RequestedScopes {
  all: string[];
  openid: boolean;
  offlineAccess: boolean;
  /** The resource's app id, as it appears in `aud`. */
  resource: string;
  /** Permission names granted on the resource (the `scp` claim). */
  permissions: string[];
  /** The `scope` value of the token response. */
  responseScope: string;
  usesDefault: boolean;
}

export function parseScopes(raw: string | null | undefined): RequestedScopes {
  const all = (raw ?? "").split(/\s+/).filter(Boolean);
  const resourceScopes = all.filter((s) => !OIDC_SCOPES.has(s));
  let resource = MICROSOFT_GRAPH;
  let permissions = ["User.Read"];
  let usesDefault = false;
  if (resourceScopes.length) {
    const first = resourceScopes[0];
    const slash = first.lastIndexOf("/");
    const id = slash > 0 ? first.slice(0, slash) : MICROSOFT_GRAPH;
    resource = AZURE_DEVOPS_ALIASES.has(id.toLowerCase()) ? AZURE_DEVOPS_RESOURCE : id;
    const names = resourceScopes.map((s) => s.slice(s.lastIndexOf("/") + 1));
    usesDefault = names.includes(".default");
    // .default means "every permission consented for the app"; forApp() puts the app's Azure DevOps grants in.
    permissions = usesDefault ? (resource === AZURE_DEVOPS_RESOURCE ? [] : ["User.Read"]) : names;
  }
  const prefix = resource === MICROSOFT_GRAPH ? "" : `${resource}/`;
  return {
    all,
    openid: all.includes("openid"),
    offlineAccess: all.includes("offline_access"),
    resource,
    permissions,
    responseScope: permissions.map((p) => `${prefix}${p}`).join(" "),
    usesDefault,
  };
}

/**
 * What the app gets for this request: `.default` on Azure DevOps = every permission its registration was
 * granted; named permissions must all be granted, else `notGranted` lists them (Entra answers consent_required).
 */
export function forApp(requested: RequestedScopes, granted: string[]): RequestedScopes & { notGranted: string[] } {
  if (requested.resource !== AZURE_DEVOPS_RESOURCE) return { ...requested, notGranted: [] };
  const permissions = requested.usesDefault ? granted : requested.permissions;
  const notGranted = requested.usesDefault ? [] : permissions.filter((p) => !granted.includes(p));
  return { ...requested, permissions, notGranted, responseScope: permissions.map((p) => `${AZURE_DEVOPS_RESOURCE}/${p}`).join(" ") };
}
