/** The CLI's own failures: the message is the one sentence the user sees, so the CLI prints it as it is. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
