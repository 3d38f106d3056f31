/** The CLI refuses endpoint and clock overrides that do not point at the local emulator, before any connection. */
import * as assert from "assert";
import { cliInProcess } from "./cli-harness";

describe("pat-lifecycle CLI refuses overrides off this machine", () => {
  const login = ["login", "--client-id", "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8", "--organization", "contoso"];
  /** `pat-lifecycle login` with `env`: what it printed, and whether it opened a browser. */
  const loginWith = async (env: Record<string, string>) => {
    let opened = false;
    const run = await cliInProcess(login, { env, openBrowser: async () => void (opened = true) });
    return { ...run, opened };
  };

  it("PAT_LIFECYCLE_AUTHORITY_HOST pointing elsewhere: one sentence naming it, no browser opened", async () => {
    const run = await loginWith({ PAT_LIFECYCLE_AUTHORITY_HOST: "https://login.attacker.example" });
    assert.strictEqual(run.code, 1);
    assert.strictEqual(
      run.stderr,
      "PAT_LIFECYCLE_AUTHORITY_HOST is set to 'login.attacker.example', but it can only point at the local emulator (a loopback address such as https://127.0.0.1:8443): " +
        "remove it from the pipeline's variables, variable groups and queue-time values (or from your environment), as the real services need no override.\n",
    );
    assert.strictEqual(run.opened, false);
  });

  it("PAT_LIFECYCLE_VSSPS_URL pointing elsewhere fails whoami with a refresh token from the environment", async () => {
    const run = await cliInProcess(["whoami", "--tenant", "t", "--client-id", "c"], {
      env: { PAT_LIFECYCLE_VSSPS_URL: "https://vssps.attacker.example", PAT_LIFECYCLE_REFRESH_TOKEN: "not-sent-anywhere" },
    });
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /^PAT_LIFECYCLE_VSSPS_URL is set to 'vssps\.attacker\.example', but it can only point at the local emulator/);
  });

  it("PAT_LIFECYCLE_NOW against the real services: refused before the sign-in, so no refresh token is received and then lost", async () => {
    const run = await loginWith({ PAT_LIFECYCLE_NOW: "2026-01-01T00:00:00Z" });
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /^PAT_LIFECYCLE_NOW is set, but it can only be used with the local emulator/);
    assert.strictEqual(run.opened, false);
  });
});
