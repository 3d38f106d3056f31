/**
 * Preload (`node -r`) for a task process under test: appends every dns.lookup / dns.promises.lookup /
 * dns.resolve* host and every socket connect target to the file named by PAT_TEST_NETWORK_LOG, one JSON
 * line each, so a test can prove a refused override never reached its host.
 */
// The modules themselves (not import * copies), so the patches are what every caller sees.
/* eslint-disable @typescript-eslint/no-require-imports -- an import * copy would not patch the real module */
import dns = require("dns");
import fs = require("fs");
import net = require("net");
/* eslint-enable @typescript-eslint/no-require-imports */

const logFile = process.env.PAT_TEST_NETWORK_LOG;

function record(kind: string, target: unknown): void {
  if (logFile) fs.appendFileSync(logFile, `${JSON.stringify({ kind, target: String(target) })}\n`);
}

function wrap<T extends object>(owner: T, name: keyof T & string, kind: string): void {
  const original = owner[name] as unknown as (...args: unknown[]) => unknown;
  if (typeof original !== "function") return;
  (owner as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    record(kind, args[0]);
    return original.apply(this, args);
  };
}

for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"] as const) {
  wrap(dns, name, `dns.${name}`);
  wrap(dns.promises, name, `dns.promises.${name}`);
}

const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  // connect(options[, cb]), connect(port[, host][, cb]), connect(path[, cb]), or the internal [options, cb] array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target =
    first && typeof first === "object"
      ? `${(first as net.TcpNetConnectOpts).host ?? ""}:${(first as net.TcpNetConnectOpts).port ?? ""}${(first as net.IpcNetConnectOpts).path ?? ""}`
      : `${typeof args[1] === "string" ? args[1] : "localhost"}:${String(first)}`;
  record("net.connect", target);
  return connect.apply(this, args);
} as typeof net.Socket.prototype.connect;
