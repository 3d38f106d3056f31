/** The rotation core, shared by the RotatePat task and the hub. */
export { runRotation } from "./run-rotation";
export { MAX_LIFETIME_DAYS, type PatSelector, type RotationDeps, type RotationParams } from "./params";
export type * from "./result";
export { StoreHeldByOtherError, type RecordedLeftover, type SecretStore, type StoreRecord, type StoreWrite } from "./secret-store";
export { variableGroupStore } from "./variable-group-store";
export { serviceConnectionStore } from "./service-connection-store";
export { connectionDataVerifier } from "./verifier";
export type { PatSummary } from "./pat-summary";
export { orphanName, replacedName } from "./leftover-names";
