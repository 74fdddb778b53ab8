/**
 * `DeploymentEnvironment`: what one stack of the project needs to deploy itself from git:
 * the stack itself, a KMS key for its secrets, the permissions boundary of its users, a deploy
 * role only Pulumi Deployments of that stack can assume, confined to the stack, and the stack's
 * Deployments settings. Wires resources only.
 */
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import { accountOfCaller } from "../../iam/arns";
import {
  FenceStatement,
  PolicyDocument,
  policyJson,
  Statement,
  TrustStatement,
} from "../../iam/policyDocument";
import {
  boundaryName,
  boundaryPath,
  deployRoleName,
  projectIamPath,
  rotatorRoleName,
  secretsKeyAlias,
} from "../../iam/stackNaming";
import { EnvironmentSettings } from "../config/bootstrapConfig";
import {
  DEPLOY_OPERATIONS,
  DeployEnvironment,
  deployRolePolicy,
  deployRoleTrustPolicy,
  permissionsBoundaryPolicy,
  NO_PREVIEW_OPERATIONS,
  secretsKeyPolicy,
} from "../iam/deployPolicies";
import { rotatorLoginEnvironment, rotatorPolicy, rotatorTrustPolicy } from "../iam/rotatorPolicies";

/** Arguments of a `DeploymentEnvironment`. */
export interface DeploymentEnvironmentArgs {
  /** The Pulumi organization; the OIDC audience and the settings' owner. */
  readonly organization: string;
  /** GitHub repository, `owner/name`. */
  readonly repository: string;
  /** The deployed project's name. */
  readonly project: string;
  /** The stack, its branch, its buckets, whether it previews pull requests. */
  readonly environment: EnvironmentSettings;
  /** ARN of the account's OIDC provider for Pulumi Cloud. */
  readonly oidcProviderArn: pulumi.Input<string>;
}

/** How long a deployment's (or a rotation's) AWS session lasts, and the roles allow: one hour. */
const SESSION_SECONDS = 3600;

/** The session's length as Pulumi Deployments writes durations. */
const SESSION_DURATION = `${SESSION_SECONDS / 3600}h0m0s`;

/** The repository paths whose changes deploy a stack: its program, never docs or tests. */
export function deployPaths(stack: string): string[] {
  return [
    "Pulumi.yaml",
    `Pulumi.${stack}.yaml`,
    "index.ts",
    "config/**",
    "iam/**",
    "s3/**",
    "components/**",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
  ];
}

/** One stack, its key, boundary, deploy role and Deployments settings. */
export class DeploymentEnvironment extends pulumi.ComponentResource {
  /** The role Deployments of the stack assume. */
  readonly roleArn: pulumi.Output<string>;
  /** The stack's secrets key. */
  readonly keyArn: pulumi.Output<string>;
  /** `alias/<project>-<stack>`, as the stack's `secretsprovider` names it. */
  readonly keyAlias: pulumi.Output<string>;
  /** The permissions boundary every user of the stack must carry. */
  readonly boundaryArn: pulumi.Output<string>;
  /** The role ESC's key rotator assumes; undefined unless the environment asks for it. */
  readonly rotatorRoleArn?: pulumi.Output<string>;

