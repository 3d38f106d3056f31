/** CheckPatExpiry's inputs (read-inputs.ts), read in process with INPUT_* variables; the whole flow runs against the emulator elsewhere. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_POLICY } from "../../../src/expiry/policy";
import { readCheckInputs } from "../../../tasks/CheckPatExpiryV1/read-inputs";
import { readNotifyInputs } from "../../../tasks/CheckPatExpiryV1/notify";
import { readWithInputs, refusal, useTaskMessages } from "../../support/task-inputs";

type TaskJson = { inputs: Array<{ name: string; defaultValue?: string }> };

const read = (inputs: Record<string, string>, variables: Record<string, string> = {}) => readWithInputs(inputs, readCheckInputs, variables);

describe("CheckPatExpiryV1 inputs read in process", () => {
  before(() => useTaskMessages("CheckPatExpiryV1"));

  it("defaults: my PATs in the job's organization, warn within 14 days, fail within 3, flags on", () => {
    const { value } = read({}, { SYSTEM_COLLECTIONURI: "https://dev.azure.com/contoso/" });
    assert.deepStrictEqual(value, {
      organization: "contoso",
      subject: "mine",
      adminPat: undefined,
      shard: null,
      auditDays: 0,
      policy: DEFAULT_POLICY,
    });
    // What the classic editor shows as defaults is what a YAML step without the inputs gets.
    const shown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../tasks/CheckPatExpiryV1/task.json"), "utf8")) as TaskJson;
    const defaultOf = (name: string) => shown.inputs.find((i) => i.name === name)?.defaultValue;
    assert.deepStrictEqual(
      [defaultOf("warnWithinDays"), defaultOf("failWithinDays"), defaultOf("includeExpired"), defaultOf("flagGlobal")],
      [String(DEFAULT_POLICY.warnWithinDays), String(DEFAULT_POLICY.failWithinDays), "false", "true"],
    );
  });

  it("an organization scan with a shard, a lifetime policy and an admin PAT (masked first)", () => {
    const { value, output } = read({
      organization: "fabrikam",
      subject: "organization",
      shard: "2/4",
      maxLifetimeDays: "90",
      adminPat: "admin-pat-secret-1",
      nameFilter: "deploy*",
    });
    assert.deepStrictEqual(
      [value?.organization, value?.subject, value?.shard, value?.policy.maxLifetimeDays, value?.adminPat, value?.auditDays],
      ["fabrikam", "organization", { index: 2, count: 4 }, 90, "admin-pat-secret-1", 30],
    );
    assert.ok(value?.policy.nameFilter, "the name filter is compiled");
    assert.match(output.split(/\r?\n/)[0], /^##vso\[task\.setsecret\]admin-pat-secret-1$/);
  });

  const refused: Array<[what: string, inputs: Record<string, string>, input: string, message: string]> = [
    [
      "failWithinDays beyond warnWithinDays",
      { organization: "contoso", warnWithinDays: "5", failWithinDays: "7" },
      "failWithinDays",
      "The input 'failWithinDays' (7) must not be greater than warnWithinDays (5).",
    ],
    [
      "a malformed shard",
      { organization: "contoso", subject: "organization", shard: "5/4" },
      "shard",
      "The input 'shard' must be i/n with 1 <= i <= n, for example 2/4; got '5/4'.",
    ],
    [
      "a shard for my own PATs",
      { organization: "contoso", shard: "1/2" },
      "shard",
      "The input 'shard' applies only when subject is 'organization'; clear it or set subject to organization.",
    ],
    [
      "an admin PAT for my own PATs",
      { organization: "contoso", adminPat: "admin-pat-secret-2" },
      "adminPat",
      "The input 'adminPat' applies only when subject is 'organization': your own PATs can be listed only with a Microsoft Entra sign-in.",
    ],
    [
      "no organization input and no System.CollectionUri",
      {},
      "organization",
      "The input 'organization' is empty and this job has no System.CollectionUri; set organization to the organization name, for example contoso.",
    ],
    [
      "audit log days beyond the 90 the log keeps",
      { organization: "contoso", subject: "organization", auditDays: "91" },
      "auditDays",
      "The input 'auditDays' must be a whole number from 0 to 90; got '91'.",
    ],
    [
      "a day count beyond 3650",
      { organization: "contoso", warnWithinDays: "4000" },
      "warnWithinDays",
      "The input 'warnWithinDays' must be a whole number from 0 to 3650; got '4000'.",
    ],
  ];
  for (const [what, inputs, input, message] of refused) {
    it(`refuses ${what}, naming ${input}`, () => assert.deepStrictEqual(refusal(read(inputs)), [input, message]));
  }
});

describe("CheckPatExpiryV1 notify inputs read in process", () => {
  before(() => useTaskMessages("CheckPatExpiryV1"));
  const readNotify = (inputs: Record<string, string>) => readWithInputs(inputs, readNotifyInputs, { SYSTEM_TEAMPROJECT: "Fabrikam" });

  it("nothing by default; work items default to a Task in the job's project, closed as Closed", () => {
    assert.deepStrictEqual(readNotify({}).value, { workItem: null, webhook: null });
    assert.deepStrictEqual(readNotify({ notify: "workItem" }).value?.workItem, {
      project: "Fabrikam",
      type: "Task",
      areaPath: undefined,
      closedState: "Closed",
    });
  });

  it("a Teams workflow and a Slack webhook URL, masked before anything is logged", () => {
    const teams = readNotify({
      notify: "webhook",
      webhookUrl: "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cret",
    });
    assert.strictEqual(teams.value?.webhook?.kind, "teams");
    assert.match(teams.output.split(/\r?\n/)[0], /^##vso\[task\.setsecret\]https:\/\/prod-01/);
    const slack = readNotify({
      notify: "workItemAndWebhook",
      webhookUrl: "https://hooks.slack.com/services/T0/B0/xyz",
      webhookAlways: "true",
    });
    assert.deepStrictEqual(
      [slack.value?.webhook?.kind, slack.value?.webhook?.always, slack.value?.workItem?.type],
      ["slack", true, "Task"],
    );
  });

  const refused: Array<[what: string, inputs: Record<string, string>, message: RegExp]> = [
    ["a webhook without a URL", { notify: "webhook" }, /^The input 'webhookUrl' is empty, but notify asks for a webhook message\./],
    [
      "a plain http URL",
      { notify: "webhook", webhookUrl: "http://hooks.slack.com/services/T0/B0/xyz" },
      /^The input 'webhookUrl' must be an https:\/\/ webhook URL\.$/,
    ],
    [
      "a retired Office 365 connector",
      { notify: "webhook", webhookUrl: "https://contoso.webhook.office.com/webhookb2/abc" },
      /Office 365 connector URL \(contoso\.webhook\.office\.com\), which Microsoft retired/,
    ],
    [
      "a loopback URL outside emulator mode",
      { notify: "webhook", webhookUrl: "https://127.0.0.1:9/_webhooks/teams/x" },
      /points at 127\.0\.0\.1, which is neither a Teams workflow host/,
    ],
  ];
  for (const [what, inputs, message] of refused) {
    it(`refuses ${what}, naming webhookUrl`, () => {
      const [input, text] = refusal(readNotify(inputs));
      assert.strictEqual(input, "webhookUrl");
      assert.match(text, message);
    });
  }
});
