/** CheckPatExpiry's inputs (read-inputs.ts), read in process with INPUT_* variables; the whole flow runs against the emulator elsewhere. */
import * as assert from "assert";
import { readCheckInputs } from "../../../tasks/CheckPatExpiryV1/read-inputs";
import { readWithInputs, refusal, useTaskMessages } from "../../support/task-inputs";

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
      policy: {
        warnWithinDays: 14,
        failWithinDays: 3,
        includeExpired: false,
        flagGlobal: true,
        flagFullScope: true,
        maxLifetimeDays: null,
        nameFilter: null,
      },
    });
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
      [value?.organization, value?.subject, value?.shard, value?.policy.maxLifetimeDays, value?.adminPat],
      ["fabrikam", "organization", { index: 2, count: 4 }, 90, "admin-pat-secret-1"],
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
