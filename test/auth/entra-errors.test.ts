/** The sentence for each Entra answer: chosen by OAuth error and AADSTS number, code kept as a hint. */
import * as assert from "assert";
import { describeEntraFailure } from "../../src/auth/entra-errors";

const context = {
  authorityHost: "https://login.microsoftonline.com",
  tenantId: "contoso.onmicrosoft.com",
  clientId: "11111111-2222-4333-8444-555555555555",
};

describe("describeEntraFailure", () => {
  const cases: Array<[aadsts: string, oauthError: string, sentence: RegExp]> = [
    ["700082", "invalid_grant", /refresh token has expired.*Sign in again with `pat-lifecycle login`/s],
    ["70008", "invalid_grant", /refresh token has expired/],
    ["50173", "invalid_grant", /refresh token was revoked/],
    ["50076", "interaction_required", /requires multi-factor authentication/],
    ["50079", "interaction_required", /requires multi-factor authentication/],
    ["65001", "invalid_grant", /11111111-2222-4333-8444-555555555555 has no consent.*admin consent/s],
    ["7000218", "invalid_client", /11111111-2222-4333-8444-555555555555 does not allow public client flows.*'Allow public client flows'/s],
    ["53003", "access_denied", /Conditional Access policy blocked this sign-in/],
    ["7000215", "invalid_client", /client secret for app registration 11111111-2222-4333-8444-555555555555 is wrong or has expired/],
    ["50126", "invalid_grant", /username or password is wrong/],
    [
      "700016",
      "unauthorized_client",
      /No app registration with client ID 11111111-2222-4333-8444-555555555555 exists in tenant contoso\.onmicrosoft\.com/,
    ],
    ["90002", "invalid_request", /does not know the tenant 'contoso\.onmicrosoft\.com'/],
  ];
  for (const [aadsts, oauthError, sentence] of cases) {
    it(`AADSTS${aadsts} (${oauthError}) has its sentence and keeps the code as a hint`, () => {
      const error = describeEntraFailure({ aadsts, oauthError, description: "what Entra said" }, context);
      assert.match(error.message, sentence);
      assert.ok(error.message.endsWith(`(Entra error AADSTS${aadsts})`), error.message);
      assert.strictEqual(error.aadsts, aadsts);
      assert.strictEqual(error.oauthError, oauthError);
    });
  }

  it("invalid_client without an AADSTS number still says to fix the secret", () => {
    const error = describeEntraFailure({ oauthError: "invalid_client" }, context);
    assert.match(error.message, /client secret .* is wrong or has expired \(invalid_client\)\. .*\(Entra error invalid_client\)$/s);
  });

  it("an unmapped answer passes Entra's own description on with its code", () => {
    const error = describeEntraFailure(
      { aadsts: "50058", oauthError: "invalid_grant", description: "A silent sign-in request was sent but no user is signed in." },
      context,
    );
    assert.strictEqual(
      error.message,
      "Microsoft Entra refused the sign-in: A silent sign-in request was sent but no user is signed in. (AADSTS50058)",
    );
  });

  it("no answer at all names the host it tried", () => {
    const error = describeEntraFailure({ unreachable: true, description: "connect ECONNREFUSED" }, context);
    assert.strictEqual(error.message, "Could not reach Microsoft Entra at https://login.microsoftonline.com: connect ECONNREFUSED");
  });
});
