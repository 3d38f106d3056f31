/**
 * Bench row: one rotation into every store kind (a variable group and two service connections, with the
 * real stores over HTTP, plus the in-memory stand-in for the output variable), in-process against the
 * emulator at 20 ms injected latency per request.
 */
import type { BenchRow } from "../main";
import { bearer } from "../../../src/api/credential";
import { HttpClient } from "../../../src/api/http";
import { runRotation, serviceConnectionStore, variableGroupStore } from "../../../src/rotation";
import { inDays, MemoryStore, startRotationFixture } from "../../rotation/fixture";

const LATENCY_MS = 20;
const PROJECT = "Bench";
const BENCH = `rotate into a variable group + 2 service connections + output (${LATENCY_MS} ms latency)`;

export async function run(): Promise<BenchRow[]> {
  const f = await startRotationFixture();
  try {
    const job = await f.emulator.issueJobToken("contoso", { variableGroupAdmin: true, serviceEndpointAdmin: true, project: PROJECT });
    const collection = { http: new HttpClient({ credential: bearer(() => job) }), collectionUrl: f.collectionUrl };
    await f.emulator.configure({ latencyMs: LATENCY_MS });
    const walls: number[] = [];
    let requests = 0;
    for (let i = 0; i < 5; i++) {
      const name = `bench-all-${i}`;
      const old = await f.addPat(name, { validTo: inDays(5) });
      await f.emulator.addVariableGroup("contoso", PROJECT, { name, variables: { Pat: { value: old.token, isSecret: true } } });
      for (const type of ["externalnpmregistry", "externalnugetfeed"]) {
        await f.emulator.addServiceEndpoint("contoso", { projects: [PROJECT], name: `${name}-${type}`, type, scheme: "Token", parameters: { apitoken: old.token } });
      }
      const stores = [
        variableGroupStore({ collection, project: PROJECT, group: name, variableName: "Pat" }),
        serviceConnectionStore({ collection, project: PROJECT, connection: `${name}-externalnpmregistry` }),
        serviceConnectionStore({ collection, project: PROJECT, connection: `${name}-externalnugetfeed` }),
        new MemoryStore("output variable"),
      ];
      await f.emulator.clearRequests();
      const started = process.hrtime.bigint();
      const result = await runRotation(f.params({ select: { displayName: name } }), f.deps({ stores }));
      walls.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (result.outcome !== "rotated") throw new Error(`bench rotation ${result.outcome}: ${JSON.stringify(result.failure)}`);
      requests = (await f.emulator.requests()).filter((r) => r.service !== "entra").length;
    }
    walls.sort((a, b) => a - b);
    return [
      { benchmark: BENCH, measure: "HTTP requests per rotation", value: String(requests) },
      { benchmark: BENCH, measure: "wall time per rotation (median of 5)", value: `${Math.round(walls[2])} ms` },
    ];
  } finally {
    await f.emulator.stop();
  }
}
