/**
 * The one TaskMockRunner script every task test runs (in its own process, via MockTestRunner).
 * The scenario (task entry, inputs, secret variables) comes from PAT_TEST_SCENARIO, written by runTaskProcess().
 * The real task-lib is used (run(true)), so log lines, `##vso` commands and tl.loc text are real.
 */
import { TaskMockRunner } from "azure-pipelines-task-lib/mock-run";

interface Scenario {
  entry: string;
  inputs: Record<string, string>;
  secretVariables: Record<string, string>;
}

const scenario = JSON.parse(process.env.PAT_TEST_SCENARIO ?? "{}") as Scenario;
delete process.env.PAT_TEST_SCENARIO; // holds secrets; the task must not see it
const runner = new TaskMockRunner(scenario.entry);
for (const [name, value] of Object.entries(scenario.inputs)) runner.setInput(name, value);
for (const [name, value] of Object.entries(scenario.secretVariables)) runner.setVariableName(name, value, true);
runner.run(true);
