import * as assert from "node:assert/strict";
import {
  iamPolicyNoStarResource,
  iamPolicyNoWildcardActions,
  iamPolicyStatementSids,
  iamUserBoundaryElsewhere,
  iamUserBoundaryInProduction,
  iamUserUnderProjectPath,
} from "../iam";
import { assertViolation, resourceViolations, UNKNOWN_VALUE } from "./util";

/** An IAM managed policy resource holding the given statements. */
const policyWith = (...statements: object[]) => ({
  type: "aws:iam/policy:Policy",
  name: "app-policy",
  props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
});
const getObject = {
  Sid: "Read",
  Effect: "Allow",
  Action: ["s3:GetObject"],
  Resource: ["arn:aws:s3:::b/*"],
};
const user = (props: Record<string, unknown>, stack = "dev", stackTags = {}) => ({
  type: "aws:iam/user:User",
  name: "app",
  props: { name: "app", ...props },
  stack,
  stackTags,
});
const BOUNDARY = "arn:aws:iam::123456789012:policy/boundary";

describe("#iam-policy-no-wildcard-actions", () => {
  it("is mandatory", () => {
    assert.equal(iamPolicyNoWildcardActions.enforcementLevel, "mandatory");
  });

  it("passes a policy that allows named actions", async () => {
    assert.deepEqual(
      await resourceViolations(iamPolicyNoWildcardActions, policyWith(getObject)),
      [],
    );
  });

  const cases = [
    // wildcard action, as a policy author might write it
    ["*", "*"],
    ["s3:*", "s3:*"],
    ["s3:Get*", "s3:Get\\*"],
  ];
  for (const [action, pattern] of cases) {
    it(`fails an Allow of ${action}`, async () => {
      assertViolation(
        await resourceViolations(
          iamPolicyNoWildcardActions,
          policyWith({ ...getObject, Action: action }),
        ),
        new RegExp(
          `app-policy: statement Read must allow named actions only, not the wildcard ${pattern}`,
        ),
      );
    });
  }

  it("fails an Allow by NotAction", async () => {
    const { Action: _, ...rest } = getObject;
    assertViolation(
      await resourceViolations(
        iamPolicyNoWildcardActions,
        policyWith({ ...rest, NotAction: "iam:*" }),
      ),
      /statement Read must not allow by NotAction/,
    );
  });

  it("leaves Deny statements alone", async () => {
    const deny = { Sid: "DenyHttp", Effect: "Deny", Action: "s3:*", Resource: "*" };
    assert.deepEqual(await resourceViolations(iamPolicyNoWildcardActions, policyWith(deny)), []);
  });
});

describe("#iam-policy-no-star-resource", () => {
  it("is mandatory", () => {
    assert.equal(iamPolicyNoStarResource.enforcementLevel, "mandatory");
  });

  it("passes ListAllMyBuckets on *", async () => {
    const listAll = { Sid: "List", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" };
    assert.deepEqual(await resourceViolations(iamPolicyNoStarResource, policyWith(listAll)), []);
  });

  it("fails GetObject on *", async () => {
    assertViolation(
      await resourceViolations(
        iamPolicyNoStarResource,
        policyWith({ ...getObject, Resource: "*" }),
      ),
      /app-policy: statement Read must name the resources s3:GetObject applies to instead of "\*"/,
    );
  });

  it("takes the allowed actions from the pack config", async () => {
    const policy = policyWith({ ...getObject, Resource: "*" });
    const config = { starResourceActions: ["s3:GetObject"] };
    assert.deepEqual(await resourceViolations(iamPolicyNoStarResource, policy, config), []);
  });
});

describe("the document rules during preview", () => {
  const pending = {
    type: "aws:iam/policy:Policy",
    name: "app-policy",
    props: { policy: UNKNOWN_VALUE },
  };
  for (const policy of [
    iamPolicyNoWildcardActions,
    iamPolicyNoStarResource,
    iamPolicyStatementSids,
  ]) {
    it(`${policy.name} leaves a document unknown until the update alone`, async () => {
      assert.deepEqual(await resourceViolations(policy, pending), []);
    });
  }
});

describe("#iam-policy-statement-sids", () => {
  it("is mandatory", () => {
    assert.equal(iamPolicyStatementSids.enforcementLevel, "mandatory");
  });

  it("passes statements with Sids", async () => {
    assert.deepEqual(await resourceViolations(iamPolicyStatementSids, policyWith(getObject)), []);
  });

  it("fails an Allow statement without a Sid", async () => {
    const { Sid: _, ...anonymous } = getObject;
    assertViolation(
      await resourceViolations(iamPolicyStatementSids, policyWith(anonymous)),
      /app-policy: Allow statement 1 must have a Sid/,
    );
  });
});

describe("#iam-user-under-project-path", () => {
  it("is mandatory", () => {
    assert.equal(iamUserUnderProjectPath.enforcementLevel, "mandatory");
  });

  it("passes a user under /iam-bucket-access/ and one whose path is unknown until the update", async () => {
    for (const path of ["/iam-bucket-access/dev/", UNKNOWN_VALUE]) {
      assert.deepEqual(await resourceViolations(iamUserUnderProjectPath, user({ path })), []);
    }
  });

  it("fails a user under a look-alike path", async () => {
    assertViolation(
      await resourceViolations(iamUserUnderProjectPath, user({ path: "/iam-bucket-access-x/" })),
      /app: IAM user must sit under the path \/iam-bucket-access\//,
    );
  });

  it("fails a user at the root path", async () => {
    assertViolation(
      await resourceViolations(iamUserUnderProjectPath, user({ path: "/" })),
      /app: IAM user must sit under the path \/iam-bucket-access\/ \(it has \/\)/,
    );
  });
});

describe("#iam-user-permissions-boundary-production", () => {
  it("is mandatory", () => {
    assert.equal(iamUserBoundaryInProduction.enforcementLevel, "mandatory");
  });

  it("fails a user without a boundary in a stack the pack config marks production", async () => {
    assertViolation(
      await resourceViolations(iamUserBoundaryInProduction, user({}, "prod"), {
        productionStacks: ["prod"],
      }),
      /app: IAM user must have a permissions boundary in a production stack/,
    );
  });

  it("fails a user without a boundary in a stack tagged environment: production", async () => {
    const violations = await resourceViolations(
      iamUserBoundaryInProduction,
      user({}, "live", { environment: "production" }),
    );
    assertViolation(violations, /in a production stack/);
  });

  it("passes a production user with a boundary, and any user outside production", async () => {
    const config = { productionStacks: ["prod"] };
    const bounded = user({ permissionsBoundary: BOUNDARY }, "prod");
    assert.deepEqual(await resourceViolations(iamUserBoundaryInProduction, bounded, config), []);
    assert.deepEqual(
      await resourceViolations(iamUserBoundaryInProduction, user({}, "dev"), config),
      [],
    );
  });
});

describe("#iam-user-permissions-boundary", () => {
  it("is advisory", () => {
    assert.equal(iamUserBoundaryElsewhere.enforcementLevel, "advisory");
  });

  it("advises a boundary outside production", async () => {
    assertViolation(
      await resourceViolations(iamUserBoundaryElsewhere, user({}, "dev")),
      /app: IAM user must have a permissions boundary; set permissionsBoundary/,
    );
  });

  it("passes a user with a boundary", async () => {
    const bounded = user({ permissionsBoundary: BOUNDARY });
    assert.deepEqual(await resourceViolations(iamUserBoundaryElsewhere, bounded), []);
  });
});
