/**
 * Entry of the emulator's own process (forked by client.ts). Tests run tasks with spawnSync, which
 * freezes the test process; a separate process keeps answering meanwhile.
 */
import { runEmulator } from "./server";
import type { EmulatorOptions } from "./wire-types";

async function main(): Promise<void> {
  const options = JSON.parse(process.env.PAT_LIFECYCLE_EMULATOR_OPTIONS ?? "{}") as EmulatorOptions;
  const emulator = await runEmulator(options);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await emulator.close();
    process.exit(0);
  };
  // The parent going away (even killed) closes the IPC channel: never outlive it.
  process.on("disconnect", () => void shutdown());
  process.on("message", (m) => {
    if (m === "stop") void shutdown();
  });
  process.send?.({ ready: emulator.address });
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
