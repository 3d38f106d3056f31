/** Shows the device code where a person watching the run looks: a warning line and the run's summary. */
import * as fs from "fs";
import * as path from "path";
import * as tl from "azure-pipelines-task-lib/task";
import type { DeviceCode } from "../../src/auth/msal";
import { logWarning } from "../../src/pipeline/task-log";
import { loc } from "./loc";

export function showDeviceCode(code: DeviceCode, timeoutMinutes: number): void {
  const sentence = loc("DeviceCodeShown", code.verificationUri, code.userCode, timeoutMinutes);
  logWarning(sentence);
  const dir = tl.getVariable("Agent.TempDirectory") ?? process.cwd();
  const file = path.join(dir, "pat-lifecycle-sign-in.md");
  fs.writeFileSync(file, `## ${loc("DeviceCodeSummaryTitle")}\n\n**${markdownText(code.userCode)}**\n\n${markdownText(sentence)}\n`);
  tl.uploadSummary(file);
}

/** Entra's values as literal text: no markdown or HTML of theirs is rendered. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|]/g, (c) => `\\${c}`);
}
