/**
 * Bench row: one rotation into every store kind (a variable group, two service connections, a Key Vault secret
 * and a GitHub secret, with the real stores over HTTP, plus the in-memory stand-in for the output variable),
 * in-process against the emulator at 20 ms injected latency per request. Octokit spaces GitHub writes 1 s apart.
 */
import type { BenchRow } from "../main";
import { bearer } from "../../../src/api/credential";
import { HttpClient } from "../../../src/api/http";
import { serviceConnectionStore, variableGroupStore } from "../../../src/rotation";
import { githubActionsClient } from "../../../src/github/github-client";
import { githubSecretStore } from "../../../src/github/github-secret-store";
import { timeRotations } from "../rotation-timing";
import { keyVaultBenchStore } from "../key-vault-bench-store";
import { inDays, MemoryStore, startRotationFixture } from "../../rotation/fixture";

const LATENCY_MS = 20;
const PROJECT = "Bench";
const BENCH = `rotate into a variable group + 2 service connections + Key Vault + a GitHub secret + output (${LATENCY_MS} ms latency)`;
const GITHUB = { connection: "bench-github", kind: "personalAccessToken", repository: "contoso/bench" } as const;

export async function run(): Promise<BenchRow[]> {
  const f = await startRotationFixture();
  try {
    const job = await f.emulator.issueJobToken("contoso", { variableGroupAdmin: true, serviceEndpointAdmin: true, project: PROJECT });
    const collection = { http: new HttpClient({ credential: bearer(() => job) }), collectionUrl: f.collectionUrl };
    const vault = await keyVaultBenchStore(f.emulator);
    await f.emulator.github.addRepository({ owner: "contoso", name: "bench" });
    await f.emulator.github.addToken({
      token: "github_pat_bench",
      kind: "fineGrained",
      permissions: { secrets: "write", variables: "write" },
    });
    const github = githubActionsClient({ ...GITHUB, token: "github_pat_bench", baseUrl: f.emulator.githubUrl });
    await f.emulator.configure({ latencyMs: LATENCY_MS });
    return await timeRotations(f, BENCH, async (i) => {
      const name = `bench-all-${i}`;
      const old = await f.addPat(name, { validTo: inDays(5) });
      await f.emulator.addVariableGroup("contoso", PROJECT, { name, variables: { Pat: { value: old.token, isSecret: true } } });
      for (const type of ["externalnpmregistry", "externalnugetfeed"]) {
        await f.emulator.addServiceEndpoint("contoso", {
          projects: [PROJECT],
          name: `${name}-${type}`,
          type,
          scheme: "Token",
          parameters: { apitoken: old.token },
        });
      }
      const stores = [
        variableGroupStore({ collection, project: PROJECT, group: name, variableName: "Pat" }),
        serviceConnectionStore({ collection, project: PROJECT, connection: `${name}-externalnpmregistry` }),
        serviceConnectionStore({ collection, project: PROJECT, connection: `${name}-externalnugetfeed` }),
        await vault.store(name, old.token),
        githubSecretStore({ client: github, context: GITHUB, secretName: `BENCH_PAT_${i}` }),
        new MemoryStore("output variable"),
      ];
      return { params: f.params({ select: { displayName: name } }), deps: f.deps({ stores }) };
    });
  } finally {
    await f.emulator.stop();
  }
}
