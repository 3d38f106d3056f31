/**
 * Where `notify: webhook` remembers what it last said: a plain (not secret) variable in a variable group of
 * the pipeline's project, one per organization and shard, written with the job's token. Without a group
 * every run sends its message.
 */
import type { CollectionContext } from "../api/context";
import { findVariableGroup, updateVariableGroup } from "../api/variablegroups";
import type { Shard } from "../expiry/shard";

export interface WebhookStateLocation {
  collection: CollectionContext;
  project: string;
  group: string;
  organization: string;
  shard: Shard | null;
}

/** `PatLifecycle.Webhook.contoso` or `PatLifecycle.Webhook.contoso.2of4`. */
function webhookStateVariable(organization: string, shard: Shard | null): string {
  return `PatLifecycle.Webhook.${organization.toLowerCase()}${shard ? `.${shard.index}of${shard.count}` : ""}`;
}

export async function readWebhookFingerprint(l: WebhookStateLocation): Promise<string | undefined> {
  const group = await findVariableGroup(l.collection, l.project, l.group);
  const name = webhookStateVariable(l.organization, l.shard).toLowerCase();
  const entry = Object.entries(group.variables ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
  return entry?.value ?? undefined;
}

export async function saveWebhookFingerprint(l: WebhookStateLocation, fingerprint: string): Promise<void> {
  const name = webhookStateVariable(l.organization, l.shard);
  await updateVariableGroup(l.collection, l.project, l.group, {
    what: `write the variable '${name}'`,
    changes: () => ({ [name]: { value: fingerprint, isSecret: false } }),
  });
}
