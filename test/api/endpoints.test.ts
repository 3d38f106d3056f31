/** src/api/endpoints.ts: the base-URL overrides and how an organization input is parsed. */
import * as assert from "assert";
import { ENDPOINT_OVERRIDES, endpointsFromEnv, isEmulatorMode, parseOrganization } from "../../src/api/endpoints";
import { InputError } from "../../src/api/input-error";

const real = endpointsFromEnv({});

describe("api/endpoints", () => {
  it("defaults to the real services when no override is set", () => {
    assert.deepStrictEqual(real, {
      vssps: "https://vssps.dev.azure.com",
      devops: "https://dev.azure.com",
      authorityHost: "https://login.microsoftonline.com",
      profile: "https://app.vssps.visualstudio.com",
    });
  });

  it("reads the overrides, strips the trailing slash and serves profile from the vssps override", () => {
    const e = endpointsFromEnv({
      PAT_LIFECYCLE_VSSPS_URL: "https://127.0.0.1:8443/",
      PAT_LIFECYCLE_DEVOPS_URL: "http://localhost:9000",
      PAT_LIFECYCLE_AUTHORITY_HOST: "https://[::1]:8444/",
    });
    assert.deepStrictEqual(e, {
      vssps: "https://127.0.0.1:8443",
      devops: "http://localhost:9000",
      authorityHost: "https://[::1]:8444",
      profile: "https://127.0.0.1:8443",
    });
  });

  for (const name of ENDPOINT_OVERRIDES) {
    for (const value of [
      "https://login.example.test/",
      "http://vssps.example.com",
      "https://127.0.0.1.evil.example",
      "https://localhost@attacker.example",
    ]) {
      it(`refuses ${name}=${value}, naming the variable and the emulator`, () => {
        const host = new URL(value).host;
        assert.throws(
          () => endpointsFromEnv({ [name]: value }),
          (e: unknown) =>
            e instanceof InputError &&
            e.input === name &&
            e.message ===
              `${name} is set to '${host}', but it can only point at the local emulator (a loopback address such as https://127.0.0.1:8443): ` +
                "remove it from the pipeline's variables, variable groups and queue-time values (or from your environment), as the real services need no override.",
        );
      });
    }
  }

  it("refuses a value that is no URL", () => {
    assert.throws(
      () => endpointsFromEnv({ PAT_LIFECYCLE_DEVOPS_URL: "not a url" }),
      (e: unknown) =>
        e instanceof InputError &&
        e.message ===
          "PAT_LIFECYCLE_DEVOPS_URL is not a URL: 'not a url'. It can only point at the local emulator, for example https://127.0.0.1:8443.",
    );
  });

  it("is in emulator mode only when every endpoint points at a loopback address", () => {
    const all = {
      PAT_LIFECYCLE_VSSPS_URL: "https://127.0.0.1:1",
      PAT_LIFECYCLE_DEVOPS_URL: "https://127.0.0.1:2",
      PAT_LIFECYCLE_AUTHORITY_HOST: "https://127.0.0.1:3",
    };
    assert.strictEqual(isEmulatorMode(all), true);
    assert.strictEqual(isEmulatorMode({}), false);
    assert.strictEqual(isEmulatorMode({ ...all, PAT_LIFECYCLE_AUTHORITY_HOST: undefined }), false);
    assert.throws(
      () => isEmulatorMode({ ...all, PAT_LIFECYCLE_AUTHORITY_HOST: "https://login.example" }),
      /PAT_LIFECYCLE_AUTHORITY_HOST is set to 'login.example'/,
    );
  });

  describe("parseOrganization", () => {
    const accepted: Array<[string, string]> = [
      ["myorg", "myorg"],
      ["  my-org2 ", "my-org2"],
      ["https://dev.azure.com/myorg/", "myorg"],
      ["https://dev.azure.com/myorg", "myorg"],
      ["https://dev.azure.com/myorg/MyProject/_build", "myorg"],
      ["https://myorg.visualstudio.com/", "myorg"],
      ["https://MyOrg.visualstudio.com", "myorg"],
      ["https://vssps.dev.azure.com/myorg", "myorg"],
      ["https://vssps.dev.azure.com/myorg/", "myorg"],
      ["dev.azure.com/myorg", "myorg"],
      ["myorg.visualstudio.com", "myorg"],
    ];
    for (const [input, org] of accepted) {
      it(`reads '${input}' as '${org}'`, () => assert.strictEqual(parseOrganization(input, real), org));
    }

    it("accepts the emulator's URLs (the overrides + /org)", () => {
      const emu = endpointsFromEnv({
        PAT_LIFECYCLE_VSSPS_URL: "https://127.0.0.1:4431",
        PAT_LIFECYCLE_DEVOPS_URL: "https://localhost:4432",
      });
      assert.strictEqual(parseOrganization("https://127.0.0.1:4431/contoso", emu), "contoso");
      assert.strictEqual(parseOrganization("https://localhost:4432/contoso/", emu), "contoso");
    });

    const forms =
      "Use the organization name (myorg) or one of its URLs: https://dev.azure.com/myorg/, https://myorg.visualstudio.com/ or https://vssps.dev.azure.com/myorg.";
    const refused: Array<[string, string]> = [
      ["", "The organization '' is empty. "],
      ["my org", "The organization 'my org' is not a valid organization name. "],
      ["-myorg", "The organization '-myorg' is not a valid organization name. "],
      ["https://github.com/myorg", "The organization 'https://github.com/myorg' is not an Azure DevOps URL. "],
      ["http://dev.azure.com/myorg", "The organization 'http://dev.azure.com/myorg' must use https://. "],
      ["https://dev.azure.com/", "The organization 'https://dev.azure.com/' does not name an organization after the host. "],
      [
        "https://dev.azure.com:notaport/x",
        "The organization 'https://dev.azure.com:notaport/x' is neither an organization name nor a URL. ",
      ],
      [
        "https://dev.azure.com/my%ZZorg/",
        "The organization 'https://dev.azure.com/my%ZZorg/' does not contain a valid organization name. ",
      ],
      ["myorg.example.com", "The organization 'myorg.example.com' is not an Azure DevOps URL. "],
      ["https://app.vssps.visualstudio.com/", "The organization 'https://app.vssps.visualstudio.com/' is not an Azure DevOps URL. "],
    ];
    for (const [input, start] of refused) {
      it(`refuses '${input}' naming the accepted forms`, () => {
        assert.throws(
          () => parseOrganization(input, real),
          (e: unknown) => e instanceof InputError && e.input === "organization" && e.message === start + forms,
        );
      });
    }
  });
});
