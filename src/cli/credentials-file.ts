/**
 * The credentials file `pat-lifecycle login` writes: the refresh token and what it belongs to,
 * readable by the owner only (mode 0600 in a 0700 directory), replaced atomically.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface StoredCredentials {
  tenantId: string;
  clientId: string;
  refreshToken: string;
  /** ISO date-time the refresh token was issued (it stops working 90 days later). */
  issuedAt: string;
  /** Who it signs in as, when it was saved. */
  user: string;
  organization?: string;
}

export function defaultCredentialsPath(): string {
  return path.join(os.homedir(), ".pat-lifecycle", "credentials.json");
}

export function writeCredentialsFile(file: string, c: StoredCredentials): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, "wx", 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(c, null, 2) + "\n");
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}

export function readCredentialsFile(file: string): StoredCredentials {
  let parsed: Partial<StoredCredentials>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<StoredCredentials>;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "is not a pat-lifecycle credentials file";
    throw new CredentialsFileError(`${file} ${why}. Run \`pat-lifecycle login\` first, or pass --credentials <file>.`);
  }
  for (const field of ["tenantId", "clientId", "refreshToken"] as const) {
    if (typeof parsed[field] !== "string" || parsed[field] === "") {
      throw new CredentialsFileError(`${file} has no ${field}. Run \`pat-lifecycle login\` again.`);
    }
  }
  return parsed as StoredCredentials;
}

export class CredentialsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialsFileError";
  }
}
