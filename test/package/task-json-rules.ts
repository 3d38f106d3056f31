/**
 * The task.json rules tfx does not enforce (it only warns, or checks nothing): input names and
 * types per the task schema, groups and visibleRules that point at real names, and every tl.loc
 * key used by the code present in `messages`.
 */
const INPUT_TYPES = /^(boolean|filePath|multiLine|pickList|radio|secureFile|string|int|identities|querycontrol|connectedService:.+)$/;

export interface TaskJson {
  name: string;
  inputs?: Array<{
    name: string;
    type: string;
    label?: string;
    helpMarkDown?: string;
    groupName?: string;
    visibleRule?: string;
    options?: Record<string, string>;
  }>;
  groups?: Array<{ name: string }>;
  messages?: Record<string, string>;
  outputVariables?: Array<{ name: string }>;
}

/** Problems with a task.json, one sentence each; empty when it is sound. */
export function taskJsonProblems(task: TaskJson, locKeysUsed: string[]): string[] {
  const problems: string[] = [];
  const inputs = task.inputs ?? [];
  const inputNames = new Set(inputs.map((i) => i.name));
  const groups = new Set((task.groups ?? []).map((g) => g.name));
  for (const input of inputs) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(input.name)) problems.push(`${task.name}: input name '${input.name}' is not alphanumeric`);
    if (!INPUT_TYPES.test(input.type)) problems.push(`${task.name}: input '${input.name}' has unknown type '${input.type}'`);
    if (!input.label) problems.push(`${task.name}: input '${input.name}' has no label`);
    if (!input.helpMarkDown) problems.push(`${task.name}: input '${input.name}' has no helpMarkDown`);
    if (input.groupName && !groups.has(input.groupName))
      problems.push(`${task.name}: input '${input.name}' names missing group '${input.groupName}'`);
    if (input.type === "pickList" && !input.options) problems.push(`${task.name}: pickList '${input.name}' has no options`);
    for (const referenced of visibleRuleNames(input.visibleRule)) {
      if (!inputNames.has(referenced)) problems.push(`${task.name}: visibleRule of '${input.name}' names unknown input '${referenced}'`);
    }
  }
  const messages = task.messages ?? {};
  for (const key of locKeysUsed) if (!(key in messages)) problems.push(`${task.name}: tl.loc key '${key}' is missing from messages`);
  return problems;
}

function visibleRuleNames(rule: string | undefined): string[] {
  if (!rule) return [];
  return rule
    .split(/&&|\|\|/)
    .map((clause) =>
      clause
        .trim()
        .split(/\s*(?:==|!=|=|<|>|NotEndsWith|EndsWith|NotContains|Contains)\s*/)[0]
        .trim(),
    )
    .filter(Boolean);
}
