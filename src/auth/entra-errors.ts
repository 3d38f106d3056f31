/**
 * Turns what Microsoft Entra answered into a sentence a build owner can act on. The OAuth `error`
 * and the AADSTS number decide the sentence; the AADSTS number is only shown as a hint, since
 * Microsoft says the numbers may change.
 */
import { MessageError, MessageKey } from "../messages/shared-messages";

export class EntraSignInError extends MessageError {
  readonly aadsts?: string;
  readonly oauthError?: string;
  constructor(key: MessageKey, ...args: Array<string | number>) {
    super(key, ...args);
    this.name = "EntraSignInError";
  }

  static from(key: MessageKey, hint: { aadsts?: string; oauthError?: string }, ...args: Array<string | number>): EntraSignInError {
    const error = new EntraSignInError(key, ...args);
    return Object.assign(error, { aadsts: hint.aadsts, oauthError: hint.oauthError });
  }
}

/** What went wrong talking to Entra, with msal's types left behind in src/auth/msal.ts. */
export interface EntraFailure {
  /** OAuth `error` (invalid_grant, invalid_client, interaction_required, ...). */
  oauthError?: string;
  /** The AADSTS number, without the prefix. */
  aadsts?: string;
  /** Entra's own description, first line. */
  description?: string;
  /** True when Entra could not be reached at all. */
  unreachable?: boolean;
}

export interface SignInContext {
  authorityHost: string;
  tenantId: string;
  clientId: string;
}

const byAadsts: Array<[codes: string[], key: MessageKey]> = [
  [["700082", "70008"], "AuthRefreshTokenExpired"],
  [["50173", "70000", "50132"], "AuthRefreshTokenRevoked"],
  [["50076", "50079", "50074", "50072"], "AuthMfaRequired"],
  [["65001"], "AuthConsentRequired"],
  [["7000218"], "AuthPublicClientFlowsDisabled"],
  [["53003", "53000", "53001", "53002"], "AuthConditionalAccess"],
  [["7000215", "7000222", "7000216"], "AuthInvalidClient"],
  [["50126", "50053", "50034"], "AuthInvalidCredentials"],
  [["700016"], "AuthUnknownClient"],
  [["90002", "90023"], "AuthUnknownTenant"],
];

/** The actionable error for an Entra failure. */
export function describeEntraFailure(failure: EntraFailure, context: SignInContext): EntraSignInError {
  const hint = { aadsts: failure.aadsts, oauthError: failure.oauthError };
  if (failure.unreachable) {
    return EntraSignInError.from("AuthEntraUnreachable", hint, context.authorityHost, failure.description ?? "no answer");
  }
  const code = failure.aadsts ? `AADSTS${failure.aadsts}` : (failure.oauthError ?? "unknown");
  let key = byAadsts.find(([codes]) => failure.aadsts !== undefined && codes.includes(failure.aadsts))?.[1];
  if (!key && failure.oauthError === "invalid_client") key = "AuthInvalidClient";
  if (!key && failure.oauthError === "consent_required") key = "AuthConsentRequired";
  switch (key) {
    case undefined:
      return EntraSignInError.from("AuthEntraRefused", hint, `${failure.description ?? failure.oauthError ?? "no reason given"} (${code})`);
    case "AuthConsentRequired":
    case "AuthPublicClientFlowsDisabled":
    case "AuthInvalidClient":
      return EntraSignInError.from(key, hint, context.clientId, code);
    case "AuthUnknownClient":
      return EntraSignInError.from(key, hint, context.clientId, context.tenantId, code);
    case "AuthUnknownTenant":
      return EntraSignInError.from(key, hint, context.tenantId, code);
    default:
      return EntraSignInError.from(key, hint, code);
  }
}
