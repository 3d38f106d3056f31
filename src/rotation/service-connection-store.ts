/**
 * Delivers the new PAT into a service connection (serviceendpoint API, job token): the type's PAT
 * parameter gets the secret, and the endpoint's `data` gets the record (`patLifecycle.authorizationId`,
 * `.validTo`, `.leftovers`) in the same PUT; everything else of the connection goes back as it was read.
 * Like the variable group, the write is a compare-and-set on the record and is confirmed by reading back.
 */
import type { CollectionContext } from "../api/context";
import { ApiError, answerLost } from "../api/errors";
import type { ServiceEndpoint } from "../api/model";
import { findServiceEndpoint, updateServiceEndpoint } from "../api/service-endpoints";
import { formatLeftovers, parseLeftovers } from "./recorded-leftovers";
import { StoreHeldByOtherError, type SecretStore, type StoreRecord } from "./secret-store";
import { patParameter } from "./service-connection-types";

export interface ServiceConnectionStoreOptions {
  collection: CollectionContext;
  project: string;
  /** Name or id. */
  connection: string;
  /** Called with the PAT's parameter name once the connection was read (log, dry run). */
  onInspected?: (o: { type: string; scheme: string; parameter: string }) => void;
}

const RECORD = { authorizationId: "patLifecycle.authorizationId", validTo: "patLifecycle.validTo", leftovers: "patLifecycle.leftovers" };
const WRITE_ATTEMPTS = 3;

export function serviceConnectionStore(o: ServiceConnectionStoreOptions): SecretStore {
  const name = `service connection '${o.connection}'`;
  /** The connection, checked to hold a PAT; its PAT parameter. */
  const read = async (): Promise<{ endpoint: ServiceEndpoint; parameter: string }> => {
    const endpoint = await findServiceEndpoint(o.collection, o.project, o.connection);
    const scheme = endpoint.authorization?.scheme ?? "";
    const found = patParameter(endpoint.name, endpoint.type, scheme);
    if ("problem" in found) throw new ApiError(found.problem);
    o.onInspected?.({ type: endpoint.type, scheme, parameter: found.parameter });
    return { endpoint, parameter: found.parameter };
  };
  return {
    name,
    async store(secret, pat, write) {
      let lastProblem = "";
      for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
        const { endpoint, parameter } = await read();
        const held = recordOf(endpoint)?.authorizationId;
        if (held && held !== write.from.authorizationId && held !== pat.authorizationId)
          throw new StoreHeldByOtherError(name, held, write.from.authorizationId);
        const record = {
          [RECORD.authorizationId]: pat.authorizationId,
          [RECORD.validTo]: pat.validTo,
          [RECORD.leftovers]: formatLeftovers(write.leftovers),
        };
        try {
          await updateServiceEndpoint(o.collection, o.project, withSecret(endpoint, parameter, secret, record));
        } catch (error) {
          if (!answerLost(error)) throw error;
          lastProblem = error instanceof Error ? error.message : String(error);
        }
        // Secrets never come back: the record, written in the same PUT, confirms the write.
        if (recordOf((await read()).endpoint)?.authorizationId === pat.authorizationId) return;
        lastProblem ||= "the connection's data did not keep the record; another change may have replaced it";
      }
      throw new ApiError(
        `Could not confirm the write to the ${name} in project '${o.project}' after ${WRITE_ATTEMPTS} attempts (${lastProblem}). ` +
          "Check the connection in Project settings > Service connections and run the task again.",
      );
    },
    async readRecord() {
      return recordOf((await read()).endpoint);
    },
  };
}

/** The endpoint as read, with the PAT parameter set and the record in `data`; confidential values it did not set stay null. */
function withSecret(endpoint: ServiceEndpoint, parameter: string, secret: string, record: Record<string, string>): ServiceEndpoint {
  const authorization = endpoint.authorization as NonNullable<ServiceEndpoint["authorization"]>;
  return {
    ...endpoint,
    authorization: { ...authorization, parameters: { ...authorization.parameters, [parameter]: secret } },
    data: { ...endpoint.data, ...record },
  };
}

function recordOf(endpoint: ServiceEndpoint): StoreRecord | undefined {
  const data = endpoint.data ?? {};
  const id = data[RECORD.authorizationId]?.trim() ?? "";
  if (!id && !data[RECORD.leftovers]) return undefined;
  return {
    authorizationId: id.toLowerCase(),
    validTo: data[RECORD.validTo] || undefined,
    leftovers: parseLeftovers(data[RECORD.leftovers] ?? ""),
  };
}
