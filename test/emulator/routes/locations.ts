/**
 * Location discovery, what Microsoft's clients (azure-devops-node-api's VsoClient) read before any call:
 * `OPTIONS {collection}/_apis/{area}` lists the area's resource locations (id, route template, versions) and
 * `GET {collection}/_apis/ResourceAreas` says which host serves each area. Location ids are the ones the
 * official client sends (azure-devops-node-api TaskAgentApiBase, LocationsApi, WebApi); route templates follow
 * the documented URLs (Learn REST reference, distributedtask/variablegroups 7.1). Switch: locationDiscovery.
 */
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";
import { NOT_FOUND_ROUTE, sendVssError } from "../vss-errors";
import { authenticatedMember } from "./org-guard";

interface ApiResourceLocation {
  id: string;
  area: string;
  resourceName: string;
  routeTemplate: string;
  resourceVersion: number;
  minVersion: string;
  maxVersion: string;
  releasedVersion: string;
}

const RESOURCE_AREAS_LOCATION: ApiResourceLocation = {
  id: "e81700f7-3be2-46de-8624-2eb35882fcaa",
  area: "Location",
  resourceName: "ResourceAreas",
  routeTemplate: "_apis/{resource}/{areaId}",
  resourceVersion: 1,
  minVersion: "3.2",
  maxVersion: "7.2",
  releasedVersion: "0.0",
};

/** Areas each listener serves, by lower-cased area name. */
const AREAS: Record<"vssps" | "devops", Record<string, ApiResourceLocation[]>> = {
  devops: {
    location: [RESOURCE_AREAS_LOCATION],
    distributedtask: [
      {
        id: "f5b09dd5-9d54-45a1-8b5a-1c8287d634cc",
        area: "distributedtask",
        resourceName: "variablegroups",
        routeTemplate: "{project}/_apis/distributedtask/{resource}/{groupId}",
        resourceVersion: 2,
        minVersion: "3.2",
        maxVersion: "7.2",
        releasedVersion: "7.1",
      },
      {
        id: "ef5b7057-ffc3-4c77-bbad-c10b4a4abcc7",
        area: "distributedtask",
        resourceName: "variablegroups",
        routeTemplate: "_apis/distributedtask/{resource}/{groupId}",
        resourceVersion: 2,
        minVersion: "5.0",
        maxVersion: "7.2",
        releasedVersion: "7.1",
      },
    ],
  },
  vssps: { location: [RESOURCE_AREAS_LOCATION] },
};

/** Resource area id of distributedtask (the id WebApi.getTaskAgentApi looks up). */
const DISTRIBUTED_TASK_AREA = "a85b8835-c1a1-4aac-ae97-1c3d0ba72dbd";

export const locationRoutes: Route[] = [
  { service: "devops", method: "OPTIONS", pattern: /^\/([^/_][^/]*)\/_apis\/([^/]+)\/?$/i, handle: areaLocations },
  { service: "vssps", method: "OPTIONS", pattern: /^\/([^/_][^/]*)\/_apis\/([^/]+)\/?$/i, handle: areaLocations },
  { service: "devops", method: "GET", pattern: /^\/([^/_][^/]*)\/_apis\/resourceareas(?:\/([0-9a-f-]{36}))?\/?$/i, handle: resourceAreas },
  { service: "vssps", method: "GET", pattern: /^\/([^/_][^/]*)\/_apis\/resourceareas(?:\/([0-9a-f-]{36}))?\/?$/i, handle: resourceAreas },
];

/** Discovery is on, and the caller an authenticated member of the organization; otherwise the refusal is sent. */
function allowed(ex: Exchange, ctx: EmulatorContext, orgName: string): boolean {
  if (!ctx.state.fidelity.locationDiscovery) {
    sendVssError(ex, 404, NOT_FOUND_ROUTE, `The controller for path '${ex.path}' was not found or does not implement IController.`);
    return false;
  }
  return authenticatedMember(ex, ctx, orgName) !== undefined;
}

function areaLocations(ex: Exchange, m: RegExpExecArray, ctx: EmulatorContext): void {
  if (!allowed(ex, ctx, m[1])) return;
  const locations = AREAS[ex.service as "vssps" | "devops"][m[2].toLowerCase()];
  if (!locations)
    return sendVssError(ex, 404, NOT_FOUND_ROUTE, `The controller for path '${ex.path}' was not found or does not implement IController.`);
  ex.json(200, { count: locations.length, value: locations });
}

function resourceAreas(ex: Exchange, m: RegExpExecArray, ctx: EmulatorContext): void {
  if (!allowed(ex, ctx, m[1])) return;
  const org = ctx.state.findOrganization(m[1])!;
  const areas = [{ id: DISTRIBUTED_TASK_AREA, name: "distributedtask", locationUrl: `${ctx.address.devopsUrl}/${org.name}/` }];
  const wanted = m[2] ? areas.filter((a) => a.id === m[2].toLowerCase()) : areas;
  if (m[2]) return wanted.length ? ex.json(200, wanted[0]) : sendVssError(ex, 404, NOT_FOUND_ROUTE, `No resource area ${m[2]}.`);
  ex.json(200, { count: wanted.length, value: wanted });
}
