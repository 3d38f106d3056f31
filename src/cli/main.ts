#!/usr/bin/env node
/** The `pat-lifecycle` command (package.json bin). */
import { runCli } from "./cli";
import { processIo } from "./io";

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
  // A sign-in given up may leave msal's polling or loopback server behind: they must not keep the command running.
  setTimeout(() => process.exit(code), 2000).unref();
});
