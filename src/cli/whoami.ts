/**
 * `pat-lifecycle whoami`: signs in with the stored refresh token to show who it is and how long it
 * has left, and keeps the credentials file fresh with the refresh token Entra rotates in.
 */
import { endpointsFromEnv } from "../api/endpoints";
import { decodeAccessToken } from "../auth/access-token";
import { refreshTokenStopsWorking } from "../auth/credentials";
import { missingPermissions, NEED_NAMES, type PermissionNeed } from "../auth/token-permissions";
import { signIn } from "../auth/sign-in";
import { CredentialsSaveError, readCredentialsFile, restrictExposedFile, writeCredentialsFile } from "./credentials-file";
import { handOverOnStdout } from "./login";
import { CliIo } from "./io";
import * as texts from "./texts";

type EnvSource = { source: "env"; tenant: string; clientId: string; refreshToken: string };
export type WhoamiParams = { source: "file"; file: string } | EnvSource;

/** Resolves to false when the new refresh token went to stdout because the file could not be written. */
export async function whoami(p: WhoamiParams, io: CliIo): Promise<boolean> {
  const exposed = p.source === "file" ? restrictExposedFile(p.file) : undefined;
  if (exposed) io.err(exposed);
  const stored = p.source === "file" ? readCredentialsFile(p.file) : undefined;
  const given = stored ?? {
    tenantId: (p as EnvSource).tenant,
    clientId: (p as EnvSource).clientId,
    refreshToken: (p as EnvSource).refreshToken,
  };
  const endpoints = endpointsFromEnv(io.env);
  const result = await signIn(
    { method: "refreshToken", tenantId: given.tenantId, clientId: given.clientId, refreshToken: given.refreshToken },
    { authorityHost: endpoints.authorityHost, now: io.now, fetch: io.fetch },
  );
  const now = io.now();
  let savedTo: string | undefined;
  if (stored && p.source === "file" && result.rotatedRefreshToken) {
    try {
      writeCredentialsFile(p.file, {
        ...stored,
        refreshToken: result.rotatedRefreshToken,
        issuedAt: now.toISOString(),
        user: result.user.upn,
      });
      savedTo = p.file;
    } catch (error) {
      if (!(error instanceof CredentialsSaveError)) throw error;
      handOverOnStdout(io, error, result.rotatedRefreshToken);
      io.err(texts.STORE_ROTATED_TOKEN);
    }
  }
  const issuedAt = stored?.issuedAt ? new Date(stored.issuedAt) : undefined;
  // Read from the token before any Azure DevOps call: whoami makes none.
  const scp = decodeAccessToken(result.accessToken).scp ?? "";
  const needs: PermissionNeed[] = ["readPats", "managePats", "scanOrganization"];
  io.out(
    texts.whoamiReport({
      upn: result.user.upn,
      oid: result.user.oid,
      clientId: given.clientId,
      permissions: scp,
      missing: needs.map((need) => ({ need: NEED_NAMES[need], missing: missingPermissions(scp, need) })),
      tenantId: result.user.tenantId,
      issuedAt,
      stopsWorking: issuedAt && refreshTokenStopsWorking(issuedAt),
      now,
      savedTo,
    }),
  );
  return savedTo !== undefined || !(stored && result.rotatedRefreshToken);
}
