/** One HTTP request/response pair with the small conveniences every emulated route needs. */
import type { IncomingMessage, ServerResponse } from "http";
import { constants as http2, type Http2ServerRequest, type Http2ServerResponse } from "http2";

export type Service = "vssps" | "devops" | "entra" | "keyvault" | "github";

export class Exchange {
  /** When the request arrived (ms since the epoch). */
  readonly receivedAtMs = Date.now();
  readonly url: URL;
  readonly method: string;
  /** Decoded pathname. */
  readonly path: string;
  /** Query parameters by lower-cased name: the services treat names case-insensitively. */
  private readonly queryLower = new Map<string, string>();
  status = 0;
  /** Set by a commitThenDrop fault: the handler runs, then the connection is cut instead of answering. */
  dropResponse = false;
  dropped = false;
  /** Added to whatever this exchange answers (the CORS headers of a cross-origin request). */
  answerHeaders: Record<string, string> = {};
  /**
   * Statuses answered without `answerHeaders`: Azure DevOps's 401 and 203 sign-in answers reach extension
   * frames without CORS headers (microsoft/azure-devops-extension-api#100, #68). Fidelity switch corsOnErrors.
   */
  bareStatuses: number[] = [];
  private bodyPromise?: Promise<string>;

  constructor(
    readonly service: Service,
    readonly req: IncomingMessage | Http2ServerRequest,
    readonly res: ServerResponse | Http2ServerResponse,
    readonly origin: string,
  ) {
    this.url = new URL(req.url ?? "/", origin);
    this.method = (req.method ?? "GET").toUpperCase();
    this.path = safeDecode(this.url.pathname);
    for (const [k, v] of this.url.searchParams) this.queryLower.set(k.toLowerCase(), v);
  }

  query(name: string): string | undefined {
    return this.queryLower.get(name.toLowerCase());
  }

  queryRecord(): Record<string, string> {
    return Object.fromEntries(this.url.searchParams);
  }

  /** Request headers without HTTP/2's pseudo-headers (`:path`, `:authority`, …), as an HTTP/1.1 request has them. */
  get headers(): Record<string, string | string[] | undefined> {
    return Object.fromEntries(Object.entries(this.req.headers).filter(([k]) => !k.startsWith(":")));
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(", ") : v;
  }

  bodyText(): Promise<string> {
    this.bodyPromise ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.req.on("data", (c: Buffer) => chunks.push(c));
      this.req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      this.req.on("error", reject);
    });
    return this.bodyPromise;
  }

  /** Form fields of an application/x-www-form-urlencoded body (OAuth endpoints). */
  async form(): Promise<URLSearchParams> {
    return new URLSearchParams(await this.bodyText());
  }

  send(status: number, body: string | Buffer, headers: Record<string, string | number> = {}): void {
    this.status = status;
    if (this.dropResponse) {
      this.dropped = true;
      this.cutOff();
      return;
    }
    const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const cors = this.bareStatuses.includes(status) ? {} : this.answerHeaders;
    // A 204 carries no Content-Length (RFC 9110 8.6); HTTP/2 is strict about it.
    const length = status === 204 ? {} : { "content-length": payload.length };
    (this.res as ServerResponse).writeHead(status, { ...cors, ...headers, ...length });
    this.res.end(payload);
  }

  json(status: number, value: unknown, headers: Record<string, string | number> = {}): void {
    this.send(status, JSON.stringify(value), { "content-type": "application/json; charset=utf-8", ...headers });
  }

  empty(status: number, headers: Record<string, string | number> = {}): void {
    this.send(status, "", headers);
  }

  html(status: number, html: string, headers: Record<string, string | number> = {}): void {
    this.send(status, html, { "content-type": "text/html; charset=utf-8", ...headers });
  }

  redirect(location: string): void {
    this.send(302, "", { location });
  }

  /** Kill the connection without any answer. */
  destroy(): void {
    this.dropped = true;
    this.cutOff();
  }

  /**
   * Ends this request without an answer, as a lost connection: over HTTP/1.1 the socket dies; over HTTP/2 only this
   * request's stream is reset (the connection carries other requests, which a real network fault would not all hit).
   */
  cutOff(): void {
    if ("stream" in this.req) this.req.stream.close(http2.NGHTTP2_CANCEL);
    else this.req.socket.destroy();
  }

  get answered(): boolean {
    return this.status !== 0 || this.dropped;
  }
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
