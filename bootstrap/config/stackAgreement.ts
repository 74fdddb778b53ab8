/**
 * Whether a stack of the deployed project can deploy through the environment the bootstrap made
 * for it: the same boundary and IAM path as its deploy role requires, a created bucket only
 * where the role may create one, existing buckets only among those its boundary allows, keys
 * rotated by ESC only for users the rotator role may rotate, and roles only where the deploy
 * role may manage them (no Roles Anywhere, and GitHub's only through the bootstrap's provider).
 * Pure: both programs' validated settings in, the disagreements out.
 */
import { describeProblem } from "../../config/argsProblems";
import { withRoleDefaults } from "../../config/roleArgs";
import { withDefaults } from "../../config/userArgs";
import { configProblem } from "../../config/keyTable";
import { bucketNameOf } from "../../iam/arns";
import { IdentitySettings, StackSettings } from "../../config/stackConfig";
import { boundaryReference, ProjectStack, stackIamPath } from "../../iam/stackNaming";
import { BootstrapSettings, EnvironmentSettings } from "./bootstrapConfig";

/** How a key of one identity is named to the user: itself, or as one identity's. */
function keyOf(settings: StackSettings, identity: IdentitySettings, key: string): string {
  return settings.form === "single" ? key : `${key} of identity ${identity.name}`;
}

/** A problem when tags carry a key or a value the environment's deploy role may not set. */
function tagProblems(
  key: string,
  tags: Readonly<Record<string, string>>,
  environment: EnvironmentSettings,
  tagsKey: string,
): string[] {
  const others = Object.entries(tags)
    .filter(([tagKey, value]) => environment.tags[tagKey] !== value)
    .map(([tagKey, value]) => `${tagKey}=${value}`);
  return others.length === 0
    ? []
    : [
        configProblem(
          key,
          tags,
          `tags among those ${tagsKey} allows (${JSON.stringify(environment.tags)}): ` +
            `${environment.stack}'s deploy role may set no other (${others.join(", ")})`,
        ),
      ];
}

/** Whether a boundary names the stack's own, by path and name or by an ARN ending in them. */
function isStackBoundary(boundary: string | undefined, reference: string): boolean {
  return boundary === reference || (boundary?.endsWith(`:policy/${reference}`) ?? false);
}

/** What the deploy role checks of an identity, user or role: its defaults applied. */
function grantOf(identity: IdentitySettings, where: ProjectStack) {
  return identity.kind === "user"
    ? withDefaults(identity.user, where)
    : withRoleDefaults(identity.role, where);
}

/**
 * The problems of a role identity: a role where the deploy role may manage none, a GitHub trust
 * without the account's GitHub provider, and a Roles Anywhere trust, whose anchor and profile
 * no deploy role may create.
 */
function roleProblems(
  settings: StackSettings,
  identity: IdentitySettings,
  environment: EnvironmentSettings,
  account: Pick<BootstrapSettings, "githubActionsOidc">,
): string[] {
  if (identity.kind === "user") {
    return [];
  }
  const { stack } = environment;
  const trust = identity.role.trust;
  const trustKey = (part: string) => keyOf(settings, identity, `trust${part}`);
  return [
    ...(environment.roles
      ? []
      : [
          configProblem(
            trustKey(""),
            trust,
            `no trust while bootstrap config key environments.${stack}.roles is not true: ` +
              `${stack}'s deploy role may create no role (set it true there, or make the ` +
              "identity a user)",
          ),
        ]),
    ...(trust.github === undefined || account.githubActionsOidc
      ? []
      : [
          configProblem(
            trustKey(".github"),
            trust.github,
            "no GitHub trust while bootstrap config key githubActionsOidc is not true: the role " +
              "is assumed through the account's GitHub Actions OIDC provider, which the " +
              "bootstrap creates and no stack does (set it true there)",
          ),
        ]),
    ...(trust.rolesAnywhere === undefined
      ? []
      : [
          configProblem(
            trustKey(".rolesAnywhere"),
            trust.rolesAnywhere,
            `no Roles Anywhere trust in a stack ${stack}'s deploy role deploys: it may create ` +
              "no trust anchor or profile, as a profile may vend any role of the account (an " +
              "administrator deploys this stack with their own credentials, pulumi up " +
              `--stack ${stack}, not its Pulumi Deployments)`,
          ),
        ]),
  ];
}

