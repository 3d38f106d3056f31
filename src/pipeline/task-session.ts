/**
 * What every task starts with: the sign-in inputs read and masked, a signed-in Entra user, the
 * rotated refresh token saved (before any PAT is touched), and HTTP clients through the agent's proxy.
 */
import * as tl from "azure-pipelines-task-lib/task";
import { CollectionContext, OrgContext } from "../api/context";
import { Endpoints, endpointsFromEnv, parseOrganization } from "../api/endpoints";
import { HttpClient } from "../api/http";
import { bearer } from "../api/credential";
import { agentFetch } from "./agent-fetch";
import { requirePermissions } from "../auth/access-token";
import { MessageError } from "../messages/shared-messages";
import type { PermissionNeed } from "../auth/token-permissions";
import { renewingAccessToken } from "../auth/renewing-token";
import { signIn, SignInResult } from "../auth/sign-in";
import { taskNow } from "./clock";
import { readString } from "./inputs";
import { readJobAccessToken } from "./secrets";
import { readTaskCredentials } from "./task-credentials";
import { logLine, logWarning } from "./task-log";
import { taskMessage } from "./task-messages";
import { writeBackRefreshToken } from "./refresh-token-writeback";
import { issuedAtVariable, readIssuedAt, saveIssuedAt } from "./refresh-token-issued-at";
import { signInHealth } from "./sign-in-health";

export interface TaskSession {
  endpoints: Endpoints;
  /** The organization of the job (System.CollectionUri), signed in as the Entra user (renewed before it expires). */
  org: OrgContext;
  /** The job's collection, with System.AccessToken (the Entra user's token when the job has none). */
  collection: CollectionContext;
  /** System.TeamProject; empty outside a project. */
  project: string;
  signIn: SignInResult;
  /** The run's sign-in health sentence (also logged), for a summary; undefined when there is none to say. */
  signInHealth?: string;
  /** The user's access token, renewed before it expires: use it (not signIn.accessToken) for long runs. */
  accessToken: () => Promise<string>;
  now: () => Date;
  /** fetch through the agent's proxy, for HttpClients of other credentials (a new PAT). */
  fetch: typeof fetch;
}

const DEFAULT_REFRESH_TOKEN_VARIABLE = "PatLifecycleRefreshToken";

/**
 * `needs`: what the task is about to do; the access token's delegated permissions are checked against it
 * after the refresh token is saved and before the first Azure DevOps call.
 */
export async function openTaskSession(needs: readonly PermissionNeed[]): Promise<TaskSession> {
  const { method, credentials } = readTaskCredentials();
  const chained = method === "refreshToken" || method === "connection";
  // Read before signing in: a bad value must fail the run before Entra rotates the refresh token.
  const issuedAt = chained ? readIssuedAt() : undefined;
  const jobToken = readJobAccessToken();
  const fetchThroughAgent = agentFetch();
  const endpoints = endpointsFromEnv();
  const collectionUrl = withSlash(requiredVariable("System.CollectionUri"));
  const organization = parseOrganization(collectionUrl, endpoints);
  const project = tl.getVariable("System.TeamProject") ?? "";

  const result = await signIn(credentials, { authorityHost: endpoints.authorityHost, now: taskNow, fetch: fetchThroughAgent });
  // Masked before anything else is logged: the agent hides them in every later line.
  tl.setSecret(result.accessToken);
  if (result.rotatedRefreshToken) tl.setSecret(result.rotatedRefreshToken);
  logLine(taskMessage("SignedIn", result.user.upn, result.user.tenantId));
  for (const warning of result.warnings) logWarning(warning);

  let healthLine: string | undefined;
  const jobHttp = jobToken ? new HttpClient({ credential: bearer(() => jobToken, "jobToken"), fetch: fetchThroughAgent }) : undefined;
  if (result.rotatedRefreshToken) {
    // Only a refresh token chain dies when not saved; a password sign-in just offers the new one.
    const groupName = chained ? readString("refreshTokenVariableGroup") : undefined;
    const group = groupName
      ? {
          nameOrId: groupName,
          variableName: readString("refreshTokenVariableName") ?? DEFAULT_REFRESH_TOKEN_VARIABLE,
          project: project || requiredVariable("System.TeamProject"),
          collection: jobHttp && { http: jobHttp, collectionUrl },
        }
      : undefined;
    const now = taskNow();
    // With the issue date known, the health line below warns when it matters instead of every run.
    await writeBackRefreshToken({
      refreshToken: result.rotatedRefreshToken,
      variableGroup: group,
      warnWhenNotSaved: chained && !issuedAt,
      now,
    });
    if (group?.collection) await keepIssuedAt(group.collection, group.project, group.nameOrId, group.variableName, now);
    const health = signInHealth({ renewedIn: groupName, issuedAt, now });
    if (health) {
      healthLine = taskMessage(health.key, ...health.args);
      (health.warn ? logWarning : logLine)(healthLine);
    } else if (chained) {
      healthLine = taskMessage("SignInHealthUnknown");
    }
  }

  requirePermissions(result.accessToken, needs);
  const accessToken = renewingAccessToken(credentials, result, {
    authorityHost: endpoints.authorityHost,
    now: taskNow,
    fetch: fetchThroughAgent,
    onNewSecret: (secret) => tl.setSecret(secret),
  });
  const userHttp = new HttpClient({ credential: bearer(accessToken), fetch: fetchThroughAgent });
  return {
    endpoints,
    org: { http: userHttp, endpoints, organization },
    collection: { http: jobHttp ?? userHttp, collectionUrl },
    project,
    signIn: result,
    signInHealth: healthLine,
    accessToken,
    now: taskNow,
    fetch: fetchThroughAgent,
  };
}

/** The companion date is a help, not the token: failing to save it is a warning. */
async function keepIssuedAt(collection: CollectionContext, project: string, group: string, variableName: string, now: Date): Promise<void> {
  try {
    await saveIssuedAt(collection, project, group, variableName, now);
  } catch (error) {
    logWarning(
      taskMessage(
        "SignInHealthIssuedAtNotSaved",
        issuedAtVariable(variableName),
        group,
        error instanceof Error ? error.message : String(error),
      ),
    );
  }
}

function requiredVariable(name: string): string {
  const value = tl.getVariable(name)?.trim();
  if (!value) throw new MessageError("VariableMissing", name);
  return value;
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
