/** A store record's leftovers as text (`replaced:<id> orphan:<id> pendingCreate:<validTo>`), for stores that keep strings. */
import type { RecordedLeftover } from "./secret-store";

export function formatLeftovers(leftovers: RecordedLeftover[]): string {
  // "none" rather than empty, so the record says it was written.
  return leftovers.length === 0 ? "none" : leftovers.map((l) => `${l.kind}:${"validTo" in l ? l.validTo : l.authorizationId}`).join(" ");
}

export function parseLeftovers(text: string): RecordedLeftover[] {
  return text.split(/\s+/).flatMap((entry): RecordedLeftover[] => {
    const pat = /^(replaced|orphan):([0-9a-f-]{36})$/i.exec(entry);
    if (pat) return [{ kind: pat[1].toLowerCase() as "replaced" | "orphan", authorizationId: pat[2].toLowerCase() }];
    const pending = /^pendingCreate:(\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/.exec(entry);
    return pending ? [{ kind: "pendingCreate", validTo: pending[1] }] : [];
  });
}
