/** The hub's pure parts, in Node: paging, status, order, dates, client id and endpoint choice. */
import * as assert from "assert";
import type { PagedPatTokens, PatListOptions, PatToken } from "../../src/api/model";
import {
  auditLine,
  chooseClientId,
  clientIdDocument,
  clientIdNotes,
  isAcceptableSetting,
  isClientId,
  isStoredValueInvalid,
  readClientIdSetting,
} from "../../src/hub/pat-hub/client-id";
import { lastExpiryDay, suggestedExtension, validToFromDayInput } from "../../src/hub/pat-hub/expiry-input";
import { hubEndpoints } from "../../src/hub/pat-hub/hub-endpoints";
import { PatPager } from "../../src/hub/pat-hub/pat-pager";
import { viewPat } from "../../src/hub/pat-hub/pat-status";
import { formatDay, relativeDays } from "../../src/hub/pat-hub/relative-day";
import { needsEveryPage, orderRows, type TableOrder } from "../../src/hub/pat-hub/table-order";
import { DAY_MS } from "../support/days";

const NOW = Date.parse("2026-11-23T10:00:00Z");

function pat(displayName: string, validToDays: number, o: Partial<PatToken> = {}): PatToken {
  return {
    displayName,
    validTo: new Date(NOW + validToDays * DAY_MS).toISOString(),
    scope: "vso.code",
    targetAccounts: ["org-1"],
    validFrom: new Date(NOW - 10 * DAY_MS).toISOString(),
    authorizationId: `id-${displayName}`,
    token: null,
    ...o,
  };
}

