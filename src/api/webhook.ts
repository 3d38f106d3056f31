/**
 * Posts a notification to a Microsoft Teams workflow webhook or a Slack incoming webhook, without any
 * credential, and only to their https hosts: Teams workflows on *.logic.azure.com and
 * *.environment.api.powerplatform.com (Power Automate "Workflows"), Slack on hooks.slack.com. The local
 * emulator (loopback, emulator mode only) stands in for both.
 */
import { noCredential } from "./credential";
import { isEmulatorMode, isLoopbackHost } from "./endpoints";
import { HttpClient } from "./http";
import { InputError, parseUrlInput } from "./input-error";

export type WebhookKind = "teams" | "slack";

const TEAMS_HOSTS = [/\.logic\.azure\.com$/, /\.environment\.api\.powerplatform\.com$/];
const SLACK_HOST = "hooks.slack.com";

/** Which service `url` belongs to; an InputError naming `input` for anything else. The URL never appears in the message. */
export function webhookKind(url: string, input: string, env?: NodeJS.ProcessEnv): WebhookKind {
  const parsed = parseUrlInput(
    input,
    url,
    `The input '${input}' is not a URL. Paste the webhook URL of a Teams workflow ("Post to a channel when a webhook request is received") or of a Slack app's incoming webhook.`,
  );
  const host = parsed.hostname.toLowerCase();
  if (parsed.protocol === "https:" && isLoopbackHost(host) && isEmulatorMode(env))
    return /\/slack\//i.test(parsed.pathname) ? "slack" : "teams";
  if (parsed.protocol !== "https:") throw new InputError(input, `The input '${input}' must be an https:// webhook URL.`);
  if (host === SLACK_HOST) return "slack";
  if (TEAMS_HOSTS.some((h) => h.test(host))) return "teams";
  if (host.endsWith(".webhook.office.com")) {
    throw new InputError(
      input,
      `The input '${input}' is an Office 365 connector URL (${host}), which Microsoft retired. Create a Teams workflow from the template "Post to a channel when a webhook request is received" and use its URL.`,
    );
  }
  throw new InputError(
    input,
    `The input '${input}' points at ${host}, which is neither a Teams workflow host (*.logic.azure.com, *.environment.api.powerplatform.com) nor Slack (hooks.slack.com). Only those receive notifications, so nothing is sent elsewhere.`,
  );
}

/** Posts `payload` as JSON; Teams answers 202, Slack 200 "ok". */
export async function postWebhook(url: string, kind: WebhookKind, payload: unknown, fetchImpl?: typeof fetch): Promise<void> {
  const http = new HttpClient({ credential: noCredential(), fetch: fetchImpl, maxAttempts: 3, maxRetryTotalMs: 60_000 });
  await http.request<void>({
    method: "POST",
    url,
    body: payload,
    responseType: "text",
    idempotent: false,
    action: `post the notification to the ${kind === "teams" ? "Teams workflow" : "Slack"} webhook`,
  });
}
