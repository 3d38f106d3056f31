/**
 * The sentences both tasks and the CLI share (sign-in, inputs, the refresh-token write-back), in English.
 * They live in the shared task.json fragment, so tasks localize them through tl.loc and the CLI prints the same text.
 */
import { format } from "util";
import fragment from "../../tasks/shared/task-fragment.json";

export type MessageKey = keyof typeof fragment.messages;

/** The sentence for `key` with its `%s` placeholders filled in order. */
export function message(key: MessageKey, ...args: Array<string | number>): string {
  return format(fragment.messages[key], ...args);
}

/** An error whose message is a shared sentence, so a task can localize it by key. */
export class MessageError extends Error {
  readonly messageArgs: Array<string | number>;
  constructor(
    readonly messageKey: MessageKey,
    ...args: Array<string | number>
  ) {
    super(message(messageKey, ...args));
    this.name = "MessageError";
    this.messageArgs = args;
  }
}
