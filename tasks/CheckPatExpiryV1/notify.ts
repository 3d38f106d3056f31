/**
 * CheckPatExpiry's notifications after the check: the owners' work items and the run's webhook message.
 * Both use the job's own token (System.AccessToken) in this pipeline's project; the webhook gets no credential.
 */
import * as tl from "azure-pipelines-task-lib/task";
import type { CollectionContext } from "../../src/api/context";
import { bearer } from "../../src/api/credential";
import { HttpClient } from "../../src/api/http";
import { InputError } from "../../src/api/input-error";
import { postWebhook, webhookKind, type WebhookKind } from "../../src/api/webhook";
import type { PatOwner } from "../../src/expiry/pat-record";
import type { ExpiryReport } from "../../src/expiry/report";
import { ownerNotices } from "../../src/notify/owner-notices";
import { webhookFingerprint, webhookPayload } from "../../src/notify/webhook-message";
import { readWebhookFingerprint, saveWebhookFingerprint, type WebhookStateLocation } from "../../src/notify/webhook-state";
import { syncOwnerWorkItems } from "../../src/notify/work-item-sync";
import { agentFetch } from "../../src/pipeline/agent-fetch";
import { readBoolean, readChoice, readString } from "../../src/pipeline/inputs";
import { readJobAccessToken, readSecretInput } from "../../src/pipeline/secrets";
import { logLine } from "../../src/pipeline/task-log";
import { loc } from "./loc";

export interface NotifyInputs {
  workItem: { project: string; type: string; areaPath: string | undefined; closedState: string } | null;
  webhook: { url: string; kind: WebhookKind; always: boolean; stateGroup: string | undefined } | null;
}

const NOTIFY = ["none", "workItem", "webhook", "workItemAndWebhook"] as const;

/** Read with the other inputs, before any sign-in: a wrong webhook URL fails the run before any call. */
export function readNotifyInputs(): NotifyInputs {
  const webhookUrl = readSecretInput("webhookUrl"); // masked before anything is logged
  const notify = readChoice("notify", NOTIFY, { default: "none" });
  const wantsWorkItem = notify === "workItem" || notify === "workItemAndWebhook";
  const wantsWebhook = notify === "webhook" || notify === "workItemAndWebhook";
  if (wantsWebhook && !webhookUrl) throw new InputError("webhookUrl", loc("WebhookUrlMissing"));
  return {
    workItem: wantsWorkItem
      ? {
          project: readString("workItemProject") ?? tl.getVariable("System.TeamProject")?.trim() ?? "",
          type: readString("workItemType") ?? "Task",
          areaPath: readString("workItemAreaPath"),
          closedState: readString("workItemClosedState") ?? "Closed",
        }
      : null,
    webhook:
      wantsWebhook && webhookUrl
        ? {
            url: webhookUrl,
            kind: webhookKind(webhookUrl, "webhookUrl"),
            always: readBoolean("webhookAlways", { default: false }),
            stateGroup: readString("webhookStateVariableGroup"),
          }
        : null,
  };
}

export interface NotifyParams {
  inputs: NotifyInputs;
  report: ExpiryReport;
  /** `mine` mode: the signed-in user, who owns every finding. */
  me?: PatOwner;
  /** ownerKey of every user whose PATs this run read completely. */
  ownersInScope: ReadonlySet<string>;
}

/** Sends what the inputs ask for; returns the problems (each a sentence), so the report is still published. */
export async function sendNotifications(p: NotifyParams): Promise<string[]> {
  const problems: string[] = [];
  const { workItem, webhook } = p.inputs;
  if (!workItem && !webhook) return problems;
  const job = jobCollection();
  if (workItem) {
    try {
      if (!job) throw new Error(loc("NotifyNeedsJobToken"));
      if (!workItem.project) throw new InputError("workItemProject", loc("WorkItemProjectMissing"));
      const result = await syncOwnerWorkItems({
        collection: job,
        project: workItem.project,
        type: workItem.type,
        areaPath: workItem.areaPath,
        closedState: workItem.closedState,
        organization: p.report.organization,
        notices: ownerNotices(p.report, p.me),
        ownersInScope: p.ownersInScope,
        maxLifetimeDays: p.report.policy.maxLifetimeDays,
        loc,
      });
      logLine(
        loc(
          "WorkItemsSynced",
          workItem.project,
          result.created.length,
          result.updated.length,
          result.unchanged.length,
          result.closed.length,
        ),
      );
    } catch (e) {
      problems.push(loc("WorkItemsFailed", e instanceof Error ? e.message : String(e)));
    }
  }
  if (webhook) {
    try {
      await sendWebhook(webhook, p.report, job);
    } catch (e) {
      problems.push(loc("WebhookFailed", e instanceof Error ? e.message : String(e)));
    }
  }
  return problems;
}

async function sendWebhook(
  webhook: NonNullable<NotifyInputs["webhook"]>,
  report: ExpiryReport,
  job: CollectionContext | undefined,
): Promise<void> {
  const fingerprint = webhookFingerprint(report);
  let state: WebhookStateLocation | undefined;
  if (webhook.stateGroup) {
    const project = tl.getVariable("System.TeamProject")?.trim();
    if (!job || !project) throw new Error(loc("NotifyNeedsJobToken"));
    state = { collection: job, project, group: webhook.stateGroup, organization: report.organization, shard: report.shard };
  }
  const last = state ? await readWebhookFingerprint(state) : undefined;
  if (last === fingerprint && !webhook.always) {
    logLine(loc("WebhookUnchanged", webhook.stateGroup ?? ""));
    return;
  }
  await postWebhook(webhook.url, webhook.kind, webhookPayload(webhook.kind, { report, loc }), agentFetch());
  logLine(loc("WebhookSent", webhook.kind === "teams" ? "Microsoft Teams" : "Slack", report.attention.length));
  if (state) await saveWebhookFingerprint(state, fingerprint);
  else logLine(loc("WebhookNoState"));
}

/** This pipeline's collection with the job's token, or undefined when the job has none. */
function jobCollection(): CollectionContext | undefined {
  const token = readJobAccessToken();
  const uri = tl.getVariable("System.CollectionUri")?.trim();
  if (!token || !uri) return undefined;
  return {
    http: new HttpClient({ credential: bearer(() => token, "jobToken"), fetch: agentFetch() }),
    collectionUrl: uri.endsWith("/") ? uri : `${uri}/`,
  };
}
