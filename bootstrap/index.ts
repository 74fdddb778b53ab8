/**
 * The one-time bootstrap of iam-bucket-access, run by an administrator per AWS account and
 * Pulumi organization: read and validate config, block public access to the account's buckets,
 * create (or reuse) the Pulumi OIDC provider, GitHub Actions' when asked, and one
 * DeploymentEnvironment per stack, and export what each stack needs.
 */
import * as iam from "@pulumi/aws/iam";
import * as s3 from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_URL } from "../iam/roleTrust";
import { boundaryReference } from "../iam/stackNaming";
import { parseBootstrapConfig } from "./config/bootstrapConfig";
import { DEPLOYED_PROJECT } from "./config/bootstrapKeys";
import { PULUMI_OIDC_URL } from "./iam/deployPolicies";
import { pulumiOidcAudiences } from "./iam/rotatorPolicies";
import { DeploymentEnvironment } from "./components/deploymentEnvironment";

// Pulumi runs an exported function and exports what it returns.
export = () => {
  const settings = parseBootstrapConfig(pulumi.runtime.allConfig(), pulumi.getProject());
  if (settings.blockPublicAccess) {
    // No deploy role can then make a bucket public, whatever bucket policy it writes.
    new s3.AccountPublicAccessBlock("account-public-access-block", {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }
  const oidcProviderArn: pulumi.Output<string> =
    settings.oidcProviderArn === undefined
      ? new iam.OpenIdConnectProvider("pulumi-oidc", {
          url: PULUMI_OIDC_URL,
          clientIdLists: pulumiOidcAudiences(
            settings.organization,
            settings.environments.some((environment) => environment.escRotation),
          ),
        }).arn
      : pulumi.output(settings.oidcProviderArn);
  // Account-wide, like the Pulumi provider: the stacks' roles reference it and never create it.
  const githubOidcProviderArn = settings.githubActionsOidc
    ? new iam.OpenIdConnectProvider("github-actions-oidc", {
        url: GITHUB_OIDC_URL,
        clientIdLists: [GITHUB_OIDC_AUDIENCE],
      }).arn
    : undefined;
  const environments = settings.environments.map((environment) => {
    const deployment = new DeploymentEnvironment(environment.stack, {
      organization: settings.organization,
      repository: settings.repository,
      project: DEPLOYED_PROJECT,
      environment,
      oidcProviderArn,
    });
    return [
      environment.stack,
      {
        deployRoleArn: deployment.roleArn,
        secretsKeyArn: deployment.keyArn,
        secretsKeyAlias: deployment.keyAlias,
        permissionsBoundaryArn: deployment.boundaryArn,
        ...(deployment.rotatorRoleArn === undefined
          ? {}
          : { rotatorRoleArn: deployment.rotatorRoleArn }),
        // What the stack file sets as its permissionsBoundary.
        permissionsBoundary: boundaryReference(DEPLOYED_PROJECT, environment.stack),
      },
    ] as const;
  });
  return {
    oidcProviderArn,
    ...(githubOidcProviderArn === undefined ? {} : { githubOidcProviderArn }),
    environments: Object.fromEntries(environments),
  };
};
