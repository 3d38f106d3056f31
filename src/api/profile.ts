/** The signed-in user's profile and organizations (`app.vssps.visualstudio.com`). */
import type { Endpoints } from "./endpoints";
import { ApiError } from "./errors";
import type { HttpClient } from "./http";
import type { Account, Profile } from "./model";

const PROFILE_API_VERSION = "7.1-preview.3";
const ACCOUNTS_API_VERSION = "7.1";

/** Who the credential signs in as (`profiles/me`). */
export async function getMyProfile(http: HttpClient, endpoints: Endpoints): Promise<Profile> {
  const url = `${endpoints.profile}/_apis/profile/profiles/me`;
  const res = await http.request<Profile>({
    method: "GET",
    url,
    apiVersion: PROFILE_API_VERSION,
    action: "read the signed-in user's profile",
  });
  if (!res.body || typeof res.body.id !== "string") throw new ApiError("Azure DevOps answered the profile request without an id.", { url });
  return res.body;
}

/** The organizations a member (profile id) belongs to. */
export async function listMyAccounts(http: HttpClient, endpoints: Endpoints, memberId: string): Promise<Account[]> {
  const url = `${endpoints.profile}/_apis/accounts`;
  const res = await http.request<{ value?: Account[] } | Account[]>({
    method: "GET",
    url,
    apiVersion: ACCOUNTS_API_VERSION,
    query: { memberId },
    action: "list the signed-in user's organizations",
  });
  const accounts = Array.isArray(res.body) ? res.body : res.body?.value;
  if (!Array.isArray(accounts)) throw new ApiError("Azure DevOps answered the organization list without a value array.", { url });
  return accounts;
}
