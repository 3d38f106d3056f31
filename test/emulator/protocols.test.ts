/**
 * The emulator speaks HTTP/2 to clients that offer it (browsers, as dev.azure.com does) and HTTP/1.1 to the rest
 * (Node's https, undici's fetch); a dropped answer over HTTP/2 resets that request only, not the connection.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as http2 from "http2";
import { PATS_PATH, V71, startRawCallFixture, type Fixture } from "./fixture";

describe("emulator: HTTP/2 and HTTP/1.1 on every listener", function () {
  let f: Fixture;
  let session: http2.ClientHttp2Session | undefined;
  before(async () => {
    f = await startRawCallFixture();
  });
  after(async () => {
    session?.close();
    await f?.emu.stop();
  });
  afterEach(() => f.emu.clearFaults());

  /** One GET over the HTTP/2 session: the status, or the stream's error. */
  const getOverHttp2 = (path: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const stream = (session as http2.ClientHttp2Session).request({
        ":method": "GET",
        ":path": `${path}?api-version=${V71}`,
        authorization: `Bearer ${f.adaToken}`,
      });
      let status = 0;
      stream.on("response", (headers) => (status = Number(headers[":status"])));
      stream.on("error", reject);
      stream.on("close", () => (status ? resolve(status) : reject(new Error(`stream closed without an answer (code ${stream.rstCode})`))));
      stream.resume();
      stream.end();
    });

  it("answers a client that offers h2 over HTTP/2 and fetch (undici) over HTTP/1.1, both logged with their version", async () => {
    session = http2.connect(f.emu.vsspsUrl, { ca: fs.readFileSync(f.emu.caFile, "utf8") });
    await f.emu.clearRequests();
    assert.strictEqual(await getOverHttp2(PATS_PATH), 200);
    assert.strictEqual((await f.call(PATS_PATH)).status, 200);
    const versions = (await f.emu.requests()).map((r) => `${r.method} ${r.httpVersion}`);
    assert.deepStrictEqual(versions, ["GET 2.0", "GET 1.1"]);
  });

  it("over HTTP/2, a dropped answer resets its own stream; the next request on the same connection is answered", async () => {
    session ??= http2.connect(f.emu.vsspsUrl, { ca: fs.readFileSync(f.emu.caFile, "utf8") });
    await f.emu.addFault({ path: "/tokens/pats$", kind: "drop", times: 1 });
    await assert.rejects(getOverHttp2(PATS_PATH), /NGHTTP2_CANCEL|stream closed without an answer/);
    assert.ok(!session.closed && !session.destroyed, "the connection survives");
    assert.strictEqual(await getOverHttp2(PATS_PATH), 200);
  });
});
