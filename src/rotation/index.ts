/** The rotation core, shared by the RotatePat task and the hub. */
export { runRotation } from "./run-rotation";
export { MAX_LIFETIME_DAYS, type PatSelector, type RotationDeps, type RotationParams } from "./params";
export type * from "./result";
export { StoreHeldByOtherError, type RecordedLeftover, type SecretStore, type StoreRecord, type StoreWrite } from "./secret-store";
export { recordVariables, variableGroupStore, type VariableGroupStoreOptions } from "./variable-group-store";
export { connectionDataVerifier, VerificationError, type ConnectionDataVerifierOptions, type PatVerifier, type Verification } from "./verifier";
export { summarize, isGlobal, type PatSummary } from "./pat-summary";
export { dueOn, isDue } from "./due";
export { leftoverKind, orphanName, replacedName, type Leftover, type LeftoverKind } from "./leftover-names";
