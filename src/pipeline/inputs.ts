/**
 * Typed task inputs. Each reader throws InputError naming the input and saying what it accepts,
 * in the shared sentences of task-fragment.json (through tl.loc once the task's messages are loaded).
 */
import * as tl from "azure-pipelines-task-lib/task";
import { InputError } from "../api/input-error";
import { taskMessage } from "./task-messages";

/** `$(Name)` left as is: the agent expands only variables that exist. */
const UNEXPANDED_MACRO = /^\$\([^)]+\)$/;

/** Throws when the value is a macro naming an undefined pipeline variable. */
export function checkExpanded(name: string, value: string): string {
  if (UNEXPANDED_MACRO.test(value)) throw new InputError(name, taskMessage("InputNotExpanded", name, value));
  return value;
}

/** A trimmed string input; undefined when empty and not required. */
export function readString(name: string, o: { required?: boolean } = {}): string | undefined {
  const value = (tl.getInput(name, false) ?? "").trim();
  if (value === "") {
    if (o.required) throw new InputError(name, taskMessage("InputRequired", name));
    return undefined;
  }
  return checkExpanded(name, value);
}

export function readInteger(name: string, o: { min: number; max: number; default?: number }): number {
  const text = readString(name, { required: o.default === undefined });
  if (text === undefined) return o.default as number;
  const value = Number(text);
  if (!/^[+-]?\d+$/.test(text) || value < o.min || value > o.max) {
    throw new InputError(name, taskMessage("InputInvalidInteger", name, o.min, o.max, text));
  }
  return value;
}

export function readBoolean(name: string, o: { default: boolean }): boolean {
  const text = readString(name);
  if (text === undefined) return o.default;
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  throw new InputError(name, taskMessage("InputInvalidBoolean", name, text));
}

/** One of `choices` (matched case-insensitively, returned as listed). */
export function readChoice<T extends string>(name: string, choices: readonly T[], o: { default?: T } = {}): T {
  const text = readString(name, { required: o.default === undefined });
  if (text === undefined) return o.default as T;
  const choice = choices.find((c) => c.toLowerCase() === text.toLowerCase());
  if (!choice) throw new InputError(name, taskMessage("InputInvalidChoice", name, choices.join(", "), text));
  return choice;
}
