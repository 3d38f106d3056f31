/** GitHub's REST API base URL: https://api.github.com, overridden only for the emulator on loopback. */
import { InputError } from "../api/input-error";
import { checkEmulatorUrl, isEmulatorMode } from "../api/endpoints";

const GITHUB_API = "https://api.github.com";
const GITHUB_API_OVERRIDE = "PAT_LIFECYCLE_GITHUB_API_URL";

/**
 * The API base URL. The override is honoured only in emulator mode (every Azure DevOps and Entra
 * override set, all loopback) and only when it is loopback itself: a GitHub token goes nowhere else.
 */
export function githubApiUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env[GITHUB_API_OVERRIDE]?.trim();
  if (!value) return GITHUB_API;
  const refused = new InputError(
    GITHUB_API_OVERRIDE,
    `${GITHUB_API_OVERRIDE} is set to '${value}', but it can only point at the local emulator (a loopback URL, with the other PAT_LIFECYCLE_*_URL overrides set): ` +
      "remove it from the pipeline's variables, variable groups and queue-time values, as the real GitHub API needs no override.",
  );
  let url: string;
  try {
    url = checkEmulatorUrl(GITHUB_API_OVERRIDE, value);
  } catch {
    throw refused;
  }
  if (!isEmulatorMode(env)) throw refused;
  return url;
}
