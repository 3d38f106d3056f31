/**
 * The parts of Entra a person's browser sees: `/authorize` (auto-approves for the user named by
 * `login_hint`) and the device-code pages (`/devicecode` for the app, `/common/oauth2/deviceauth` for the person).
 */
import { randomBytes } from "crypto";
import type { EmulatorContext } from "../context";
import type { Exchange } from "../exchange";
import type { App, User } from "../state";
import { BLOCKED_BY_CONDITIONAL_ACCESS, sendOAuthError } from "./oauth-error";
import { parseScopes } from "./requested-scopes";

const CODE_LIFETIME_MS = 10 * 60_000;
const DEVICE_CODE_LIFETIME_SEC = 900;
/** Real Entra says 5 s; 1 s keeps device-code tests fast and msal-node honours whatever it is told. */
const DEVICE_CODE_POLL_INTERVAL_SEC = 1;

function deviceVerificationUri(ctx: EmulatorContext): string {
  return `${ctx.address.authorityHost}/common/oauth2/deviceauth`;
}

export async function handleDeviceCodeRequest(ex: Exchange, ctx: EmulatorContext): Promise<void> {
  const form = await ex.form();
  const now = ctx.state.clock.nowMs();
  const clientId = form.get("client_id") ?? "";
  const app = ctx.state.apps.get(clientId);
  if (!app)
    return sendOAuthError(
      ex,
      {
        error: "unauthorized_client",
        code: 700016,
        message: `Application with identifier '${clientId}' was not found in the directory '${ctx.state.tenantId}'.`,
      },
      now,
    );
  if (!app.publicClientFlows) {
    return sendOAuthError(
      ex,
      {
        status: 401,
        error: "invalid_client",
        code: 7000218,
        message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      },
      now,
    );
  }
  const userCode = randomUserCode();
  const deviceCode = randomBytes(48).toString("base64url");
  ctx.state.deviceCodes.set(deviceCode, {
    deviceCode,
    userCode,
    clientId,
    scopes: parseScopes(form.get("scope")).all,
    expiresAtMs: now + DEVICE_CODE_LIFETIME_SEC * 1000,
  });
  const uri = deviceVerificationUri(ctx);
  ex.json(200, {
    user_code: userCode,
    device_code: deviceCode,
    verification_uri: uri,
    expires_in: DEVICE_CODE_LIFETIME_SEC,
    interval: DEVICE_CODE_POLL_INTERVAL_SEC,
    message: `To sign in, use a web browser to open the page ${uri} and enter the code ${userCode} to authenticate.`,
  });
}

/** The page a person opens for a device code; `?user_code=…&login_hint=…` signs that user in and approves. */
export function handleDeviceAuthPage(ex: Exchange, ctx: EmulatorContext): void {
  const userCode = (ex.query("user_code") ?? ex.query("otc") ?? "").trim().toUpperCase();
  const hint = ex.query("login_hint") ?? "";
  if (!userCode || !hint) return ex.html(200, page("Enter code", deviceForm(ctx, userCode)));
  const grant = [...ctx.state.deviceCodes.values()].find((g) => g.userCode === userCode);
  if (!grant || grant.expiresAtMs < ctx.state.clock.nowMs())
    return ex.html(400, page("Code expired", "<p>That code didn't work. Check the code and try again.</p>"));
  const user = ctx.state.findUserByPrincipalName(hint);
  if (!user) return ex.html(400, page("Account not found", `<p>We couldn't find an account with that username.</p>`));
  grant.approvedBy = user.id;
  const app = ctx.state.apps.get(grant.clientId);
  ex.html(
    200,
    page(
      "Signed in",
      `<p>You have signed in to the ${escapeHtml(app?.displayName ?? grant.clientId)} application on your device. You may now close this window.</p>`,
    ),
  );
}

