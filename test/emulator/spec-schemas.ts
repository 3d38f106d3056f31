/**
 * JSON-schema validators built from the official OpenAPI specs (../shared/specs, or
 * PAT_LIFECYCLE_SPECS_DIR), so tests can check that wire bodies match Microsoft's definitions.
 * Deviations the service really has are applied here, each named:
 * - every property may be null (the service writes null for unset fields; OpenAPI 2 cannot say so);
 * - tokenadmin date-times carry no zone ("2018-07-19T00:00:00"), so they use iso-date-time;
 * - graph users come as `{count, value}` (the spec says a bare array).
 * The PAT shapes are strict (all fields present, nothing extra), as the examples show them.
 */
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import * as fs from "fs";
import * as path from "path";

type Json = Record<string, unknown>;

function specsDir(): string {
  const candidates = [
    process.env.PAT_LIFECYCLE_SPECS_DIR,
    path.resolve(__dirname, "../../../specs"),
    path.resolve(__dirname, "../../../../shared/specs"),
  ];
  const found = candidates.find((c): c is string => !!c && fs.existsSync(path.join(c, "tokens-7.1.json")));
  if (!found) throw new Error(`official specs not found (tried ${candidates.filter(Boolean).join(", ")}); set PAT_LIFECYCLE_SPECS_DIR`);
  return found;
}

export function readSpec(file: string): Json {
  const text = fs.readFileSync(path.join(specsDir(), file), "utf8").replace(/^\uFEFF/, "");
  return JSON.parse(text) as Json;
}

const STRICT = new Set(["PatToken", "PatTokenResult", "PagedPatTokens"]);

export class SpecValidators {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  constructor() {
    addFormats(this.ajv);
    this.add("tokens71", readSpec("tokens-7.1.json"), {});
    this.add("tokens72", readSpec("tokens-7.2.json"), {});
    this.add("tokenadmin71", readSpec("tokenadmin-7.1.json"), { localDateTimes: true });
    this.add("graph71", readSpec("graph-7.1.json"), {});
    this.ajv.addSchema({
      $id: "graphUsersPage",
      type: "object",
      required: ["count", "value"],
      additionalProperties: false,
      properties: { count: { type: "integer" }, value: { type: "array", items: { $ref: "graph71#/definitions/GraphUser" } } },
    });
  }

  /** e.g. validator("tokens71", "PatTokenResult"); "graphUsersPage" for the graph wrapper. */
  validator(spec: string, definition?: string): ValidateFunction {
    const ref = definition ? `${spec}#/definitions/${definition}` : spec;
    const v = this.ajv.getSchema(ref);
    if (!v) throw new Error(`no schema ${ref}`);
    return v;
  }

  /** Throws with ajv's messages when `value` does not match. */
  assertValid(spec: string, definition: string | undefined, value: unknown): void {
    const v = this.validator(spec, definition);
    if (!v(value))
      throw new Error(`${spec}/${definition ?? ""} violation: ${this.ajv.errorsText(v.errors)}\n${JSON.stringify(value).slice(0, 500)}`);
  }

  private add(id: string, spec: Json, o: { localDateTimes?: boolean }): void {
    const definitions = spec.definitions as Record<string, Json>;
    const converted: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(definitions)) converted[name] = this.convert(def, STRICT.has(name), o);
    this.ajv.addSchema({ $id: id, definitions: converted });
  }

  private convert(node: unknown, strict: boolean, o: { localDateTimes?: boolean }): unknown {
    if (Array.isArray(node)) return node.map((n) => this.convert(n, false, o));
    if (typeof node !== "object" || node === null) return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node as Json)) {
      if (k.startsWith("x-ms-") || k === "description") continue;
      if (k === "properties") {
        const props: Json = {};
        for (const [pk, pv] of Object.entries(v as Json)) props[pk] = nullable(this.convert(pv, false, o) as Json);
        out.properties = props;
        if (strict) {
          out.required = Object.keys(props);
          out.additionalProperties = false;
        }
      } else if (k === "format" && v === "date-time" && o.localDateTimes) {
        out.format = "iso-date-time";
      } else {
        out[k] = this.convert(v, false, o);
      }
    }
    return out;
  }
}

function nullable(schema: Json): Json {
  if (schema.$ref) return { anyOf: [schema, { type: "null" }] };
  if (typeof schema.type === "string") {
    const copy: Json = { ...schema, type: [schema.type, "null"] };
    // enum lists do not contain null; allow it explicitly.
    if (Array.isArray(schema.enum)) copy.enum = [...(schema.enum as unknown[]), null];
    return copy;
  }
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...(schema.enum as unknown[]), null] };
  return schema;
}
