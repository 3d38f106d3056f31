/**
 * The credentials file `pat-lifecycle login` writes: the refresh token and what it belongs to,
 * readable by the owner only (mode 0600 in a 0700 directory), replaced atomically; a file others can
 * read is reported, and a failure to write says why in one sentence.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliError } from "./cli-error";

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

/** Writes the file (0600, atomically) in its folder (created 0700); a failure is a CredentialsSaveError saying why. */
export function writeCredentialsFile(file: string, c: StoredCredentials): void {
  const dir = path.dirname(file);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (path.resolve(dir) === path.dirname(defaultCredentialsPath())) tightenFolder(dir);
    const fd = fs.openSync(temp, "wx", 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(c, null, 2) + "\n");
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw new CredentialsSaveError(saveFailure(file, error as NodeJS.ErrnoException));
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing was created where nothing could be.
  }
}

/** Our own folder (~/.pat-lifecycle) is for its owner only, even when an older version made it 0755. */
function tightenFolder(dir: string): void {
  if ((fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

/** Why the file could not be written, in one sentence. */
export function saveFailure(file: string, error: NodeJS.ErrnoException): string {
  const start = `Could not save the refresh token to ${file}:`;
  switch (error.code) {
    case "EACCES":
    case "EPERM":
      return `${start} you have no permission to write there (${error.code}).`;
    case "EEXIST":
    case "ENOTDIR":
      return `${start} ${fileInTheWay(file) ?? "a file"} is in the way where a folder must be (${error.code}).`;
    case "EISDIR":
      return `${start} it is a folder (${error.code}).`;
    case "EROFS":
      return `${start} the disk is read-only (${error.code}).`;
    case "ENOSPC":
    case "EDQUOT":
      return `${start} the disk is full (${error.code}).`;
    default:
      return `${start} ${error.message}`;
  }
}

/** The first ancestor of the file that exists but is not a folder. */
function fileInTheWay(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir, { throwIfNoEntry: false });
    } catch {
      continue;
    }
    if (stat && !stat.isDirectory()) return `'${dir}'`;
  }
  return undefined;
}

/**
 * An existing credentials file that other users of this machine can read is made 0600 at once, and the
 * warning returned says so; undefined when the file is missing or already private.
 */
export function restrictExposedFile(file: string): string | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined; // not reachable (a file in the way, no permission): writing it will say why
  }
  if (!stat?.isFile() || (stat.mode & 0o077) === 0) return undefined;
  let fixed: string;
  try {
    fs.chmodSync(file, 0o600);
    fixed = "it is now readable by you only (0600)";
  } catch {
    fixed = `run \`chmod 600 ${file}\``;
  }
  return (
    `Warning: ${file} was readable by other users of this machine (mode ${(stat.mode & 0o777).toString(8).padStart(4, "0")}); ${fixed}. ` +
    "Anyone who copied it can sign in as you until the refresh token expires: if that may have happened, sign in again and sign out your other sessions (https://myaccount.microsoft.com)."
  );
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

/** The credentials file could not be written; the message says why in one sentence. */
export class CredentialsSaveError extends CliError {}

/** The credentials file is missing or not one pat-lifecycle wrote; the message says what to run. */
class CredentialsFileError extends CliError {}
