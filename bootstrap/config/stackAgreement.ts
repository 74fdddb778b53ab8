/**
 * Whether a stack of the deployed project can deploy through the environment the bootstrap made
 * for it: the same boundary and IAM path as its deploy role requires, a created bucket only
 * where the role may create one, existing buckets only among those its boundary allows, and
 * keys rotated by ESC only for users the rotator role may rotate.
 * Pure: both programs' validated settings in, the disagreements out.
 */
import { describeProblem } from "../../config/argsProblems";
import { withDefaults } from "../../config/userArgs";
import { configProblem } from "../../config/keyTable";
import { bucketNameOf } from "../../iam/arns";
import { IdentitySettings, StackSettings } from "../../config/stackConfig";
import { boundaryReference, ProjectStack, stackIamPath } from "../../iam/stackNaming";
import { EnvironmentSettings } from "./bootstrapConfig";

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

/**
 * Every way the stack's settings and its bootstrap environment disagree, one line each, naming
 * the stack's config key, its value and what the environment allows.
 * @param environment the stack's environment in the bootstrap config; undefined when it has none
 */
export function stackDisagreements(
  where: ProjectStack,
  settings: StackSettings,
  environment: EnvironmentSettings | undefined,
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
    const user = withDefaults(identity.user, where);
    const bucket =
      identity.bucketName === undefined ? undefined : bucketNameOf(identity.bucketName);
    return [
      ...(isStackBoundary(user.permissionsBoundary, reference)
        ? []
        : [
            configProblem(
              keyOf(settings, identity, "permissionsBoundary"),
              // Unset is the empty text the project's config declares as its default.
              user.permissionsBoundary ?? "",
              `${reference}, the boundary the bootstrap creates for ${stack}: its deploy role ` +
                "creates users with no other",
            ),
          ]),
      ...(user.path === path
        ? []
        : [
            configProblem(
              keyOf(settings, identity, "path"),
              user.path,
              `${path}, the only path ${stack}'s deploy role may use`,
            ),
          ]),
      ...tagProblems(
        keyOf(settings, identity, "tags"),
        user.tags,
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
      ...(environment.escRotation &&
      environment.rotatedUsers.includes(user.userName) &&
      user.accessKey.enabled
        ? [
            configProblem(
              keyOf(settings, identity, "accessKey"),
              true,
              `false, as ${environmentKey("escRotation")} is true: Pulumi ESC rotates the keys ` +
                `of ${user.userName}, and a key of the stack's own would take one of IAM's two`,
            ),
          ]
        : []),
    ];
  });
  const userNames = settings.identities.map((identity) => identity.user.userName);
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
  return problems;
}
