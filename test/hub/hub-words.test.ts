/** The hub's words, in Node: every failure as one sentence with what to do and details apart; global PATs after the cut-off; expiry choices. */
import * as assert from "assert";
import { NetworkError, NotSignedInError, PatTokenApiError, ThrottledError, VssApiError } from "../../src/api/errors";
import type { PatToken } from "../../src/api/model";
import { explainError, PlainWordsError } from "../../src/hub/pat-hub/describe-error";
import { viewPat } from "../../src/hub/pat-hub/pat-status";
import { DAY_MS } from "../support/days";

function globalPat(validTo: string): PatToken {
  return {
    displayName: "g",
    validTo,
    scope: "vso.code",
    targetAccounts: null,
    validFrom: "2026-01-01T00:00:00Z",
    authorizationId: "id-g",
    token: null,
  };
}

describe("hub words", () => {
  describe("explainError", () => {
    it("throttled: when to retry, from what the service asked", () => {
      const e = new ThrottledError("Azure DevOps is throttling requests (HTTP 429) and still refused to list PATs after 3 attempts", {
        status: 429,
        retryAfterMs: 7_000,
      });
      e.activityId = "5f0a2a8e-1111-4222-8333-944445555666";
      const words = explainError(e);
      assert.strictEqual(words.sentence, "Azure DevOps is limiting your requests right now. Try again in 7 seconds.");
      assert.match(words.details, /HTTP 429/);
      assert.strictEqual(words.activityId, "5f0a2a8e-1111-4222-8333-944445555666");
      assert.strictEqual(
        explainError(new ThrottledError("x", { status: 429 })).sentence,
        "Azure DevOps is limiting your requests right now. Wait a minute, then try again.",
      );
      assert.strictEqual(
        explainError(new ThrottledError("x", { status: 503 })).sentence,
        "Azure DevOps is unavailable for the moment. Try again in a few minutes.",
      );
    });

    it("refused sign-in, network, policy and service fault each in one sentence, codes only in the details", () => {
      assert.strictEqual(
        explainError(new NotSignedInError("Not signed in with a Microsoft Entra user token: HTTP 401")).sentence,
        "Azure DevOps did not accept your sign-in. Reload the page to sign in again.",
      );
      assert.strictEqual(
        explainError(new NetworkError("Could not reach Azure DevOps: ECONNRESET")).sentence,
        "Azure DevOps could not be reached. Check your connection and try again.",
      );
      const policy = explainError(new PatTokenApiError("fullScopePatPolicyViolation", "create a PAT"));
      assert.strictEqual(
        policy.sentence,
        "The organization's 'Restrict full-scoped PAT creation' policy forbids full access (app_token): choose specific scopes.",
      );
      assert.match(policy.details, /patTokenError: fullScopePatPolicyViolation/);
      const fault = explainError(
        new VssApiError(
          "Azure DevOps refused to update the PAT (HTTP 500 InternalServerErrorException): TF400898: An Internal Error Occurred.",
          "InternalServerErrorException",
          "TF400898",
          { status: 500 },
        ),
      );
      assert.strictEqual(
        fault.sentence,
        "Azure DevOps had a problem on its side and did not do it. Try again in a few minutes; if it keeps failing, give Microsoft support the details.",
      );
      assert.doesNotMatch(fault.sentence, /TF\d|Exception|HTTP/);
      assert.match(fault.details, /TF400898/);
      assert.strictEqual(explainError(new PlainWordsError("The token was not rotated: the token is revoked.", "detail")).details, "detail");
    });
  });

  describe("global PATs", () => {
    it("stop working at the cut-off whatever validTo says, and say so after it", () => {
      const before = viewPat(globalPat("2027-03-01T00:00:00Z"), Date.parse("2026-11-20T10:00:00Z"), false);
      assert.strictEqual(before.breaksAt, "2026-12-01T00:00:00.000Z");
      assert.strictEqual(before.breaksAtGlobalCutoff, true);
      assert.strictEqual(before.daysToBreak, 11);
      const after = viewPat(globalPat("2027-03-01T00:00:00Z"), Date.parse("2026-12-02T10:00:00Z"), false);
      assert.strictEqual(after.status, "stoppedWorking");
      const earlier = viewPat(globalPat("2026-11-25T00:00:00Z"), Date.parse("2026-11-20T10:00:00Z"), false);
      assert.strictEqual(earlier.breaksAtGlobalCutoff, false, "validTo first: validTo it is");
      assert.strictEqual(earlier.daysToBreak, 5);
      assert.strictEqual(viewPat(globalPat("2027-03-01T00:00:00Z"), Date.parse("2026-11-20T10:00:00Z") + DAY_MS, true).status, "revoked");
    });
  });
});
