/**
 * Records webhook posts on the dev.azure.com listener under `/_webhooks/teams/...` and `/_webhooks/slack/...`,
 * answering as the real receivers do: a Teams workflow trigger 202 with no body for a message with attachments
 * (https://learn.microsoft.com/en-us/connectors/teams/?tabs=text1#microsoft-teams-webhook), Slack 200 `ok`
 * (text/plain) and 400 `no_text` without text or blocks (https://api.slack.com/messaging/webhooks).
 */
import type { Route } from "../context";
import type { Exchange } from "../exchange";
import type { EmulatorContext } from "../context";

export const webhookRoutes: Route[] = [
  {
    service: "devops",
    method: "POST",
    pattern: /^\/_webhooks\/(teams|slack)\/[\w-]+\/?$/i,
    handle: (ex, m, ctx) => record(ex, ctx, m[1].toLowerCase() as "teams" | "slack"),
  },
];

async function record(ex: Exchange, ctx: EmulatorContext, kind: "teams" | "slack"): Promise<void> {
  const text = await ex.bodyText();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return ex.send(400, kind === "slack" ? "invalid_payload" : "", { "content-type": "text/plain" });
  }
  ctx.state.webhookPosts.push({
    kind,
    path: ex.path,
    contentType: ex.header("content-type") ?? "",
    authorization: ex.header("authorization") !== undefined,
    body,
  });
  const b = body as { text?: unknown; blocks?: unknown; type?: unknown; attachments?: unknown };
  if (kind === "slack") {
    if (typeof b.text !== "string" && !Array.isArray(b.blocks)) return ex.send(400, "no_text", { "content-type": "text/plain" });
    return ex.send(200, "ok", { "content-type": "text/plain" });
  }
  if (b.type !== "message" || !Array.isArray(b.attachments))
    return ex.json(400, { error: { code: "InvalidRequestContent", message: "The request content is not a message with attachments." } });
  ex.empty(202);
}
