/**
 * CheckPatExpiry's notifications, run from the PACKAGED task (unzipped .vsix) against the emulator: owners'
 * work items created, left alone, updated and closed across runs; one Teams or Slack message per run, none when
 * nothing changed (fingerprint in a variable group); shards touching only their own owners; no secret anywhere.
 */
import * as assert from "assert";
import * as fs from "fs";
import { type Emulator } from "../../emulator/client";
import { packagedTaskEntry } from "../../support/packaged-task";
import { startSeededEmulator } from "../../support/seeded-emulator";
import { assertNoSecrets, visibleTaskOutput } from "../../support/secrets";
import { runTaskProcess, type TaskRun } from "../../support/task";
import { shardOf } from "../../../src/expiry/shard";

const NOW = "2026-11-23T10:00:00.000Z";
const PROJECT = "Fabrikam";

describe("CheckPatExpiry notifications (packaged task)", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let entry: string;
  let unpacked: string;
  let adminPat: string;
  let jobToken: string;
  let refreshToken: string;
  let secrets: string[];
  let users: Record<string, { id: string; descriptor: string; principalName: string }>;

  before(async () => {
    ({ entry, unpacked } = packagedTaskEntry("CheckPatExpiryV1"));
    const seeded = await startSeededEmulator({ now: NOW, ada: { tokenAdminOf: ["contoso"] } });
    emu = seeded.emu;
    const bob = await emu.addUser({ displayName: "Bob <b>Builder</b>", principalName: "bob@contoso.com", organizations: ["contoso"] });
    const cy = await emu.addUser({ displayName: "Cy Calm", principalName: "cy@contoso.com", organizations: ["contoso"] });
    users = { ada: seeded.ada, bob, cy };
    const pat = (userId: string, displayName: string, validTo: string, scope = "vso.code") =>
      emu.addPat(userId, { displayName, validTo, scope, validFrom: "2026-10-01T00:00:00Z", organizations: ["contoso"] });
    await pat(seeded.ada.id, "ada-deploy", "2026-11-25T00:00:00Z");
    await pat(bob.id, "bob-<script>feed", "2026-12-01T12:00:00Z");
    await pat(bob.id, "bob-everything", "2027-03-01T00:00:00Z", "app_token");
    await pat(cy.id, "cy-fine", "2027-05-01T00:00:00Z");
    adminPat = (await pat(seeded.ada.id, "token-admin", "2027-06-01T00:00:00Z", "vso.tokenadministration vso.graph")).token;
    jobToken = await emu.issueJobToken("contoso", { variableGroupAdmin: true });
    refreshToken = await emu.issueRefreshToken(seeded.ada.id, "pat-lifecycle-test-client");
    await emu.addVariableGroup("contoso", PROJECT, { name: "pat-notify-state", variables: { Keep: { value: "me" } } });
    secrets = [adminPat, jobToken, refreshToken, ...(await emu.pats()).map((p) => p.token)];
  });

  after(async () => {
    await emu?.stop();
    if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
  });

  const teamsUrl = () => `${emu.devopsUrl}/_webhooks/teams/run-hook`;

  async function check(inputs: Record<string, string>): Promise<TaskRun> {
    const run = await runTaskProcess({
      task: "CheckPatExpiryV1",
      entry,
      inputs: { subject: "organization", adminPat, ...inputs },
      secretVariables: { "System.AccessToken": jobToken },
      env: { ...emu.env, PAT_LIFECYCLE_NOW: NOW, SYSTEM_COLLECTIONURI: `${emu.devopsUrl}/contoso/`, SYSTEM_TEAMPROJECT: PROJECT },
    });
    const posts = JSON.stringify(await emu.webhookPosts());
    const items = JSON.stringify(await emu.workItems("contoso"));
    assertNoSecrets([...visibleTaskOutput(run.stdout, run.stderr), posts, items], [...secrets, inputs.webhookUrl]);
    return run;
  }

  const byOwner = async () => {
    const items = await emu.workItems("contoso");
    return Object.fromEntries(Object.entries(users).map(([k, u]) => [k, items.filter((w) => w.fields["System.AssignedTo"] === u.id)]));
  };

  it("work items: one per owner needing attention, unchanged on a second run, updated when it changes, closed when nothing remains", async () => {
    const first = await check({ notify: "workItem", workItemType: "Task", workItemAreaPath: `${PROJECT}\\Security` });
    assert.strictEqual(first.result, "Failed", first.stdout); // ada-deploy breaks within 3 days
    assert.match(first.stdout, /Work items in project 'Fabrikam': 2 created, 0 updated, 0 unchanged, 0 closed\./);
    const owned = await byOwner();
    assert.strictEqual(owned.ada.length, 1);
    assert.strictEqual(owned.bob.length, 1);
    assert.strictEqual(owned.cy.length, 0, "nothing of Cy needs attention");
    const bobItem = owned.bob[0];
    assert.strictEqual(bobItem.fields["System.AreaPath"], `${PROJECT}\\Security`);
    assert.strictEqual(bobItem.fields["System.WorkItemType"], "Task");
    assert.match(String(bobItem.fields["System.Title"]), /^2 PAT\(s\) of Bob <b>Builder<\/b> need attention in contoso$/);
    const description = String(bobItem.fields["System.Description"]);
    assert.ok(description.includes("bob-&lt;script&gt;feed") && !description.includes("<script>"), "PAT names are escaped");
    assert.match(description, /Global PATs|Replace it with a PAT limited to the scopes its consumers need/);
    assert.match(description, /Rotate or extend it \(RotatePat task or the PAT Lifecycle hub\) before 2026-12-01/);
    assert.match(String(bobItem.fields["System.Tags"]), /pat-lifecycle:contoso; pat-lifecycle:contoso:bob@contoso\.com/);

    const second = await check({ notify: "workItem" });
    assert.match(second.stdout, /0 created, 0 updated, 2 unchanged, 0 closed\./);
    assert.strictEqual((await byOwner()).bob[0].rev, 1, "an unchanged item is not written (no e-mail)");

    // A new PAT of Bob's that needs attention changes his item: updated in place, not a second item.
    secrets.push(
      (
        await emu.addPat(users.bob.id, {
          displayName: "bob-new-risk",
          validTo: "2027-04-01T00:00:00Z",
          scope: "app_token",
          validFrom: "2026-10-01T00:00:00Z",
          organizations: ["contoso"],
        })
      ).token,
    );
    const changed = await check({ notify: "workItem" });
    assert.match(changed.stdout, /0 created, 1 updated, 1 unchanged, 0 closed\./);
    const updated = (await byOwner()).bob;
    assert.deepStrictEqual([updated.length, updated[0].rev], [1, 2]);
    assert.match(String(updated[0].fields["System.Title"]), /^3 PAT\(s\) of Bob/);
    assert.ok(String(updated[0].fields["System.Description"]).includes("bob-new-risk"));

    const bobPats = (await emu.pats(users.bob.id)).map((p) => p.authorizationId);
    // Bob's PATs go away through Token Admin revocations, as an administrator would revoke them.
    await fetchJson(
      `${emu.vsspsUrl}/contoso/_apis/tokenadmin/revocations?api-version=7.1&isPublic=false`,
      adminPat,
      bobPats.map((authorizationId) => ({ authorizationId })),
    );
    const third = await check({ notify: "workItem" });
    assert.match(third.stdout, /0 created, 0 updated, 1 unchanged, 1 closed\./);
    const closed = (await byOwner()).bob[0];
    assert.strictEqual(closed.fields["System.State"], "Closed");
    assert.match(closed.history.join(" "), /None of this person's PATs needs attention any more/);
  });

  it("shards: each shard touches only its own owners' work items", async () => {
    const before = (await emu.workItems("contoso")).length;
    const adaShard = shardOf(users.ada.descriptor, 2);
    const other = adaShard === 1 ? 2 : 1;
    const otherRun = await check({ notify: "workItem", shard: `${other}/2` });
    assert.doesNotMatch(otherRun.stdout, /[1-9]\d* (updated|closed)/, "the other shard leaves Ada's item alone");
    const adaRun = await check({ notify: "workItem", shard: `${adaShard}/2` });
    assert.match(adaRun.stdout, /1 unchanged/);
    assert.strictEqual((await emu.workItems("contoso")).length, before, "no duplicate items across shards");
  });

  it("webhook: one Teams card per run, none when nothing changed, Slack in mine mode", async () => {
    const inputs = { notify: "webhook", webhookUrl: teamsUrl(), webhookStateVariableGroup: "pat-notify-state" };
    const first = await check(inputs);
    assert.match(first.stdout, /Sent the Microsoft Teams message \(1 PAT\(s\) needing attention\)\./);
    let posts = await emu.webhookPosts();
    assert.strictEqual(posts.length, 1);
    assert.strictEqual(posts[0].authorization, false, "no credential goes to a webhook");
    const card = (posts[0].body as { attachments: { contentType: string; content: { type: string; body: { text: string }[] } }[] })
      .attachments[0];
    assert.strictEqual(card.contentType, "application/vnd.microsoft.card.adaptive");
    assert.strictEqual(card.content.type, "AdaptiveCard");
    assert.match(card.content.body[0].text, /PAT expiry in contoso \(every user's PATs\): 1 need attention/);
    assert.ok(card.content.body.some((b) => /ada-deploy of Ada Lovelace \(ada@contoso\.com\): breaks soon/.test(b.text)));

    const second = await check(inputs);
    assert.match(second.stdout, /Webhook message not sent: nothing changed since the last message/);
    assert.strictEqual((await emu.webhookPosts()).length, 1);
    const forced = await check({ ...inputs, webhookAlways: "true" });
    assert.match(forced.stdout, /Sent the Microsoft Teams message/);
    assert.strictEqual((await emu.webhookPosts()).length, 2);

    const slack = await runTaskProcess({
      task: "CheckPatExpiryV1",
      entry,
      inputs: {
        authenticationMethod: "refreshToken",
        tenantId: emu.tenantId,
        clientId: "pat-lifecycle-test-client",
        refreshToken,
        notify: "webhook",
        webhookUrl: `${emu.devopsUrl}/_webhooks/slack/T1-B1`,
      },
      secretVariables: { "System.AccessToken": jobToken },
      env: { ...emu.env, PAT_LIFECYCLE_NOW: NOW, SYSTEM_COLLECTIONURI: `${emu.devopsUrl}/contoso/`, SYSTEM_TEAMPROJECT: PROJECT },
    });
    assert.match(slack.stdout, /Sent the Slack message/, slack.stdout);
    posts = await emu.webhookPosts();
    const slackBody = posts[2].body as { text: string; blocks: { text?: { text: string } }[] };
    assert.match(slackBody.text, /PAT expiry in contoso \(my PATs\)/);
    assert.ok(JSON.stringify(slackBody.blocks).includes("ada-deploy"));
    const rotated = slack.variables.RefreshToken?.value;
    assertNoSecrets([...visibleTaskOutput(slack.stdout, slack.stderr), JSON.stringify(posts)], [...secrets, rotated]);
  });

  it("a work item the project refuses fails the run with the service's reason, after the report is published", async () => {
    const run = await check({ notify: "workItem", workItemProject: "Elsewhere", workItemType: "Ticket" }); // a project without items: a create is due
    assert.strictEqual(run.result, "Failed");
    assert.match(
      run.errors.join("\n"),
      /The owners' work items could not be updated: .*TF201036: You must specify a valid work item type\. Work item type 'Ticket' does not exist\..* The check's report is complete; fix the cause and run again/,
    );
    assert.ok(run.variables.ReportPath?.value, "the report was still written");
  });

  it("refuses a webhook host that is neither Teams nor Slack, before any call, without echoing the URL", async () => {
    const url = "https://hooks.example.net/services/very-secret-path";
    const run = await check({ notify: "webhook", webhookUrl: url });
    assert.strictEqual(run.result, "Failed");
    assert.match(
      run.errors.join("\n"),
      /The input 'webhookUrl' points at hooks\.example\.net, which is neither a Teams workflow host \(\*\.logic\.azure\.com, \*\.environment\.api\.powerplatform\.com\) nor Slack \(hooks\.slack\.com\)/,
    );
    assert.ok(!visibleTaskOutput(run.stdout, run.stderr).join("\n").includes("very-secret-path"), "the URL is never shown");
  });
});

async function fetchJson(url: string, pat: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`:${pat}`).toString("base64")}` },
  });
  assert.strictEqual(res.status, 204, await res.text());
}
