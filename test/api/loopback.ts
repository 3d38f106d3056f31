/** Listening on a free loopback port, for the test servers in this folder: their URL and a close that ends what is still open. */
import type * as http from "http";
import type { AddressInfo } from "net";

interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1; `close` runs `endOwn` (connections the server no longer tracks), ends open connections and closes. */
export async function listenOnLoopback(server: http.Server, endOwn: () => void = () => undefined): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        endOwn();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
