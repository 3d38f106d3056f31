/**
 * A RotatePat run against the seeded emulator, as the agent would start it (the compiled task's
 * index.js in its own process), printing what a pipeline log shows. Not a test:
 *   npm run build && node out/test/tasks/RotatePatV1/seeded-run.js
 * It rotates 'nuget-feed-publisher' (due within 7 days) into the seeded variable group, then runs
 * again to show that a second run finds nothing to do.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, DEFAULT_PUBLIC_CLIENT_ID } from "../../emulator/client";
import { assertNoSecrets, visibleTaskOutput } from "../../support/secrets";

const entry = path.resolve(__dirname, "..", "..", "..", "tasks", "RotatePatV1", "index.js");

async function main(): Promise<void> {
  const emulator = await startEmulator({ seed: true });
  // task-lib keeps its vault key in Agent.TempDirectory: a folder of this run's own.
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "rotate-pat-demo-"));
  try {
    const seeded = await emulator.pats();
    const ada = seeded.find((p) => p.displayName === "nuget-feed-publisher")?.userId as string;
    const refreshToken = await emulator.issueRefreshToken(ada, DEFAULT_PUBLIC_CLIENT_ID);
    const jobToken = await emulator.issueJobToken("contoso", { variableGroupAdmin: true });
    const inputs = {
      displayName: "nuget-feed-publisher",
      variableGroup: "pat-lifecycle-credentials",
      variableName: "NuGetFeedPat",
      onlyIfExpiringWithinDays: "7",
      lifetimeDays: "90",
    };
    for (const attempt of ["first run", "second run"]) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...emulator.env,
        SYSTEM_COLLECTIONURI: `${emulator.devopsUrl}/contoso/`,
        SYSTEM_TEAMPROJECT: "PatOps",
        AGENT_TEMPDIRECTORY: tempDir,
        SECRET_SYSTEM_ACCESSTOKEN: jobToken,
      };
      const all = {
        authenticationMethod: "refreshToken",
        tenantId: emulator.tenantId,
        clientId: DEFAULT_PUBLIC_CLIENT_ID,
        refreshToken,
        ...inputs,
      };
      for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value;
      const run = spawnSync(process.execPath, [entry], { env, encoding: "utf8" });
      const visible = visibleTaskOutput(run.stdout, run.stderr);
      const masked = [...run.stdout.matchAll(/##vso\[task\.setsecret\](.*)/g)].map((m) => m[1]);
      assertNoSecrets(visible, [refreshToken, jobToken, ...seeded.map((p) => p.token), ...masked]);
      const log = visible[0]
        .split("\n")
        .filter((line) => !line.startsWith("##vso[task.debug]"))
        .join("\n");
      console.log(`===== RotatePat, ${attempt}: ${JSON.stringify(inputs)}\n${log}${visible[1]}`);
    }
    const family = (await emulator.pats()).filter((p) => p.displayName.startsWith("nuget-feed-publisher"));
    const group = await emulator.variableGroup("contoso", 1);
    console.log("===== final state in the emulator");
    for (const p of family)
      console.log(
        `${p.authorizationId} '${p.displayName}' validTo ${p.validTo} ${p.revoked ? "revoked" : "active"}${group.secrets.NuGetFeedPat === p.token ? " <- in variable group pat-lifecycle-credentials (NuGetFeedPat)" : ""}`,
      );
  } finally {
    await emulator.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
