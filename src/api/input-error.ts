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
