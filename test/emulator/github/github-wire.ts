/** The control API's GitHub shapes, shared by the emulator process and the test-side client. */

export type GithubPermissionLevel = "read" | "write";

/** Fine-grained and GitHub App repository permissions the Actions secrets and variables endpoints check. */
export interface GithubPermissions {
  secrets?: GithubPermissionLevel;
  variables?: GithubPermissionLevel;
  environments?: GithubPermissionLevel;
}

export interface NewGithubRepository {
  owner: string;
  name: string;
  /** Default true. */
  private?: boolean;
  environments?: string[];
}

export interface NewGithubToken {
  token: string;
  /** classic: ghp_ personal access token; fineGrained: github_pat_; oauth: gho_; app: ghs_ installation token. */
  kind: "classic" | "fineGrained" | "oauth" | "app";
  scopes?: string[];
  permissions?: GithubPermissions;
  /** owner/name the token reaches (a fine-grained token's repository access, an app's installation); default all. */
  repositories?: string[];
}

/** A secret as the emulator holds it: the value it opened from the sealed box, and GitHub's metadata. */
export interface EmuGithubSecret {
  name: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}
