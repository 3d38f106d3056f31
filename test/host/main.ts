/**
 * The hub playground: an emulator with sample PATs, the test host around the built hub, and the
 * URL to open. `node out/test/host/main.js [--dark] [--no-naa] [--no-client-id] [--consent] [--port N]`
 */
import { startEmulator } from "../emulator/client";
import { startHubHost } from "./hub-host";
import { addSamplePats } from "./sample-pats";

/** Any GUID: the test host's NAA answers for whatever client id the hub asks with. */
const PLAYGROUND_CLIENT_ID = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portIndex = args.indexOf("--port");
  const emulator = await startEmulator();
  const host = await startHubHost({
    emulator,
    naa: !args.includes("--no-naa"),
    clientId: args.includes("--no-client-id") ? undefined : PLAYGROUND_CLIENT_ID,
    interactionRequired: args.includes("--consent"),
    theme: args.includes("--dark") ? "dark" : "light",
    port: portIndex >= 0 ? Number(args[portIndex + 1]) : undefined,
  });
  await addSamplePats(emulator, host.user.id, host.organization.name);
  console.log(`PAT Lifecycle hub playground: open ${host.url}`);
  console.log(`  signed in as ${host.user.displayName} in organization ${host.organization.name}; API calls go to the emulator at ${emulator.vsspsUrl}`);
  console.log("  Ctrl+C stops it.");
  const stop = async () => {
    await host.stop();
    await emulator.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
