/** An Azure Resource Manager service connection as the agent hands it to a task: ENDPOINT_* environment variables. */

export interface ArmConnectionFields {
  scheme: string;
  /** Authorization parameters (tenantid, serviceprincipalid, serviceprincipalkey, authenticationType, ...). */
  parameters: Record<string, string>;
  /** Data (environment, subscriptionId, ...). */
  data?: Record<string, string>;
}

/** The variables task-lib reads for connection `id` (getEndpointAuthorizationScheme/-Parameter, getEndpointDataParameter). */
export function armConnectionVariables(id: string, c: ArmConnectionFields): Record<string, string> {
  return {
    [`ENDPOINT_URL_${id}`]: "https://management.azure.com/",
    [`ENDPOINT_AUTH_${id}`]: JSON.stringify({ scheme: c.scheme, parameters: c.parameters }),
    [`ENDPOINT_AUTH_SCHEME_${id}`]: c.scheme,
    ...Object.fromEntries(Object.entries(c.parameters).map(([k, v]) => [`ENDPOINT_AUTH_PARAMETER_${id}_${k.toUpperCase()}`, v])),
    ...Object.fromEntries(
      Object.entries({ environment: "AzureCloud", ...c.data }).map(([k, v]) => [`ENDPOINT_DATA_${id}_${k.toUpperCase()}`, v]),
    ),
  };
}
