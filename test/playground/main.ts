/**
 * `npm start` (after packaging): the local playground. Starts the emulator, the hub inside the XDM
 * test host, and writes .playground/env.sh so the tasks in the packaged .vsix (dist/package) and the
 * CLI run against the same emulator. Every credential printed here is the emulator's own throwaway one.
 * `npm start -- [--dark] [--no-naa] [--no-client-id] [--consent] [--port N]` shows the hub's other states.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as tls from "tls";
import { startEmulator, DEFAULT_PUBLIC_CLIENT_ID } from "../emulator/client";
import { startHubHost } from "../host/hub-host";
import { addSamplePats } from "../host/sample-pats";

const ROOT = path.resolve(__dirname, "..", "..", "..");
/** Any GUID: the test host answers Nested App Authentication for whatever client id the hub asks with. */
const HUB_CLIENT_ID = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";
const PROJECT = "PatOps";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dark = args.includes("--dark");
  const portIndex = args.indexOf("--port");
  const emulator = await startEmulator();
  const organization = await emulator.addOrganization("contoso");
  // A token administrator, so the organization-wide check works too.
  const user = await emulator.addUser({
    displayName: "Ada Lovelace",
    principalName: "ada@contoso.example",
    organizations: [organization.name],
    tokenAdminOf: [organization.name],
  });
  const host = await startHubHost({
    emulator,
    organization,
    user,
    naa: !args.includes("--no-naa"),
    clientId: args.includes("--no-client-id") ? undefined : HUB_CLIENT_ID,
    interactionRequired: args.includes("--consent"),
    theme: dark ? "dark" : "light",
    port: portIndex >= 0 ? Number(args[portIndex + 1]) : undefined,
  });
  await addSamplePats(emulator, user.id, organization.name);
  const group = await emulator.addVariableGroup(organization.name, PROJECT, {
    name: "pat-lifecycle",
    variables: { deployPat: { value: "(set by RotatePat)", isSecret: true } },
  });
  const refreshToken = await emulator.issueRefreshToken(user.id, DEFAULT_PUBLIC_CLIENT_ID);
  const jobToken = await emulator.issueJobToken(organization.name, { variableGroupAdmin: true });

  const dir = path.join(ROOT, ".playground");
  fs.mkdirSync(path.join(dir, "agent-temp"), { recursive: true });
  const env: Record<string, string> = {
    ...emulator.env,
    SYSTEM_COLLECTIONURI: `${emulator.devopsUrl}/${organization.name}/`,
    SYSTEM_TEAMPROJECT: PROJECT,
    SYSTEM_ACCESSTOKEN: jobToken,
    AGENT_TEMPDIRECTORY: path.join(dir, "agent-temp"),
    INPUT_AUTHENTICATIONMETHOD: "refreshToken",
    INPUT_TENANTID: emulator.tenantId,
    INPUT_CLIENTID: DEFAULT_PUBLIC_CLIENT_ID,
    INPUT_REFRESHTOKEN: refreshToken,
    INPUT_REFRESHTOKENVARIABLEGROUP: "pat-lifecycle",
    INPUT_REFRESHTOKENVARIABLENAME: "refreshToken",
    PAT_LIFECYCLE_REFRESH_TOKEN: refreshToken,
  };
  const envFile = path.join(dir, "env.sh");
  fs.writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `export ${k}='${v}'`)
      .join("\n") + "\n",
    { mode: 0o600 },
  );

  const spkiHash = await serverSpkiHash(emulator.vsspsUrl, emulator.caFile);
  const rel = (p: string) => path.relative(process.cwd(), p) || ".";
  const task = (name: string) => rel(path.join(ROOT, "dist", "package", "tasks", name, "index.js"));
  const lines = [
    "PAT Lifecycle playground (everything on loopback, against the emulator)",
    "",
    `Hub: ${host.url}`,
    "  Your browser must trust the emulator's certificate (new at every start), so open it with (Chromium):",
    `    chromium --user-data-dir=$(mktemp -d) --ignore-certificate-errors-spki-list=${spkiHash} ${host.url}`,
    `  or accept the certificate warning once at ${emulator.vsspsUrl} and ${emulator.devopsUrl}.`,
    `  signed in as ${user.displayName} <${user.principalName}> (a token administrator) in organization ${organization.name}${dark ? " (dark theme)" : ""}`,
    "",
    `Pipeline tasks from the packaged extension (${rel(path.join(ROOT, "dist", "package"))}), in another shell:`,
    `  source ${rel(envFile)}`,
    `  node ${task("CheckPatExpiryV1")}`,
    `  INPUT_DISPLAYNAME='Release pipeline - artifacts feed' INPUT_VARIABLEGROUP=pat-lifecycle INPUT_VARIABLENAME=deployPat node ${task("RotatePatV1")}`,
    `  INPUT_DRYRUN=true INPUT_DISPLAYNAME='Local dev - Azure CLI' node ${task("RotatePatV1")}`,
    `  INPUT_SUBJECT=organization node ${task("CheckPatExpiryV1")}`,
    "  (the hub shows the rotation at once; the job token has the Administrator role on the variable group",
    `   '${"pat-lifecycle"}' (id ${group.id}) in ${organization.name}/${PROJECT}, where the tasks also save the refresh token.)`,
    "",
    "The CLI:",
    `  node ${rel(path.join(ROOT, "out", "src", "cli", "main.js"))} whoami --tenant ${emulator.tenantId} --client-id ${DEFAULT_PUBLIC_CLIENT_ID}`,
    "",
    "Ctrl+C stops it.",
  ];
  console.log(lines.join("\n"));
  const stop = async () => {
    await host.stop();
    await emulator.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

/** What Chromium's --ignore-certificate-errors-spki-list takes: base64 SHA-256 of the served certificate's public key. */
function serverSpkiHash(url: string, caFile: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), ca: fs.readFileSync(caFile) }, () => {
      const spki = socket.getPeerX509Certificate()?.publicKey.export({ type: "spki", format: "der" });
      if (spki) resolve(crypto.createHash("sha256").update(spki).digest("base64"));
      else reject(new Error(`${url} presented no certificate`));
      socket.end();
    });
    socket.once("error", reject);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
