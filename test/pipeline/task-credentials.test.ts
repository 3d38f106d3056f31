/** The shared sign-in inputs (src/pipeline/task-credentials.ts), read in process with INPUT_* and ENDPOINT_* variables. */
import * as assert from "assert";
import { InputError } from "../../src/api/input-error";
import { MessageError } from "../../src/messages/shared-messages";
import { readTaskCredentials } from "../../src/pipeline/task-credentials";
import { readWithInputs } from "../support/task-inputs";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0d5f2c7e-4a39-4c9b-9f4e-1f3f5a7c2b10";
const failure = (inputs: Record<string, string>, variables: Record<string, string> = {}) =>
  readWithInputs(inputs, readTaskCredentials, variables).error;

describe("pipeline/task-credentials read in process", () => {
  it("a refresh token with tenant and client: the refresh-token credentials, the token masked first", () => {
    const read = readWithInputs(
      { authenticationMethod: "refreshToken", tenantId: TENANT, clientId: CLIENT, refreshToken: "rt-secret-value-3" },
      readTaskCredentials,
    );
    assert.deepStrictEqual(read.value, {
      method: "refreshToken",
      credentials: {
        method: "refreshToken",
        tenantId: TENANT,
        clientId: CLIENT,
        clientSecret: undefined,
        refreshToken: "rt-secret-value-3",
      },
    });
    assert.match(read.output.split(/\r?\n/)[0], /^##vso\[task\.setsecret\]rt-secret-value-3$/);
  });

  it("names the input a method needs", () => {
    const error = failure({ authenticationMethod: "refreshToken", tenantId: TENANT, refreshToken: "rt-secret-value-4" });
    assert.ok(error instanceof InputError);
    assert.deepStrictEqual(
      [error.input, error.message],
      ["clientId", "The input 'clientId' is required when authenticationMethod is 'refreshToken'."],
    );
  });

  it("an access token alone is enough for the accessToken method", () => {
    const read = readWithInputs({ authenticationMethod: "accessToken", accessToken: "eyJ.access.token" }, readTaskCredentials);
    assert.deepStrictEqual(read.value, { method: "accessToken", credentials: { method: "accessToken", accessToken: "eyJ.access.token" } });
  });

  it("refuses a service principal method, and a client secret without a refresh token, with the reason", () => {
    for (const [inputs, subject] of [
      [{ authenticationMethod: "servicePrincipal" }, "authenticationMethod 'servicePrincipal'"],
      [
        { authenticationMethod: "refreshToken", tenantId: TENANT, clientId: CLIENT, clientSecret: "client-secret-1" },
        "A client ID and client secret without a refresh token (a service principal)",
      ],
    ] as const) {
      const error = failure(inputs);
      assert.ok(error instanceof MessageError, String(error));
      assert.strictEqual(error.messageKey, "AuthServicePrincipalRefused");
      assert.ok(
        error.message.startsWith(`${subject} cannot be used: the PAT Lifecycle API accepts only a delegated Microsoft Entra user token`),
        error.message,
      );
    }
  });

  it("an unknown method lists the accepted ones", () => {
    const error = failure({ authenticationMethod: "certificate" });
    assert.ok(error instanceof InputError);
    assert.strictEqual(
      error.message,
      "The input 'authenticationMethod' must be one of connection, refreshToken, accessToken, usernamePassword; got 'certificate'.",
    );
  });

  describe("a Microsoft Entra user service connection", () => {
    const connection = (fields: Record<string, string>, scheme = "OAuth2") => ({
      ENDPOINT_AUTH_SCHEME_CONN1: scheme,
      ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`ENDPOINT_AUTH_PARAMETER_CONN1_${k.toUpperCase()}`, v])),
    });

    it("gives its fields; a refreshToken input (a newer token) wins over the connection's", () => {
      const fields = connection({ tenantId: TENANT, clientId: CLIENT, refreshToken: "rt-connection-old" });
      const read = readWithInputs({ entraConnection: "CONN1", refreshToken: "rt-newer-value-5" }, readTaskCredentials, fields);
      assert.deepStrictEqual(read.value?.credentials, {
        method: "refreshToken",
        tenantId: TENANT,
        clientId: CLIENT,
        clientSecret: undefined,
        refreshToken: "rt-newer-value-5",
      });
      assert.strictEqual(
        readWithInputs({ entraConnection: "CONN1" }, readTaskCredentials, fields).value?.credentials.method,
        "refreshToken",
      );
    });

    it("names a missing field of the connection", () => {
      const error = failure({ entraConnection: "CONN1" }, connection({ tenantId: TENANT, refreshToken: "rt-connection-6" }));
      assert.ok(error instanceof MessageError);
      assert.strictEqual(error.message, "The service connection 'CONN1' has no client ID. Edit the connection and fill it in.");
    });

    it("refuses an Azure Resource Manager (service principal) connection", () => {
      const error = failure({ entraConnection: "CONN1" }, connection({ tenantId: TENANT, clientId: CLIENT }, "ServicePrincipal"));
      assert.ok(error instanceof MessageError);
      assert.ok(error.message.startsWith("The service connection 'CONN1' (ServicePrincipal) cannot be used"), error.message);
    });
  });
});
