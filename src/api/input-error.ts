/** A user-supplied value is wrong (a task input, a CLI option, an argument to the API module): which one, what is wrong, how to fix it. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}

/** `value` parsed as a URL (surrounding white space ignored); an InputError naming `input` with `problem` when it is none. */
export function parseUrlInput(input: string, value: string, problem: string): URL {
  try {
    return new URL(value.trim());
  } catch {
    throw new InputError(input, problem);
  }
}
