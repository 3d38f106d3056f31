/**
 * Base URLs of the services we call, and the organization input. The ONE place reading the
 * PAT_LIFECYCLE_* endpoint overrides, which may only point at the local emulator (loopback).
 */
import { InputError, parseUrlInput } from "./input-error";

/** Service base URLs, without trailing slash. */
export interface Endpoints {
  vssps: string;
  devops: string;
  authorityHost: string;
  profile: string;
  /** The audit log's host (auditservice.dev.azure.com). */
  audit: string;
}

const DEFAULTS = {
  vssps: "https://vssps.dev.azure.com",
  devops: "https://dev.azure.com",
  authorityHost: "https://login.microsoftonline.com",
  profile: "https://app.vssps.visualstudio.com",
  audit: "https://auditservice.dev.azure.com",
};

type Env = Record<string, string | undefined>;

/** The endpoint overrides, by variable name. Each may only point at the local emulator. */
export const ENDPOINT_OVERRIDES = ["PAT_LIFECYCLE_VSSPS_URL", "PAT_LIFECYCLE_DEVOPS_URL", "PAT_LIFECYCLE_AUTHORITY_HOST"] as const;

/**
 * Reads the endpoint overrides (browser-safe: without `process` the defaults apply). An override
 * that is set must point at a loopback address (the emulator); anything else throws an InputError
 * naming the variable, before any code could resolve or connect to that host.
 */
export function endpointsFromEnv(env?: NodeJS.ProcessEnv): Endpoints {
  const e: Env = env ?? (typeof process !== "undefined" ? process.env : {});
  const read = (name: (typeof ENDPOINT_OVERRIDES)[number]) => (e[name] ? checkEmulatorUrl(name, e[name]) : undefined);
  const vssps = read("PAT_LIFECYCLE_VSSPS_URL");
  return {
    vssps: vssps ?? DEFAULTS.vssps,
    devops: read("PAT_LIFECYCLE_DEVOPS_URL") ?? DEFAULTS.devops,
    authorityHost: read("PAT_LIFECYCLE_AUTHORITY_HOST") ?? DEFAULTS.authorityHost,
    // The emulator plays the profile service on its vssps host.
    profile: vssps ?? DEFAULTS.profile,
    // ... and the audit service too.
    audit: vssps ?? DEFAULTS.audit,
  };
}

/**
 * Emulator mode: every endpoint override is set (and, as endpointsFromEnv checks, loopback), so no
 * call of this process can reach a real service. Test hooks that change a decision (the fixed clock)
 * are honoured only then.
 */
export function isEmulatorMode(env?: NodeJS.ProcessEnv): boolean {
  const e: Env = env ?? (typeof process !== "undefined" ? process.env : {});
  endpointsFromEnv(e);
  return ENDPOINT_OVERRIDES.every((name) => !!e[name]);
}

/** True for 127.0.0.0/8, ::1 and localhost: where the emulator runs. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** `value` of the override `name` as a base URL without trailing slash, when it points at loopback over http(s); else an InputError naming it. */
export function checkEmulatorUrl(name: string, value: string): string {
  const url = parseUrlInput(
    name,
    value,
    `${name} is not a URL: '${value}'. It can only point at the local emulator, for example https://127.0.0.1:8443.`,
  );
  if (!isLoopbackHost(url.hostname)) {
    throw new InputError(
      name,
      `${name} is set to '${url.host}', but it can only point at the local emulator (a loopback address such as https://127.0.0.1:8443): ` +
        `remove it from the pipeline's variables, variable groups and queue-time values (or from your environment), as the real services need no override.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputError(name, `${name} must be an https:// or http:// URL of the local emulator: '${value}'.`);
  }
  return url.toString().replace(/\/+$/, "");
}

const ORG_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/;

const ACCEPTED_FORMS =
  "Use the organization name (myorg) or one of its URLs: https://dev.azure.com/myorg/, " +
  "https://myorg.visualstudio.com/ or https://vssps.dev.azure.com/myorg.";

/**
 * The organization name from `myorg`, `https://dev.azure.com/myorg/`, `https://myorg.visualstudio.com/`
 * or `https://vssps.dev.azure.com/myorg` (and the emulator's overrides + `/myorg`); else InputError.
 */
export function parseOrganization(input: string, endpoints?: Endpoints): string {
  const given = (input ?? "").trim();
  // "dev.azure.com/myorg" or "myorg.visualstudio.com" typed without a scheme.
  const text = !/^[a-z][a-z0-9+.-]*:/i.test(given) && /^[^/\s]+\.[^/\s]+(\/|$)/.test(given) ? `https://${given}` : given;
  const fail = (why: string): never => {
    throw new InputError("organization", `The organization '${given}' ${why}. ${ACCEPTED_FORMS}`);
  };
  if (text === "") return fail("is empty");
  if (!text.includes("/") && !text.includes(":")) return ORG_NAME.test(text) ? text : fail("is not a valid organization name");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail("is neither an organization name nor a URL");
  }
  const host = url.hostname.toLowerCase();
  const firstSegment = url.pathname.split("/").filter((s) => s !== "")[0] ?? "";
  const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(host));
  if (!secure) return fail("must use https://");
  const vsMatch = /^([a-z0-9][a-z0-9-]*)\.visualstudio\.com$/.exec(host);
  if (vsMatch) return checkName(vsMatch[1], fail);
  const e = endpoints ?? endpointsFromEnv();
  const pathHosts = ["dev.azure.com", "vssps.dev.azure.com", ...[e.vssps, e.devops].map(originOf)];
  if (pathHosts.includes(host) || pathHosts.includes(url.host.toLowerCase()) || isLoopbackHost(host)) {
    return firstSegment ? checkName(firstSegment, fail) : fail("does not name an organization after the host");
  }
  return fail("is not an Azure DevOps URL");
}

function checkName(name: string, fail: (why: string) => never): string {
  return ORG_NAME.test(name) ? name : fail("does not contain a valid organization name");
}

function originOf(base: string): string {
  try {
    return new URL(base).host.toLowerCase();
  } catch {
    return "";
  }
}
