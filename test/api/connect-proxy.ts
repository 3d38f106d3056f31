/** A CONNECT proxy for tests of the agent's proxy settings. */
import * as http from "http";
import * as net from "net";
import { listenOnLoopback } from "./loopback";

export interface ConnectProxy {
  url: string;
  tunnels: Array<{ target: string; auth: string | undefined }>;
  close(): Promise<void>;
}

/** An HTTP CONNECT proxy on loopback that requires proxyuser:proxy-pass and records each tunnel. */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: ConnectProxy["tunnels"] = [];
  // Tunnels leave the HTTP server's bookkeeping: closing must end them itself.
  const tunnelSockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on("connect", (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    tunnelSockets.add(socket);
    socket.once("close", () => tunnelSockets.delete(socket));
    const auth = req.headers["proxy-authorization"];
    tunnels.push({ target: req.url ?? "", auth });
    if (auth !== `Basic ${Buffer.from("proxyuser:proxy-pass").toString("base64")}`) {
      socket.end("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
      return;
    }
    openTunnel(req.url ?? "", socket, head);
  });
  const listening = await listenOnLoopback(server, () => {
    for (const socket of tunnelSockets) socket.destroy();
  });
  return { ...listening, tunnels };
}

/** Answers a CONNECT for `target` (host:port): connects, says so, and pipes both ways. */
export function openTunnel(target: string, client: net.Socket, head: Buffer): void {
  const [host, port] = target.split(":");
  const upstream = net.connect(Number(port), host, () => {
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on("error", () => client.destroy());
  client.on("error", () => upstream.destroy());
}
