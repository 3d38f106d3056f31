/** The browser-safe API module in one import (node-fetch-proxy is Node-only and is imported on its own). */
export * from "./model";
export * from "./errors";
export * from "./endpoints";
export * from "./http";
export * from "./context";
export * from "./pats";
export * from "./tokenadmin";
export * from "./graph";
export * from "./profile";
export * from "./variablegroups";
export * from "./connection";
