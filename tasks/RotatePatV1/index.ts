/** RotatePat: inputs -> rotation core -> log, outputs and result. */
import * as path from "path";
import * as tl from "azure-pipelines-task-lib/task";
import { parseOrganization } from "../../src/api/endpoints";
import { InputError } from "../../src/api/input-error";
import { HttpClient } from "../../src/api/http";
import { runTask } from "../../src/pipeline/run-task";
import { openTaskSession } from "../../src/pipeline/task-session";
import { connectionDataVerifier, runRotation, serviceConnectionStore, variableGroupStore, type SecretStore } from "../../src/rotation";
import { armCredential, armIdentity } from "../../src/key-vault/azure-credential";
import { keyVaultStore } from "../../src/key-vault/key-vault-store";
import { azureClientOptions } from "../../src/pipeline/azure-client-options";
import { maskSecret } from "../../src/pipeline/secrets";
import { outputVariableStore } from "./output-variable-store";
import { readRotateInputs } from "./read-inputs";
import type { KeyVaultInputs } from "./read-key-vault";
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
    // The stores with a record first (variable group, service connections, Key Vault): the first record arbitrates
    // concurrent runs; the output variable, which cannot fail, last.
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
      ...(inputs.keyVault ? [keyVaultStoreOf(inputs.keyVault, storeDetails)] : []),
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

/** The Key Vault store, and its line of the dry run's plan. */
function keyVaultStoreOf(k: KeyVaultInputs, storeDetails: Map<string, string>): SecretStore {
  const identity = armIdentity(k.connection);
  const credential = armCredential(k.connection, azureClientOptions(k.connection.authorityHost));
  const clientOptions = azureClientOptions(k.vaultUrl);
  const store = keyVaultStore({
    ...k,
    credential,
    identity,
    emulator: k.connection.emulator,
    clientOptions,
    onSecretRead: maskSecret,
  });
  storeDetails.set(store.name, loc("PlanStoreKeyVault", k.connection.signIn.scheme, identity));
  return store;
}