describe("hub logic", () => {
  describe("PatPager", () => {
    it("follows the continuation token with the same options until it is empty", async () => {
      const calls: PatListOptions[] = [];
      const pages: PagedPatTokens[] = [
        { patTokens: [pat("a", 1), pat("b", 2)], continuationToken: "Mw==" },
        { patTokens: [pat("c", 3)], continuationToken: "" },
      ];
      const pager = new PatPager(
        async (o) => {
          calls.push(o);
          return pages[calls.length - 1];
        },
        { filter: "expired", nameAscending: false },
        2,
      );
      assert.strictEqual(pager.started, false);
      await Promise.all([pager.loadNext(), pager.loadNext()]);
      assert.strictEqual(calls.length, 1, "concurrent calls share one request");
      await pager.loadAll();
      assert.deepStrictEqual(
        pager.rows.map((p) => p.displayName),
        ["a", "b", "c"],
      );
      assert.ok(pager.complete);
      assert.deepStrictEqual(calls, [
        { displayFilterOption: "expired", sortByOption: "displayName", isSortAscending: false, top: 2, continuationToken: undefined },
        { displayFilterOption: "expired", sortByOption: "displayName", isSortAscending: false, top: 2, continuationToken: "Mw==" },
      ]);
      await pager.loadNext();
      assert.strictEqual(calls.length, 2, "nothing more to ask once complete");
    });
  });

  describe("viewPat", () => {
    it("names the status a person expects", () => {
      assert.strictEqual(viewPat(pat("a", 30), NOW, false).status, "active");
      assert.strictEqual(viewPat(pat("a", 7), NOW, false).status, "expiringSoon");
      assert.strictEqual(viewPat(pat("a", -1), NOW, false).status, "expired");
      assert.strictEqual(viewPat(pat("a", 30), NOW, true).status, "revoked");
      assert.strictEqual(viewPat(pat("a", 5), NOW, false).daysToBreak, 5);
    });

    it("counts the global-PAT cut-off as the day a global PAT breaks", () => {
      const global = viewPat(pat("g", 300, { targetAccounts: null }), Date.parse("2026-11-28T00:00:00Z"), false);
      assert.strictEqual(global.status, "expiringSoon");
      assert.ok(global.isGlobal && global.breaksAtGlobalCutoff);
    });
  });

  describe("orderRows", () => {
    const views = [pat("beta", 20), pat("alpha-old", -2), pat("Gamma", 3)].map((p) => viewPat(p, NOW, false));
    const ordered = (search: string, column: TableOrder["column"], ascending: boolean) => orderRows(views, search, { column, ascending });
    const names = (search: string, column: TableOrder["column"], ascending: boolean) =>
      ordered(search, column, ascending).map((v) => v.pat.displayName);
    it("keeps the server's name order and searches case-insensitively", () => {
      assert.deepStrictEqual(names("", "name", true), ["beta", "alpha-old", "Gamma"]);
      assert.deepStrictEqual(names("GAM", "name", true), ["Gamma"]);
    });
    it("orders by expiry and status both ways", () => {
      assert.deepStrictEqual(names("", "expires", true), ["alpha-old", "Gamma", "beta"]);
      assert.deepStrictEqual(names("", "expires", false), ["beta", "Gamma", "alpha-old"]);
      assert.deepStrictEqual(
        ordered("", "status", true).map((v) => v.status),
        ["expired", "expiringSoon", "active"],
      );
    });
    it("needs every page for search and for orders the server does not give", () => {
      assert.strictEqual(needsEveryPage("", { column: "name", ascending: false }), false);
      assert.strictEqual(needsEveryPage(" x ", { column: "name", ascending: true }), true);
      assert.strictEqual(needsEveryPage("", { column: "created", ascending: true }), true);
    });
  });

  describe("dates", () => {
    it("reads a typed day as the end of that UTC day, from tomorrow up to a year", () => {
      assert.strictEqual(validToFromDayInput("2026-12-24", NOW), "2026-12-24T23:59:59.000Z");
      assert.strictEqual(validToFromDayInput("2026-11-22", NOW), null);
      assert.strictEqual(validToFromDayInput("2028-01-01", NOW), null);
      assert.strictEqual(validToFromDayInput("2026-02-31", NOW), null);
      assert.strictEqual(validToFromDayInput("24/12/2026", NOW), null);
    });
    it("ends the choice at a year, the lifespan policy counted from creation, and the global cut-off", () => {
      assert.strictEqual(lastExpiryDay(NOW, { policyDays: null }), "2027-11-22", "the last day whose end is within a year");
      assert.strictEqual(lastExpiryDay(NOW, { policyDays: 40 }), "2027-01-01");
      assert.strictEqual(lastExpiryDay(NOW, { policyDays: 40, validFrom: "2026-11-13T10:00:00Z" }), "2026-12-22");
      assert.strictEqual(lastExpiryDay(NOW, { policyDays: null, global: true }), "2026-11-30");
      assert.strictEqual(validToFromDayInput("2026-12-23", NOW, "2026-12-22"), null);
      assert.strictEqual(suggestedExtension(pat("a", 10).validTo, NOW, "2026-12-22"), "2026-12-22");
    });
    it("suggests 30 days past the later of today and the current expiry", () => {
      assert.strictEqual(suggestedExtension(pat("a", 10).validTo, NOW), "2027-01-02");
      assert.strictEqual(suggestedExtension(pat("a", -10).validTo, NOW), "2026-12-23");
    });
    it("formats days and relative days", () => {
      assert.strictEqual(formatDay("2026-12-01T00:00:00Z"), "1 Dec 2026");
      assert.strictEqual(relativeDays(5), "in 5 days");
      assert.strictEqual(relativeDays(1), "tomorrow");
      assert.strictEqual(relativeDays(-3), "3 days ago");
      assert.strictEqual(relativeDays(150), "in 5 months");
    });
  });

  describe("configuration", () => {
    it("prefers the user's own client id, else the one the extension was packaged with, else none", () => {
      const org = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";
      const build = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
      assert.deepStrictEqual(chooseClientId(org, build), { clientId: org, source: "user" });
      assert.deepStrictEqual(chooseClientId("", build), { clientId: build, source: "build" });
      assert.deepStrictEqual(chooseClientId("not-a-guid", build), { clientId: build, source: "build" });
      assert.strictEqual(chooseClientId(undefined, ""), null);
      assert.ok(isClientId(` ${org} `));
    });

    it("accepts a GUID or nothing in the settings field, and flags a stored value that is neither", () => {
      assert.ok(isAcceptableSetting(""));
      assert.ok(isAcceptableSetting("  "));
      assert.ok(isAcceptableSetting("3C1B7D4E-5F60-4A71-8B92-A3B4C5D6E7F8"));
      assert.ok(!isAcceptableSetting("3c1b7d4e5f604a718b92a3b4c5d6e7f8"));
      assert.ok(!isAcceptableSetting("{3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8}"));
      assert.ok(!isAcceptableSetting("3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8 x"));
      assert.strictEqual(isStoredValueInvalid(undefined), false);
      assert.strictEqual(isStoredValueInvalid(""), false);
      assert.strictEqual(isStoredValueInvalid("not-a-guid"), true);
    });

    it("reads the stored setting in its first shape (the id alone) and with who set it and when", () => {
      const org = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";
      const ada = { id: "user-1", displayName: "Ada Lovelace" };
      assert.deepStrictEqual(readClientIdSetting(` ${org} `), { clientId: org });
      assert.deepStrictEqual(readClientIdSetting(""), { clientId: "" });
      assert.deepStrictEqual(readClientIdSetting(undefined), { clientId: "" });
      assert.deepStrictEqual(readClientIdSetting(42), { clientId: "" });
      const saved = clientIdDocument(` ${org} `, { ...ada, descriptor: "aad.x" } as typeof ada, new Date(NOW));
      assert.deepStrictEqual(saved, { clientId: org, setBy: ada, setAt: "2026-11-23T10:00:00.000Z" }, "only id and name are kept");
      assert.deepStrictEqual(readClientIdSetting(JSON.parse(JSON.stringify(saved))), saved);
      // A document with a broken audit still gives its id, without claiming who set it.
      assert.deepStrictEqual(readClientIdSetting({ clientId: org, setBy: { displayName: "x" }, setAt: "yesterday" }), { clientId: org });
      assert.deepStrictEqual(readClientIdSetting({ clientId: org, setBy: "Ada", setAt: saved.setAt }), { clientId: org });
      assert.deepStrictEqual(readClientIdSetting({ clientId: 7, setBy: ada, setAt: saved.setAt }), {
        clientId: "",
        setBy: ada,
        setAt: saved.setAt,
      });
    });

    it("says who set the client id and when, or that it is not known", () => {
      const org = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";
      const ada = { id: "user-1", displayName: "Ada Lovelace" };
      assert.strictEqual(auditLine(clientIdDocument(org, ada, new Date(NOW))), "Client id set by Ada Lovelace on 23 Nov 2026.");
      assert.strictEqual(auditLine(clientIdDocument("", ada, new Date(NOW))), "Client id cleared by Ada Lovelace on 23 Nov 2026.");
      assert.match(auditLine({ clientId: org }) ?? "", /who set it, and when, is not known/);
      assert.strictEqual(auditLine({ clientId: "" }), undefined, "nothing was ever saved");
    });

    it("warns when the stored id is ignored, naming what is used instead", () => {
      const build = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
      const bad = clientIdNotes(
        { clientId: "not-a-guid", setBy: { id: "u", displayName: "Mallory" }, setAt: new Date(NOW).toISOString() },
        build,
      );
      assert.strictEqual(bad.audit, "Client id set by Mallory on 23 Nov 2026.");
      assert.match(bad.invalid ?? "", /not a GUID, so it is ignored and the organization's app registration is used instead/);
      assert.match(
        clientIdNotes({ clientId: "not-a-guid" }, "").invalid ?? "",
        /not a GUID, so it is ignored\. Correct or clear it under Settings/,
      );
      assert.strictEqual(clientIdNotes({ clientId: build }, build).invalid, undefined);
      assert.deepStrictEqual(clientIdNotes({ clientId: "" }, build), { audit: undefined, invalid: undefined });
    });

    it("takes emulator endpoints from the host only when they are loopback URLs", () => {
      const real = hubEndpoints({});
      assert.strictEqual(real.vssps, "https://vssps.dev.azure.com");
      const local = hubEndpoints({ patLifecycleEndpoints: { vsspsUrl: "http://127.0.0.1:4100", devopsUrl: "https://localhost:4200/" } });
      assert.strictEqual(local.vssps, "http://127.0.0.1:4100");
      assert.strictEqual(local.devops, "https://localhost:4200");
      const hostile = hubEndpoints({ patLifecycleEndpoints: { vsspsUrl: "https://evil.example", authorityHost: "javascript:alert(1)" } });
      assert.strictEqual(hostile.vssps, "https://vssps.dev.azure.com");
      assert.strictEqual(hostile.authorityHost, "https://login.microsoftonline.com");
    });
  });
});
