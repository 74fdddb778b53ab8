/**
 * Where each stack's IAM identities live, and the names the bootstrap gives what it creates for
 * a stack. Shared by the program, `bootstrap/` and the check that the two agree. Pure.
 */

/** Where a stack runs: names derive from these. */
export interface ProjectStack {
  readonly project: string;
  readonly stack: string;
}

/** The project's own IAM path, `/<project>/`; the bootstrap's deploy roles live there. */
export function projectIamPath(project: string): string {
  return `/${project}/`;
}

/**
 * The IAM path of a stack's users and policies, `/<project>/<stack>/`. Each stack's deploy role
 * is confined to its own path; a name prefix would not do, as `dev-*` also matches `dev-eu-…`.
 */
export function stackIamPath(project: string, stack: string): string {
  return `${projectIamPath(project)}${stack}/`;
}

/**
 * The IAM path of the permissions boundaries the bootstrap creates, `/<project>-boundary/`: outside
 * every stack's path, so no deploy role can write to a boundary.
 */
export function boundaryPath(project: string): string {
  return `/${project}-boundary/`;
}

/** The name of a stack's permissions boundary policy, `<project>-<stack>`. */
export function boundaryName(project: string, stack: string): string {
  return `${project}-${stack}`;
}

/**
 * How a stack names its boundary in `permissionsBoundary`: path and name as the policy's ARN
 * ends, completed with the account at deploy time, e.g.
 * `iam-bucket-access-boundary/iam-bucket-access-dev`.
 */
export function boundaryReference(project: string, stack: string): string {
  return `${boundaryPath(project).slice(1)}${boundaryName(project, stack)}`;
}

/**
 * The default name of a stack's one user, `<project>-<stack>`; a stack of several identities
 * names each `<project>-<stack>-<identity>`.
 */
export function stackUserName(project: string, stack: string): string {
  return `${project}-${stack}`;
}

/** The name of a stack's deploy role, `<project>-deploy-<stack>`. */
export function deployRoleName(project: string, stack: string): string {
  return `${project}-deploy-${stack}`;
}

/** The name of a stack's ESC rotator role, `<project>-rotator-<stack>`. */
export function rotatorRoleName(project: string, stack: string): string {
  return `${project}-rotator-${stack}`;
}

/** The alias of a stack's secrets key, `alias/<project>-<stack>`, which its stack file names. */
export function secretsKeyAlias(project: string, stack: string): string {
  return `alias/${project}-${stack}`;
}

/**
 * The name of a role's Roles Anywhere trust anchor and profile: the role's, each character
 * Roles Anywhere refuses in a name (`+=,.@`) as `-`.
 * @see https://docs.aws.amazon.com/rolesanywhere/latest/APIReference/API_CreateTrustAnchor.html
 */
export function rolesAnywhereName(roleName: string): string {
  return roleName.replace(/[^ a-zA-Z0-9_-]/g, "-");
}
