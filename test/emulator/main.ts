/**
 * `npm run emulator`: runs the emulator seeded, in this process, and prints how to point a client at it.
 * The printed tokens are the emulator's own throwaway credentials.
 */
import { runEmulator } from "./server";
import { seedState, SEED_PASSWORD } from "./seed";
import { DEFAULT_PUBLIC_CLIENT_ID } from "./wire-types";

async function main(): Promise<void> {
  const emulator = await runEmulator({ seed: false, latencyMs: Number(process.env.PAT_LIFECYCLE_EMULATOR_LATENCY_MS ?? 0) });
  const { state, minter } = emulator.context;
  const seed = seedState(state);
  const a = emulator.address;
  const refreshToken = state.issueRefreshToken(seed.ada.id, DEFAULT_PUBLIC_CLIENT_ID);
  const accessToken = minter.userAccessToken(seed.ada, {}).token;
  const lines = [
    "PAT Lifecycle emulator (Azure DevOps vssps + dev.azure.com + Microsoft Entra ID), seeded.",
    "",
    `  vssps (PATs, tokenadmin, graph, profile): ${a.vsspsUrl}`,
    `  dev.azure.com (variable groups, connectionData): ${a.devopsUrl}`,
    `  Entra authority host: ${a.authorityHost}   tenant: ${a.tenantId}`,
    `  GitHub REST API (Actions secrets and variables): ${a.githubUrl}`,
    `  CA certificate: ${a.caFile}`,
    "",
    "Point a client at it (bash):",
    `  export PAT_LIFECYCLE_VSSPS_URL=${a.vsspsUrl}`,
    `  export PAT_LIFECYCLE_DEVOPS_URL=${a.devopsUrl}`,
    `  export PAT_LIFECYCLE_AUTHORITY_HOST=${a.authorityHost}`,
    `  export PAT_LIFECYCLE_GITHUB_API_URL=${a.githubUrl}`,
    `  export NODE_EXTRA_CA_CERTS=${a.caFile}`,
    "",
    `Organizations: contoso, fabrikam. Collection URL: ${a.devopsUrl}/contoso/`,
    `Users: ${seed.ada.displayName} <${seed.ada.principalName}> (${[...state.pats.values()].filter((p) => p.userId === seed.ada.id).length} PATs, token admin of contoso),`,
    `       ${seed.grace.displayName} <${seed.grace.principalName}> (MFA required). Password for both: "${SEED_PASSWORD}"`,
    `Public client id: ${DEFAULT_PUBLIC_CLIENT_ID} (public client flows on, consented, redirect http://localhost)`,
    `Variable group ${seed.variableGroupId} "pat-lifecycle-credentials" in contoso/PatOps`,
    "",
    `Refresh token for ${seed.ada.principalName} (client ${DEFAULT_PUBLIC_CLIENT_ID}):`,
    `  ${refreshToken}`,
    "Access token (1 h) for the same user:",
    `  ${accessToken}`,
    "",
    "Try it:",
    `  curl --cacert ${a.caFile} -H "Authorization: Bearer $ACCESS_TOKEN" "${a.vsspsUrl}/contoso/_apis/tokens/pats?api-version=7.1-preview.1"`,
    `  curl --cacert ${a.caFile} -d grant_type=refresh_token -d client_id=${DEFAULT_PUBLIC_CLIENT_ID} -d scope=499b84ac-1321-427f-aa17-267ca6975798/.default -d "refresh_token=$REFRESH_TOKEN" ${a.authorityHost}/${a.tenantId}/oauth2/v2.0/token`,
    "",
    "Ctrl-C stops it.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
