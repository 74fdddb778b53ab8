/**
 * The one place that sets Pulumi's runtime mocks. Import it before any code under test.
 * Answers like AWS would: real-shaped ids, ARNs and secrets per resource type, and a caller
 * identity, and records every resource the program registers.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../paths";

/** The project name, read from `Pulumi.yaml` as the CLI would. */
export const PROJECT: string = (
  parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8")) as {
    name: string;
  }
).name;

/** The account the mocked credentials belong to. */
export const ACCOUNT_ID = "123456789012";

/** The region of the stack's AWS provider, as AWS puts it in regional ARNs. */
const REGION = () => pulumi.runtime.getConfig("aws:region") ?? "us-east-1";

/** The stack the mocks start with; `useStack` switches. */
export const DEFAULT_STACK = "test";

/** One resource registration, as the engine saw it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** What the mocks answered: the state the engine would hold once the resource exists. */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly custom: boolean;
}

/** Every registration since the last `resetRegistrations`, in order. */
export const registrations: Registration[] = [];

/** Called with each registration as it happens; the benchmark times the first one. */
export const registrationListeners: Array<(registration: Registration) => void> = [];

/** Forgets earlier registrations; call in `beforeEach`. */
export function resetRegistrations(): void {
  registrations.length = 0;
}

/** Deterministic text of a given alphabet and length, distinct per seed. */
function fakeText(seed: string, alphabet: string, length: number): string {
  const digest = createHash("sha256").update(seed).digest();
  return Array.from(
    { length },
    (_, i) => alphabet[digest[i % digest.length] % alphabet.length] ?? "",
  ).join("");
}

/** A deterministic id in UUID form (KMS keys, Roles Anywhere anchors and profiles), per seed. */
function fakeUuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PASSWORD_CHARS = `${SECRET_CHARS}!@#$%^&*()_-=[]{}|'`;

/** A value that should be text, or "" when it is not. */
export function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Provider-computed state per resource type: what AWS (or random) would return. */
function newResourceState(
  args: pulumi.runtime.MockResourceArgs,
): pulumi.runtime.MockResourceResult {
  const inputs = args.inputs as Record<string, unknown>;
  switch (args.type) {
    case "aws:iam/user:User": {
      const name = text(inputs.name);
      return {
        id: name,
        state: {
          ...inputs,
          arn: `arn:aws:iam::${ACCOUNT_ID}:user${text(inputs.path)}${name}`,
          uniqueId: `AIDA${fakeText(name, UPPER_DIGITS, 17)}`,
        },
      };
    }
    case "aws:iam/policy:Policy": {
      const arn = `arn:aws:iam::${ACCOUNT_ID}:policy${text(inputs.path)}${text(inputs.name)}`;
      return {
        id: arn,
        state: { ...inputs, arn, policyId: `ANPA${fakeText(arn, UPPER_DIGITS, 17)}` },
      };
    }
    case "aws:iam/userPolicyAttachment:UserPolicyAttachment":
      return { id: `${text(inputs.user)}-${fakeText(args.name, UPPER_DIGITS, 8)}`, state: inputs };
    case "aws:iam/accessKey:AccessKey":
      return {
        id: `AKIA${fakeText(args.name, UPPER_DIGITS, 16)}`,
        state: {
          ...inputs,
          secret: fakeText(`${args.name}/secret`, SECRET_CHARS, 40),
          sesSmtpPasswordV4: fakeText(`${args.name}/smtp`, SECRET_CHARS, 44),
          status: "Active",
        },
      };
    case "aws:iam/userLoginProfile:UserLoginProfile": {
      const length = typeof inputs.passwordLength === "number" ? inputs.passwordLength : 20;
      return {
        id: text(inputs.user),
        state: { ...inputs, password: fakeText(`${args.name}/password`, PASSWORD_CHARS, length) },
      };
    }
    case "random:index/randomId:RandomId": {
      const bytes = createHash("sha256")
        .update(args.name)
        .digest()
        .subarray(0, typeof inputs.byteLength === "number" ? inputs.byteLength : 8);
      return {
        id: bytes.toString("base64url"),
        state: { ...inputs, hex: bytes.toString("hex"), b64Url: bytes.toString("base64url") },
      };
    }
    case "aws:iam/role:Role": {
      const name = text(inputs.name);
      const arn = `arn:aws:iam::${ACCOUNT_ID}:role${text(inputs.path) || "/"}${name}`;
      return {
        id: name,
        state: { ...inputs, arn, uniqueId: `AROA${fakeText(name, UPPER_DIGITS, 17)}` },
      };
    }
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
      const arn = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${text(inputs.url).replace(/^https:\/\//, "")}`;
      return { id: arn, state: { ...inputs, arn } };
    }
    case "aws:rolesanywhere/trustAnchor:TrustAnchor":
    case "aws:rolesanywhere/profile:Profile": {
      const kind = args.type.endsWith(":TrustAnchor") ? "trust-anchor" : "profile";
      const id = fakeUuid(`${kind}/${args.name}`);
      const arn = `arn:aws:rolesanywhere:${REGION()}:${ACCOUNT_ID}:${kind}/${id}`;
      return { id, state: { ...inputs, arn } };
    }
    case "aws:kms/key:Key": {
      const keyId = fakeUuid(args.name);
      const arn = `arn:aws:kms:${REGION()}:${ACCOUNT_ID}:key/${keyId}`;
      return { id: keyId, state: { ...inputs, arn, keyId } };
    }
    case "aws:kms/alias:Alias": {
      const arn = `arn:aws:kms:${REGION()}:${ACCOUNT_ID}:${text(inputs.name)}`;
      return { id: text(inputs.name), state: { ...inputs, arn } };
    }
    case "aws:s3/bucket:Bucket": {
      const bucket = text(inputs.bucket);
      return { id: bucket, state: { ...inputs, bucket, arn: `arn:aws:s3:::${bucket}` } };
    }
    default:
      return { id: args.custom ? `${args.name}-id` : undefined, state: inputs };
  }
}

/** The mocks: record, then answer. */
const mocks: pulumi.runtime.Mocks = {
  newResource(args) {
    const answer = newResourceState(args);
    const registration: Registration = {
      type: args.type,
      name: args.name,
      inputs: args.inputs as Record<string, unknown>,
      outputs: answer.state as Record<string, unknown>,
      custom: args.custom ?? false,
    };
    registrations.push(registration);
    registrationListeners.forEach((listen) => listen(registration));
    return answer;
  },
  call(args) {
    switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return {
          accountId: ACCOUNT_ID,
          arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/pulumi-deploy/session`,
          id: ACCOUNT_ID,
          userId: "AROAEXAMPLEROLEID:session",
        };
      case "aws:index/getRegion:getRegion":
        return { id: REGION(), region: REGION(), name: REGION() };
      case "aws:index/getPartition:getPartition":
        return {
          id: "aws",
          partition: "aws",
          dnsSuffix: "amazonaws.com",
          reverseDnsSuffix: "com.amazonaws",
        };
      default:
        throw new Error(`no mock for function ${args.token}`);
    }
  },
};

/**
 * Switches the mocks to a stack (of this project unless another is named) and replaces the
 * whole config with the given values (`<namespace>:<key>` → text, as the engine passes them).
 */
export async function useStack(
  stack: string,
  config: Readonly<Record<string, string>>,
  project = PROJECT,
): Promise<void> {
  await pulumi.runtime.setMocks(mocks, project, stack, false);
  pulumi.runtime.setAllConfig({ ...config });
}

void useStack(DEFAULT_STACK, {});
