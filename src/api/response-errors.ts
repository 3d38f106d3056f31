/** Turns an HTTP answer that is not a usable success into the typed error a person can act on. */
import type { CredentialKind } from "./credential";
import { ApiError, NotSignedInError, VssApiError } from "./errors";
import { httpStatusMessage, notSignedInMessage, vssErrorMessage } from "./messages";

/** What we read of a response: enough to classify it without holding the stream. */
export interface RawResponse {
  status: number;
  /** `opaqueredirect` in browsers for a manual redirect (status 0 there). */
  type: string;
  contentType: string;
  text: string;
}

/** The VSS error body fields we use. */
export interface VssErrorBody {
  message: string;
  typeKey: string;
}

/** Parses a VSS error body (`message` + `typeKey`), or undefined when the text is not one. */
export function parseVssError(text: string): VssErrorBody | undefined {
  if (!text.trim().startsWith("{")) return undefined;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (typeof body.message !== "string") return undefined;
    return { message: body.message, typeKey: typeof body.typeKey === "string" ? body.typeKey : "" };
  } catch {
    return undefined;
  }
}

/** True when the body is an HTML page (the sign-in page), whatever the status. */
function isHtml(r: Pick<RawResponse, "contentType" | "text">): boolean {
  return /text\/html/i.test(r.contentType) || /^\s*<(!doctype|html|head|body|\?xml|!--)/i.test(r.text);
}

/** The error for a response, or undefined when it is a usable success. `what` = "GET https://…". */
export function errorForResponse(r: RawResponse, what: string, url: string, kind: CredentialKind | undefined): ApiError | undefined {
  const o = { status: r.status, url };
  if (r.type === "opaqueredirect" || (r.status >= 300 && r.status < 400)) {
    return new NotSignedInError(notSignedInMessage(kind, `a redirect to the sign-in page (HTTP ${r.status || 302})`, what), o);
  }
  if (r.status === 203) return new NotSignedInError(notSignedInMessage(kind, "HTTP 203 with a sign-in page", what), o);
  if (isHtml(r)) return new NotSignedInError(notSignedInMessage(kind, `an HTML page (HTTP ${r.status})`, what), o);
  const vss = parseVssError(r.text);
  if (r.status === 401) {
    const said = vss ? `HTTP 401 "${vss.message}"` : "HTTP 401";
    return new NotSignedInError(notSignedInMessage(kind, said, what), { ...o, serviceMessage: vss?.message });
  }
  if (r.status >= 200 && r.status < 300) return undefined;
  if (vss) return new VssApiError(vssErrorMessage(r.status, vss.typeKey, vss.message, what), vss.typeKey, vss.message, o);
  return new ApiError(httpStatusMessage(r.status, what, r.text.trim().slice(0, 200)), o);
}
