/** Renders the check's report into the pipeline: log lines, summary, JSON file, outputs, result. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tl from "azure-pipelines-task-lib/task";
import { attentionLines, totalLines } from "../../src/expiry/attention-lines";
import { renderJsonReport } from "../../src/expiry/json-report";
import { renderMarkdownSummary } from "../../src/expiry/markdown-summary";
import { expiringCount, type CheckOutcome, type ExpiryReport } from "../../src/expiry/report";
import { logLine, logWarning, logError, setTaskResult } from "../../src/pipeline/task-log";
import { loc } from "./loc";

const RESULT: Record<CheckOutcome, tl.TaskResult> = {
  Succeeded: tl.TaskResult.Succeeded,
  SucceededWithIssues: tl.TaskResult.SucceededWithIssues,
  Failed: tl.TaskResult.Failed,
};

/** `notifyProblems`: notifications that could not be sent; each is an error and fails the run. */
export function publishReport(report: ExpiryReport, notifyProblems: readonly string[] = [], signInHealth?: string): void {
  for (const line of attentionLines(report, loc)) {
    if (line.severity === "error") logError(line.text);
    else if (line.severity === "warning") logWarning(line.text);
    else logLine(line.text);
  }
  const closing = totalLines(report, loc);
  for (const line of closing.slice(0, -1)) logLine(line);

  const dir = outputDirectory();
  const stem = `pat-expiry-${report.organization}${report.shard ? `-shard-${report.shard.index}-of-${report.shard.count}` : ""}`;
  const reportPath = path.join(dir, `${stem}.json`);
  const summaryPath = path.join(dir, `${stem}.md`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(reportPath, renderJsonReport(report), "utf8");
  fs.writeFileSync(summaryPath, renderMarkdownSummary(report, loc, signInHealth), "utf8");
  logLine(loc("ReportWritten", reportPath));
  tl.uploadSummary(summaryPath);

  tl.setVariable("ExpiringCount", String(expiringCount(report)), false, true);
  tl.setVariable("ExpiredCount", String(report.totals.expired), false, true);
  tl.setVariable("NextExpiry", report.nextExpiry ?? "", false, true);
  tl.setVariable("ReportPath", reportPath, false, true);
  if (notifyProblems.length) {
    for (const problem of notifyProblems.slice(0, -1)) logError(problem);
    setTaskResult(tl.TaskResult.Failed, notifyProblems[notifyProblems.length - 1]);
    return;
  }
  setTaskResult(RESULT[report.outcome], closing[closing.length - 1]);
}

/** Where the agent wants temporary files; the summary must outlive the step, so not a temp folder we delete. */
function outputDirectory(): string {
  return tl.getVariable("Agent.TempDirectory") || tl.getVariable("Build.ArtifactStagingDirectory") || os.tmpdir();
}
