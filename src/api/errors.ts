/** Error classes every face of PAT Lifecycle maps to a message a person can act on. */

/** A user-supplied value is wrong: names the input, what is wrong, and how to fix it. */
export class InputError extends Error {
  constructor(readonly input: string, message: string) {
    super(message);
    this.name = "InputError";
  }
}
