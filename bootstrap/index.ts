/**
 * The one-time bootstrap of iam-bucket-access, run by an administrator per AWS account and
 * Pulumi organization: read and validate config, create (or reuse) the Pulumi OIDC provider and
 * one DeploymentEnvironment per stack, export what each stack needs.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BUCKET_ACCESS_USER_DEFAULTS } from "../components/bucketAccessUserArgs";
import { projectConfig } from "../components/projectConfig";
import { DEPLOYED_PROJECT, parseBootstrapConfig } from "./components/config";
import { PULUMI_OIDC_URL } from "./components/deployPolicies";
import { DeploymentEnvironment } from "./components/deploymentEnvironment";

// Pulumi runs an exported function and exports what it resolves to.
export = async () => {
  const settings = parseBootstrapConfig(projectConfig());
  const oidcProviderArn: pulumi.Output<string> =
    settings.oidcProviderArn === undefined
      ? new aws.iam.OpenIdConnectProvider("pulumi-oidc", {
          url: PULUMI_OIDC_URL,
          clientIdLists: [settings.organization],
        }).arn
      : pulumi.output(settings.oidcProviderArn);
  const environments = settings.environments.map((environment) => {
    const deployment = new DeploymentEnvironment(environment.stack, {
      organization: settings.organization,
      repository: settings.repository,
      project: DEPLOYED_PROJECT,
      environment,
      oidcProviderArn,
      userPath: BUCKET_ACCESS_USER_DEFAULTS.path,
    });
    return [
      environment.stack,
      {
        deployRoleArn: deployment.roleArn,
        secretsKeyArn: deployment.keyArn,
        secretsKeyAlias: deployment.keyAlias,
      },
    ] as const;
  });
  return { oidcProviderArn, environments: Object.fromEntries(environments) };
};
