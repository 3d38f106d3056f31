/**
 * Where the hub sends its calls. Production uses the real hosts; a local host page (test/host, the
 * playground) may point the hub at the emulator through the SDK configuration, loopback URLs only,
 * so no configuration can send a user's token anywhere but the real services or this machine.
 */
import { endpointsFromEnv, isLoopbackHost, type Endpoints } from "../../api/endpoints";

/** SDK configuration key: `{ vsspsUrl?, devopsUrl?, authorityHost? }`. */
const ENDPOINTS_CONFIGURATION_KEY = "patLifecycleEndpoints";

const OVERRIDES = {
  vsspsUrl: "PAT_LIFECYCLE_VSSPS_URL",
  devopsUrl: "PAT_LIFECYCLE_DEVOPS_URL",
  authorityHost: "PAT_LIFECYCLE_AUTHORITY_HOST",
} as const;

export function hubEndpoints(configuration: Record<string, unknown>): Endpoints {
  const given = configuration[ENDPOINTS_CONFIGURATION_KEY];
  const env: Record<string, string> = {};
  if (given && typeof given === "object") {
    for (const [key, variable] of Object.entries(OVERRIDES)) {
      const value = (given as Record<string, unknown>)[key];
      if (typeof value === "string" && isLoopbackUrl(value)) env[variable] = value;
    }
  }
  return endpointsFromEnv(env);
}

function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopbackHost(new URL(value).hostname);
  } catch {
    return false;
  }
}
