/** PatLifecycleSignIn: a watched device code sign-in -> credentials stored in a variable group -> proven. */
import * as path from "path";
import * as tl from "azure-pipelines-task-lib/task";
import { endpointsFromEnv, parseOrganization } from "../../src/api/endpoints";
import { HttpClient } from "../../src/api/http";
import { bearer } from "../../src/api/credential";
import { agentFetch } from "../../src/pipeline/agent-fetch";
import { taskNow } from "../../src/pipeline/clock";
import { signInFromPipeline } from "../../src/pipeline/pipeline-sign-in";
import { runTask } from "../../src/pipeline/run-task";
import { readJobAccessToken } from "../../src/pipeline/secrets";
import { logLine, setTaskResult } from "../../src/pipeline/task-log";
import { readSignInInputs } from "./read-inputs";
import { showDeviceCode } from "./show-device-code";
import { storeInConnection } from "./store-in-connection";
import { storeInVariableGroup } from "./store-in-variable-group";
import { loc } from "./loc";

void runTask(
  async () => {
    const inputs = readSignInInputs();
    const jobToken = readJobAccessToken();
    const fetchThroughAgent = agentFetch();
    const endpoints = endpointsFromEnv();
    const organization = parseOrganization(inputs.collectionUrl, endpoints);
    const jobHttp = jobToken ? new HttpClient({ credential: bearer(() => jobToken, "jobToken"), fetch: fetchThroughAgent }) : undefined;
    const collection = jobHttp && { http: jobHttp, collectionUrl: inputs.collectionUrl };
    /** Where the sign-in went, as the closing lines name it. */
    const storedIn: string[] = [];
    let connectionName: string | undefined;

    const result = await signInFromPipeline({
      endpoints,
      tenantId: inputs.tenantId,
      clientId: inputs.clientId,
      organization,
      timeoutMinutes: inputs.timeoutMinutes,
      fetch: fetchThroughAgent,
      now: taskNow,
      onDeviceCode: (code) => {
        showDeviceCode(code, inputs.timeoutMinutes);
        logLine(loc("SignInWaiting", inputs.timeoutMinutes));
      },
      onSecret: (secret) => tl.setSecret(secret),
      timedOut: (minutes) => new Error(loc("SignInTimedOut", minutes)),
      onSignedIn: (user) => logLine(loc("SignedIn", user.upn, user.tenantId)),
      store: async (signIn) => {
        if (inputs.variableGroup) {
          const target = {
            collection,
            project: inputs.project,
            nameOrId: inputs.variableGroup,
            refreshTokenVariableName: inputs.refreshTokenVariableName,
            now: taskNow,
          };
          await storeInVariableGroup(target, signIn);
          storedIn.push(`variable group '${inputs.variableGroup}'`);
        }
        if (inputs.entraConnection) {
          connectionName = await storeInConnection(collection, inputs.project, inputs.entraConnection, signIn);
          storedIn.push(`service connection '${connectionName}'`);
        }
      },
      proofFailed: (upn, org, reason) => new Error(loc("SignInProofFailed", upn, org, reason)),
    });
    logLine(loc("SignInProven", result.user.upn, organization, result.patsListed));
    const lapsesOn = result.lapsesOn.toISOString().slice(0, 10);
    if (inputs.variableGroup) logLine(loc("SignInLapses", lapsesOn, inputs.variableGroup));
    if (connectionName) logLine(loc("SignInLapsesConnection", connectionName, lapsesOn));
    setTaskResult(tl.TaskResult.Succeeded, loc("SignInDone", result.user.upn, storedIn.join(" and ")));
  },
  path.join(__dirname, "task.json"),
);
