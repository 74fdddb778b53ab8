/** Role trusts the specs share. Pure data. */
import type { RoleTrustSettings } from "../../config/roleArgs";

/** A private certificate authority of ACM's, as a Roles Anywhere trust anchor names one. */
export const ACM_PCA_ARN =
  "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012";

/** A Roles Anywhere trust of the certificate that private authority issues to one host. */
export const EDGE_PCA_TRUST: RoleTrustSettings = {
  rolesAnywhere: { acmPcaArn: ACM_PCA_ARN, commonNames: ["edge.acme.example"] },
};
