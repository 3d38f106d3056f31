/** The pipeline's secret output variable NewPat as a SecretStore (cannot fail, so it goes last). */
import * as tl from "azure-pipelines-task-lib/task";
import type { SecretStore } from "../../src/rotation";

export function outputVariableStore(): SecretStore {
  return {
    name: "output variable NewPat",
    async store(secret) {
      tl.setVariable("NewPat", secret, true, true);
    },
  };
}
