/** RotatePat: inputs -> rotation core -> log, outputs and result. */
import * as path from "path";
import * as tl from "azure-pipelines-task-lib/task";
import { parseOrganization } from "../../src/api/endpoints";
import { InputError } from "../../src/api/input-error";
import { HttpClient } from "../../src/api/http";
import { runTask } from "../../src/pipeline/run-task";
import { openTaskSession } from "../../src/pipeline/task-session";
import { connectionDataVerifier, runRotation, serviceConnectionStore, variableGroupStore } from "../../src/rotation";
import { outputVariableStore } from "./output-variable-store";
import { githubStore } from "./github-store";
import { keyVaultStore } from "./key-vault-store";
import { readRotateInputs } from "./read-inputs";
import { renderOutcome, renderStep, type RenderContext } from "./publish-result";
import { loc } from "./loc";

void runTask(
  async () => {
    const inputs = readRotateInputs();
    const session = await openTaskSession(["managePats"]);
    const organization = inputs.organization ? parseOrganization(inputs.organization, session.endpoints) : session.org.organization;
    const sameOrg = organization.toLowerCase() === session.org.organization.toLowerCase();
    const collectionUrl = sameOrg ? session.collection.collectionUrl : `${session.endpoints.devops}/${organization}/`;
    if (inputs.variableGroup && !session.project) throw new InputError("variableGroup", loc("InputProjectMissingFor", "variableGroup"));
    if (inputs.serviceConnections.length > 0 && !session.project)
      throw new InputError("serviceConnection", loc("InputProjectMissingFor", "serviceConnection"));
    const storeDetails = new Map<string, string>();
    // The stores with a record first: the variable group, the service connections, Key Vault; the first record
    // arbitrates concurrent runs (GitHub's, written without a compare-and-set on the service side, only when no
    // other store keeps one); the output variable, which cannot fail, last.
    const stores = [
      ...(inputs.variableGroup
        ? [variableGroupStore({ collection: session.collection, project: session.project, ...inputs.variableGroup })]
        : []),
      ...inputs.serviceConnections.map((connection) =>
        serviceConnectionStore({
          collection: session.collection,
          project: session.project,
          connection,
          onInspected: (c) =>
            storeDetails.set(`service connection '${connection}'`, loc("PlanStoreConnection", c.type, c.scheme, c.parameter)),
        }),
      ),
      ...(inputs.keyVault ? [keyVaultStore(inputs.keyVault, storeDetails)] : []),
      ...(inputs.github ? [githubStore(inputs.github, { fetch: session.fetch, storeDetails })] : []),
      outputVariableStore(),
    ];
    const ctx: RenderContext = {
      organization,
      collectionUrl,
      user: session.signIn.user.upn,
      lifetimeDays: inputs.params.lifetimeDays,
      now: session.now(),
      withinDays: inputs.params.onlyIfExpiringWithinDays,
      recordingStore: stores.find((s) => s.readRecord)?.name,
      storeDetails,
    };
    const result = await runRotation(inputs.params, {
      org: { ...session.org, organization },
      now: session.now,
      stores,
      verifier: connectionDataVerifier({ collectionUrl, httpFor: (credential) => new HttpClient({ credential, fetch: session.fetch }) }),
      onSecret: (secret) => tl.setSecret(secret),
      onStep: (step) => renderStep(step, ctx),
    });
    renderOutcome(result, ctx);
  },
  path.join(__dirname, "task.json"),
);