export function handleAuthorize(ex: Exchange, ctx: EmulatorContext): void {
  const clientId = ex.query("client_id") ?? "";
  const app = ctx.state.apps.get(clientId);
  const now = ctx.state.clock.nowMs();
  if (!app)
    return ex.html(
      400,
      page("Sign in error", `<p>AADSTS700016: Application with identifier '${escapeHtml(clientId)}' was not found in the directory.</p>`),
    );
  const redirectUri = ex.query("redirect_uri") ?? "";
  if (!redirectUriRegistered(app, redirectUri)) {
    return ex.html(
      400,
      page(
        "Sign in error",
        `<p>AADSTS50011: The redirect URI '${escapeHtml(redirectUri)}' specified in the request does not match the redirect URIs configured for the application '${escapeHtml(clientId)}'.</p>`,
      ),
    );
  }
  const responseMode = (ex.query("response_mode") ?? "query").toLowerCase();
  const state = ex.query("state");
  const reply = (params: Record<string, string | undefined>) => replyToClient(ex, redirectUri, responseMode, { ...params, state });
  if ((ex.query("response_type") ?? "") !== "code") {
    return reply({
      error: "unsupported_response_type",
      error_description: "AADSTS70005: The provided value for the input parameter 'response_type' is not allowed for this request.",
    });
  }
  const user = pickUser(ctx, ex.query("login_hint"));
  if (!user) return ex.html(200, page("Pick an account", accountPicker(ctx, ex)));
  if (ctx.state.entra.blockAll === "53003") {
    return reply({ error: "access_denied", error_description: `AADSTS53003: ${BLOCKED_BY_CONDITIONAL_ACCESS.message}` });
  }
  if (!app.consented) {
    return reply({
      error: "consent_required",
      error_description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'.`,
    });
  }
  const code = `1.emu.code.${randomBytes(32).toString("base64url")}`;
  ctx.state.authorizationCodes.set(code, {
    userId: user.id,
    clientId,
    redirectUri,
    codeChallenge: ex.query("code_challenge"),
    codeChallengeMethod: ex.query("code_challenge_method") ?? "plain",
    scopes: parseScopes(ex.query("scope")).all,
    nonce: ex.query("nonce"),
    redeemed: false,
    expiresAtMs: now + CODE_LIFETIME_MS,
  });
  const clientInfo = Buffer.from(JSON.stringify({ uid: user.oid, utid: ctx.state.tenantId })).toString("base64url");
  reply({ code, client_info: clientInfo, session_state: randomBytes(16).toString("hex") });
}

/** Entra lets loopback redirect URIs use any port (RFC 8252). */
function redirectUriRegistered(app: App, uri: string): boolean {
  let target: URL;
  try {
    target = new URL(uri);
  } catch {
    return false;
  }
  return app.redirectUris.some((registered) => {
    const r = new URL(registered);
    const loopback = (h: string) => h === "localhost" || h === "127.0.0.1" || h === "[::1]";
    if (r.protocol === "http:" && loopback(r.hostname) && loopback(target.hostname) && target.protocol === "http:") {
      return r.pathname === "/" || r.pathname === target.pathname;
    }
    return r.href === target.href;
  });
}

function pickUser(ctx: EmulatorContext, hint: string | undefined): User | undefined {
  if (hint) return ctx.state.findUserByPrincipalName(hint);
  const users = [...ctx.state.users.values()];
  return users.length === 1 ? users[0] : undefined;
}

function replyToClient(ex: Exchange, redirectUri: string, mode: string, params: Record<string, string | undefined>): void {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  if (mode === "form_post") {
    const inputs = entries.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}" />`).join("");
    return ex.html(
      200,
      `<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form><script language="javascript">document.forms[0].submit();</script></body></html>`,
    );
  }
  const search = new URLSearchParams(entries).toString();
  const target = new URL(redirectUri);
  if (mode === "fragment") return ex.redirect(`${target.origin}${target.pathname}${target.search}#${search}`);
  for (const [k, v] of entries) target.searchParams.set(k, v);
  ex.redirect(target.href);
}

function accountPicker(ctx: EmulatorContext, ex: Exchange): string {
  const links = [...ctx.state.users.values()].map((u) => {
    const url = new URL(ex.url.href);
    url.searchParams.set("login_hint", u.principalName);
    return `<li><a href="${escapeHtml(url.pathname + url.search)}">${escapeHtml(u.displayName)} (${escapeHtml(u.principalName)})</a></li>`;
  });
  return `<p>Pick an account</p><ul>${links.join("")}</ul>`;
}

function deviceForm(ctx: EmulatorContext, userCode: string): string {
  const options = [...ctx.state.users.values()]
    .map((u) => `<option value="${escapeHtml(u.principalName)}">${escapeHtml(u.displayName)}</option>`)
    .join("");
  return `<form method="GET"><label>Code <input name="user_code" value="${escapeHtml(userCode)}" /></label><label>Account <select name="login_hint">${options}</select></label><input type="submit" value="Next" /></form>`;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function randomUserCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let out = "";
  for (const b of randomBytes(9)) out += alphabet[b % alphabet.length];
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