  /**
   * @param name logical name, the stack's name; children are named `<name>-deploy`, …
   * @param args the environment and where it deploys from
   * @param opts component options
   */
  constructor(
    name: string,
    args: DeploymentEnvironmentArgs,
    opts: pulumi.ComponentResourceOptions = {},
  ) {
    super("iam-bucket-access:bootstrap:DeploymentEnvironment", name, {}, opts);
    const { organization, project, environment } = args;
    const stack = environment.stack;
    const childOpts = { parent: this };
    const caller = getCallerIdentityOutput({}, childOpts);
    const account = caller.apply((identity) => accountOfCaller(identity.arn, identity.accountId));
    const trustOf = (build: (providerArn: string) => PolicyDocument<TrustStatement>) =>
      pulumi.output(args.oidcProviderArn).apply((providerArn) => policyJson(build(providerArn)));

    // Without previews the role is never assumed for one: no pull request's code runs with it.
    const operations = environment.previewPullRequests ? DEPLOY_OPERATIONS : NO_PREVIEW_OPERATIONS;
    const role = new iam.Role(
      `${name}-deploy`,
      {
        name: deployRoleName(project, stack),
        path: projectIamPath(project),
        description: `Pulumi Deployments of ${organization}/${project}/${stack}`,
        maxSessionDuration: SESSION_SECONDS,
        assumeRolePolicy: trustOf((providerArn) =>
          deployRoleTrustPolicy(providerArn, organization, project, stack, operations),
        ),
      },
      childOpts,
    );
    const key = new kms.Key(
      `${name}-secrets`,
      {
        description: `Secrets of the ${project} stack ${stack}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi
          .all([account, role.arn])
          .apply(([awsAccount, roleArn]) => policyJson(secretsKeyPolicy(awsAccount, roleArn))),
      },
      childOpts,
    );
    const alias = new kms.Alias(
      `${name}-secrets`,
      {
        name: secretsKeyAlias(project, stack),
        targetKeyId: key.keyId,
      },
      childOpts,
    );
    const policyOf = (
      build: (env: DeployEnvironment) => PolicyDocument<Statement | FenceStatement>,
    ) =>
      pulumi.all([account, key.arn]).apply(([awsAccount, keyArn]) =>
        policyJson(
          build({
            account: awsAccount,
            project,
            stack,
            keyArn,
            createsBucket: environment.createsBucket,
            buckets: environment.buckets,
            tags: environment.tags,
            roles: environment.roles,
          }),
        ),
      );
    // Outside every stack's IAM path, so no deploy role can rewrite it.
    const boundary = new iam.Policy(
      `${name}-boundary`,
      {
        name: boundaryName(project, stack),
        path: boundaryPath(project),
        description: `The most any user of ${project}/${stack} may ever be granted`,
        policy: policyOf(permissionsBoundaryPolicy),
      },
      childOpts,
    );
    const permissions = new iam.RolePolicy(
      `${name}-deploy`,
      {
        role: role.name,
        name: `deploy-${stack}`,
        policy: policyOf(deployRolePolicy),
      },
      childOpts,
    );
    // Removing an environment from the bootstrap must not delete the stack and its state.
    const pulumiStack = new pulumiservice.Stack(
      `${name}-stack`,
      { organizationName: organization, projectName: project, stackName: stack },
      {
        ...childOpts,
        retainOnDelete: true,
        ...(environment.adoptStack ? { import: `${organization}/${project}/${stack}` } : {}),
      },
    );
    new pulumiservice.DeploymentSettings(
      `${name}-deployments`,
      {
        organization,
        project,
        stack,
        vcs: {
          provider: "github",
          repository: args.repository,
          deployCommits: true,
          previewPullRequests: environment.previewPullRequests,
          paths: deployPaths(stack),
        },
        sourceContext: { git: { branch: `refs/heads/${environment.branch}` } },
        operationContext: {
          oidc: {
            aws: {
              roleARN: role.arn,
              sessionName: `pulumi-deploy-${stack}`,
              duration: SESSION_DURATION,
            },
          },
          // Installs exactly the lockfile; the runtime then transpiles only (tests type-check).
          options: { skipInstallDependencies: true },
          preRunCommands: ["npm ci --no-audit --no-fund"],
          environmentVariables: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
        },
      },
      // A deployment must not start before its role, key alias and boundary are in place.
      { ...childOpts, dependsOn: [permissions, alias, boundary, pulumiStack] },
    );

    if (environment.escRotation) {
      const loginEnvironment = rotatorLoginEnvironment(project, stack);
      const rotator = new iam.Role(
        `${name}-rotator`,
        {
          name: rotatorRoleName(project, stack),
          path: projectIamPath(project),
          description: `Pulumi ESC key rotation of ${organization}/${project}/${stack}'s users`,
          maxSessionDuration: SESSION_SECONDS,
          assumeRolePolicy: trustOf((providerArn) =>
            rotatorTrustPolicy(providerArn, organization, loginEnvironment),
          ),
        },
        childOpts,
      );
      new iam.RolePolicy(
        `${name}-rotator`,
        {
          role: rotator.name,
          name: `rotate-keys-${stack}`,
          policy: account.apply((awsAccount) =>
            policyJson(rotatorPolicy(awsAccount, project, stack, environment.rotatedUsers)),
          ),
        },
        childOpts,
      );
      this.rotatorRoleArn = rotator.arn;
    }

    this.roleArn = role.arn;
    this.keyArn = key.arn;
    this.keyAlias = alias.name;
    this.boundaryArn = boundary.arn;
    this.registerOutputs({
      roleArn: this.roleArn,
      keyArn: this.keyArn,
      keyAlias: this.keyAlias,
      boundaryArn: this.boundaryArn,
      rotatorRoleArn: this.rotatorRoleArn,
    });
  }
}
