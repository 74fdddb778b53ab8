/**
 * What a caller of a bucket-access role pastes to use it: the step of a GitHub Actions workflow,
 * the `credential_process` line of an AWS profile for IAM Roles Anywhere. Pure.
 */

/**
 * The workflow step that assumes the role with the job's OIDC token. The job must be allowed
 * to ask GitHub for that token (`id-token: write`), or the step fails.
 * @see https://github.com/aws-actions/configure-aws-credentials#oidc
 */
export function githubWorkflowStep(roleArn: string, region: string): string {
  return [
    "# The job needs: permissions: { id-token: write, contents: read }",
    "- name: Configure AWS credentials",
    "  uses: aws-actions/configure-aws-credentials@v4",
    "  with:",
    `    role-to-assume: ${roleArn}`,
    `    aws-region: ${region}`,
    "",
  ].join("\n");
}

/** Where the certificate and its private key are, which only the workload knows. */
const CERTIFICATE_PLACEHOLDERS = {
  certificate: "/path/to/certificate.pem",
  privateKey: "/path/to/private-key.pem",
} as const;

/**
 * The line of an AWS profile (`~/.aws/config`) that has AWS's signing helper exchange the
 * workload's certificate for a session of the role; the paths are placeholders.
 * @see https://docs.aws.amazon.com/rolesanywhere/latest/userguide/credential-helper.html
 */
export function credentialProcessLine(
  trustAnchorArn: string,
  profileArn: string,
  roleArn: string,
): string {
  return [
    "credential_process = aws_signing_helper credential-process",
    `--certificate ${CERTIFICATE_PLACEHOLDERS.certificate}`,
    `--private-key ${CERTIFICATE_PLACEHOLDERS.privateKey}`,
    `--trust-anchor-arn ${trustAnchorArn}`,
    `--profile-arn ${profileArn}`,
    `--role-arn ${roleArn}`,
  ].join(" ");
}
