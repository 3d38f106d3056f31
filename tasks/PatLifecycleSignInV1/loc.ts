/** The sign-in task's sentences: tl.loc over the message keys of this task's task.json, checked by the compiler. */
import { typedLoc } from "../../src/pipeline/task-messages";

export type MessageKey = keyof (typeof import("./task.json"))["messages"];

export const loc = typedLoc<MessageKey>();