/**
 * Every way the stack's settings and its bootstrap environment disagree, one line each, naming
 * the stack's config key, its value and what the environment allows.
 * @param environment the stack's environment in the bootstrap config; undefined when it has none
 * @param account what the bootstrap makes for the whole account (the GitHub provider)
 */
export function stackDisagreements(
  where: ProjectStack,
  settings: StackSettings,
  environment: EnvironmentSettings | undefined,
  account: Pick<BootstrapSettings, "githubActionsOidc">,
): string[] {
  const { project, stack } = where;
  if (environment === undefined) {
    return [
      `stack ${stack}: no environment in the bootstrap config; add environments.${stack} there ` +
        "(the stack has no deploy role, key or boundary without it)",
    ];
  }
  const reference = boundaryReference(project, stack);
  const path = stackIamPath(project, stack);
  const environmentKey = (key: string) => `bootstrap config key environments.${stack}.${key}`;
  const problems = settings.identities.flatMap((identity): string[] => {
    const grant = grantOf(identity, where);
    const bucket =
      identity.bucketName === undefined ? undefined : bucketNameOf(identity.bucketName);
    return [
      ...(isStackBoundary(grant.permissionsBoundary, reference)
        ? []
        : [
            configProblem(
              keyOf(settings, identity, "permissionsBoundary"),
              // Unset is the empty text the project's config declares as its default.
              grant.permissionsBoundary ?? "",
              `${reference}, the boundary the bootstrap creates for ${stack}: its deploy role ` +
                `creates ${identity.kind}s with no other`,
            ),
          ]),
      ...(grant.path === path
        ? []
        : [
            configProblem(
              keyOf(settings, identity, "path"),
              grant.path,
              `${path}, the only path ${stack}'s deploy role may use`,
            ),
          ]),
      ...tagProblems(
        keyOf(settings, identity, "tags"),
        grant.tags,
        environment,
        environmentKey("tags"),
      ),
      ...(bucket === undefined || environment.buckets.includes(bucket)
        ? []
        : [
            configProblem(
              keyOf(settings, identity, "bucketName"),
              identity.bucketName,
              `a bucket that ${environmentKey("buckets")} lists ` +
                `(${JSON.stringify(environment.buckets)}): ${stack}'s boundary allows no other`,
            ),
          ]),
      ...(identity.kind === "user" &&
      environment.escRotation &&
      environment.rotatedUsers.includes(identity.user.userName) &&
      withDefaults(identity.user, where).accessKey.enabled
        ? [
            configProblem(
              keyOf(settings, identity, "accessKey"),
              true,
              `false, as ${environmentKey("escRotation")} is true: Pulumi ESC rotates the keys ` +
                `of ${identity.user.userName}, and a key of the stack's own would take one of ` +
                "IAM's two",
            ),
          ]
        : []),
      ...roleProblems(settings, identity, environment, account),
    ];
  });
  const userNames = settings.identities.flatMap((identity) =>
    identity.kind === "user" ? [identity.user.userName] : [],
  );
  const unknownUsers = environment.rotatedUsers.filter((name) => !userNames.includes(name));
  if (environment.escRotation && unknownUsers.length > 0) {
    problems.push(
      describeProblem(
        environmentKey("rotatedUsers"),
        environment.rotatedUsers,
        `names of stack ${stack}'s users (${userNames.join(", ")}): ` +
          `${unknownUsers.join(", ")} is none, and the rotator role may rotate no other's keys`,
      ),
    );
  }
  const createsBucket = settings.identities.some((identity) => identity.bucketName === undefined);
  if (createsBucket && !environment.createsBucket) {
    problems.push(
      configProblem(
        "bucketName",
        "",
        "a bucket name: without one (empty or unset) the stack creates a bucket of its own, " +
          `and ${environmentKey("createsBucket")} is not true, so ${stack}'s deploy role may ` +
          "not create one",
      ),
    );
  }
  if (!createsBucket && environment.createsBucket) {
    problems.push(
      describeProblem(
        environmentKey("createsBucket"),
        true,
        `false, as stack ${stack} names every bucket it uses: its deploy role needs no bucket rights`,
      ),
    );
  }
  if (environment.roles && !settings.identities.some((identity) => identity.kind === "role")) {
    problems.push(
      describeProblem(
        environmentKey("roles"),
        true,
        `false, as no identity of stack ${stack} sets trust: its deploy role needs no role rights`,
      ),
    );
  }
  return problems;
}
