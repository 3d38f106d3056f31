/** Parses `pat-lifecycle` arguments, runs the command, and turns every error into one clear sentence. */
import { parseArgs } from "util";
import { ApiError } from "../api/errors";
import { InputError } from "../api/input-error";
import { MessageError } from "../messages/shared-messages";
import { checkTestHooks } from "../pipeline/clock";
import { CredentialsFileError, CredentialsSaveError, defaultCredentialsPath } from "./credentials-file";
import { CliIo } from "./io";
import { login, LoginCheckError, SIGN_IN_TIMEOUT_SECONDS, SignInTimeoutError } from "./login";
import * as texts from "./texts";
import { whoami } from "./whoami";

const OPTIONS = {
  tenant: { type: "string" },
  "client-id": { type: "string" },
  organization: { type: "string" },
  "device-code": { type: "boolean", default: false },
  "login-hint": { type: "string" },
  out: { type: "string" },
  credentials: { type: "string" },
  "print-secret": { type: "boolean", default: false },
  "sign-in-timeout": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

class UsageError extends Error {}

/** Runs the CLI; resolves to the process exit code (0 done, 1 failed, 2 wrong usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(argv);
    const command = positionals[0];
    if (values.help || command === undefined || command === "help") {
      io.err(texts.USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    // Before any sign-in: a refused endpoint or clock override must not cost a refresh token halfway.
    checkTestHooks(io.env);
    const clientId = values["client-id"] ?? io.env.PAT_LIFECYCLE_CLIENT_ID;
    const tenant = values.tenant ?? io.env.PAT_LIFECYCLE_TENANT_ID;
    switch (command) {
      case "login": {
        if (!clientId) throw new UsageError("login needs --client-id <application (client) id of your app registration>.");
        if (!values.organization) throw new UsageError("login needs --organization <org>, to check that the sign-in works there.");
        if (values.out && values["print-secret"]) throw new UsageError("Use --out or --print-secret, not both.");
        const saved = await login(
          {
            tenant: tenant ?? "organizations",
            clientId,
            organization: values.organization,
            deviceCode: values["device-code"],
            loginHint: values["login-hint"],
            out: values.out ?? defaultCredentialsPath(),
            printSecret: values["print-secret"],
            signInTimeoutSeconds: timeoutSeconds(values["sign-in-timeout"]),
          },
          io,
        );
        return saved ? 0 : 1;
      }
      case "whoami": {
        const refreshToken = io.env.PAT_LIFECYCLE_REFRESH_TOKEN;
        if (!values.credentials && refreshToken && tenant && clientId) {
          return (await whoami({ source: "env", tenant, clientId, refreshToken }, io)) ? 0 : 1;
        }
        return (await whoami({ source: "file", file: values.credentials ?? defaultCredentialsPath() }, io)) ? 0 : 1;
      }
      default:
        throw new UsageError(`Unknown command '${command}'.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(texts.usageError(error.message));
      return 2;
    }
    io.err(describe(error));
    return 1;
  }
}

function timeoutSeconds(given: string | undefined): number {
  if (given === undefined) return SIGN_IN_TIMEOUT_SECONDS;
  const seconds = Number(given);
  if (!Number.isInteger(seconds) || seconds < 1)
    throw new UsageError(`--sign-in-timeout must be a whole number of seconds, 1 or more: '${given}'.`);
  return seconds;
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The sentence for an error; an unexpected one keeps its message but never a stack trace. */
function describe(error: unknown): string {
  const known = [MessageError, InputError, ApiError, CredentialsFileError, CredentialsSaveError, LoginCheckError, SignInTimeoutError];
  if (known.some((type) => error instanceof type)) return (error as Error).message;
  return `pat-lifecycle failed: ${error instanceof Error ? error.message : String(error)}`;
}
