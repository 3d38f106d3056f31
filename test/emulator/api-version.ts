/** `api-version` checks as the VSS web API does them: required, well-formed, in range, `-preview` where needed. */
import type { Exchange } from "./exchange";
import { INVALID_VERSION, PREVIEW_REQUIRED, VERSION_NOT_SPECIFIED, VERSION_OUT_OF_RANGE, sendVssError } from "./vss-errors";

export interface VersionRange {
  /** Highest version the route serves at all. */
  max: number;
  /** Highest released (GA) version; anything above needs `-preview`. */
  released: number;
  min?: number;
  /** connectionData and a few others answer without a version. */
  optional?: boolean;
}

/** The highest REST version the emulated server knows, as in its "out of range" message. */
const SERVER_LATEST = 7.2;

/** Returns true when the request may proceed; otherwise it has answered with a 400. */
export function checkApiVersion(ex: Exchange, range: VersionRange): boolean {
  const raw = ex.query("api-version") ?? acceptHeaderVersion(ex.header("accept"));
  if (raw === undefined || raw === "") {
    if (range.optional) return true;
    sendVssError(
      ex,
      400,
      VERSION_NOT_SPECIFIED,
      `No api-version was supplied for the "${ex.method}" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. '?api-version=1.0').`,
    );
    return false;
  }
  const m = /^(\d+)\.(\d+)(-preview(\.\d+)?)?$/i.exec(raw.trim());
  if (!m) {
    sendVssError(ex, 400, INVALID_VERSION, `The following api-version is in an invalid format: '${raw}'.`);
    return false;
  }
  const version = Number(`${m[1]}.${m[2]}`);
  const preview = m[3] !== undefined;
  if (version > SERVER_LATEST || version > range.max || version < (range.min ?? 1)) {
    sendVssError(
      ex,
      400,
      VERSION_OUT_OF_RANGE,
      `The requested REST API version of ${m[1]}.${m[2]} is out of range for this server. The latest REST API version this server supports is ${Math.min(SERVER_LATEST, range.max).toFixed(1)}.`,
    );
    return false;
  }
  if (version > range.released && !preview) {
    sendVssError(
      ex,
      400,
      PREVIEW_REQUIRED,
      `The requested version "${m[1]}.${m[2]}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${m[1]}.${m[2]}-preview"`,
    );
    return false;
  }
  return true;
}

function acceptHeaderVersion(accept: string | undefined): string | undefined {
  const m = accept ? /api-version=([^;,\s]+)/i.exec(accept) : null;
  return m ? m[1] : undefined;
}
