/**
 * Bench row: listing 10,000 PATs through the API module's iterator against the emulator, with 20 ms
 * injected latency per request. Reports requests made, wall time and the client's CPU time per page.
 */
import type { BenchRow } from "../main";
import type { OrgContext } from "../../../src/api/context";
import { endpointsFromEnv } from "../../../src/api/endpoints";
import { HttpClient } from "../../../src/api/http";
import { bearer } from "../../../src/api/credential";
import { iteratePatPages } from "../../../src/api/pats";
import { startEmulator } from "../../emulator/client";
import { DAY_MS } from "../../support/days";

const PAT_COUNT = 10_000;
const LATENCY_MS = 20;
const BENCH = `list ${PAT_COUNT.toLocaleString("en-US")} PATs (iterator, ${LATENCY_MS} ms latency)`;

export async function run(): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  try {
    emulator.trustInThisProcess();
    await emulator.addOrganization("contoso");
    const user = await emulator.addUser({ displayName: "Bench User", principalName: "bench@contoso.com", organizations: ["contoso"] });
    const validTo = new Date(Date.now() + 200 * DAY_MS).toISOString();
    for (let start = 0; start < PAT_COUNT; start += 1000) {
      await emulator.addPats(
        user.id,
        Array.from({ length: 1000 }, (_, i) => ({ displayName: `bench-${String(start + i).padStart(5, "0")}`, validTo })),
      );
    }
    const token = await emulator.issueAccessToken(user.id, { expiresInSec: 3600 });
    const ctx: OrgContext = {
      http: new HttpClient({ credential: bearer(() => token) }),
      endpoints: endpointsFromEnv(emulator.env),
      organization: "contoso",
    };
    const rows: BenchRow[] = [];
    for (const top of [100, undefined]) {
      await emulator.clearRequests();
      await emulator.addFault({ path: "/_apis/tokens/pats$", kind: "latency", ms: LATENCY_MS });
      let pages = 0;
      let listed = 0;
      const cpuStart = process.cpuUsage();
      const wallStart = process.hrtime.bigint();
      for await (const page of iteratePatPages(ctx, { top })) {
        pages++;
        listed += page.length;
      }
      const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
      const cpu = process.cpuUsage(cpuStart);
      await emulator.clearFaults();
      if (listed !== PAT_COUNT) throw new Error(`the iterator listed ${listed} PATs, expected ${PAT_COUNT}`);
      const requests = (await emulator.requests()).filter((r) => /\/_apis\/tokens\/pats$/i.test(r.path)).length;
      const label = `${BENCH}, $top=${top ?? "default (20)"}`;
      rows.push(
        { benchmark: label, measure: "requests made", value: String(requests) },
        { benchmark: label, measure: "wall time", value: `${wallMs.toFixed(0)} ms` },
        { benchmark: label, measure: "client CPU per page", value: `${((cpu.user + cpu.system) / 1000 / pages).toFixed(2)} ms` },
      );
    }
    return rows;
  } finally {
    await emulator.stop();
  }
}
