import { DEFAULT_STACK, useStack } from "../tools/runner/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import * as components from "../components";
import { AccessLevel } from "../iam/accessLevels";
import { ComponentPackageProvider } from "../provider/componentPackage";
import { fullToken, PackageSchema, valueProblems } from "./fixtures/packageSchema";
import { enumMemberName, sdkCalls } from "./fixtures/pythonCalls";
import { promiseOf } from "../tools/runner/program";
import { ROOT } from "../tools/paths";
import { componentRun } from "./support/specHelpers";
import { typeScriptMembers } from "./support/typeScriptMembers";

const provider = new ComponentPackageProvider();
let schema: PackageSchema;

before(async () => {
  await useStack(DEFAULT_STACK, {});
  schema = JSON.parse(await provider.getSchema()) as PackageSchema;
});

const USER = "iam-bucket-access:index:BucketAccessUser";
const ROLE = "iam-bucket-access:index:BucketAccessRole";
const BUCKET = "iam-bucket-access:index:SecureBucket";
const USER_ARGS_SOURCE = "config/userArgTypes.ts";
const ROLE_ARGS_SOURCE = "config/roleArgTypes.ts";
const ROLE_TRUST_SOURCE = "config/roleArgs.ts";

/** Each component's type token, where its class and its Args are declared, and their name. */
const COMPONENTS = [
  {
    token: USER,
    source: { component: "components/bucketAccessUser.ts", args: USER_ARGS_SOURCE },
    args: "BucketAccessUserArgs",
  },
  {
    token: ROLE,
    source: { component: "components/bucketAccessRole.ts", args: ROLE_ARGS_SOURCE },
    args: "BucketAccessRoleArgs",
  },
  {
    token: BUCKET,
    source: { component: "components/secureBucket.ts", args: "components/secureBucket.ts" },
    args: "SecureBucketArgs",
  },
] as const;

/** Every property description of a record of schema properties, by name. */
const describedBy = (properties: Readonly<Record<string, { description?: string }>>) =>
  Object.entries(properties).map(([name, property]) => [
    name,
    (property.description ?? "").length > 10,
  ]);

describe("the component package's schema", () => {
  it("serves BucketAccessUser, BucketAccessRole and SecureBucket as iam-bucket-access:index:<Name>", () => {
    assert.equal(schema.name, "iam-bucket-access");
    assert.deepEqual(Object.keys(schema.resources).sort(), [ROLE, USER, BUCKET]);
    assert.ok(Object.values(schema.resources).every((resource) => resource.isComponent));
  });

  it("describes every input and output of every component, from their doc comments", () => {
    for (const resource of Object.values(schema.resources)) {
      for (const [name, described] of [
        ...describedBy(resource.inputProperties),
        ...describedBy(resource.properties),
      ]) {
        assert.equal(described, true, `${String(name)} has no description`);
      }
    }
    assert.match(
      schema.resources[USER].inputProperties.permissionsBoundary.description ?? "",
      /caps what the user can ever be granted/,
    );
  });

  for (const { token, source, args } of COMPONENTS) {
    const name = token.split(":")[2];
    it(`takes the arguments ${args} declares for ${name}, requiring those not optional`, () => {
      const members = typeScriptMembers(source.args, args);
      assert.deepEqual(
        Object.keys(schema.resources[token].inputProperties),
        members.map((member) => member.name),
      );
      assert.deepEqual(
        [...schema.resources[token].requiredInputs].sort(),
        members
          .filter((member) => !member.optional)
          .map((member) => member.name)
          .sort(),
      );
    });

    it(`exports the outputs the ${name} class declares, promising those not optional`, () => {
      const outputs = typeScriptMembers(source.component, name).filter((member) =>
        member.type.startsWith("pulumi.Output<"),
      );
      assert.deepEqual(
        Object.keys(schema.resources[token].properties).sort(),
        outputs.map((output) => output.name).sort(),
      );
      assert.deepEqual(
        [...(schema.resources[token].required ?? [])].sort(),
        outputs
          .filter((output) => !output.optional)
          .map((output) => output.name)
          .sort(),
      );
    });
  }

  it("offers the access levels as an enum, each member described", () => {
    const access = schema.types["iam-bucket-access:index:AccessLevel"];
    assert.deepEqual(
      access.enum?.map((member) => [member.name, member.value, (member.description ?? "") !== ""]),
      Object.entries(AccessLevel).map(([name, value]) => [name, value, true]),
    );
    assert.equal(
      schema.resources[USER].inputProperties.access.$ref,
      "#/types/iam-bucket-access:index:AccessLevel",
    );
  });

  for (const [name, source] of [
    ["ConsoleSettings", USER_ARGS_SOURCE],
    ["AccessKeySettings", USER_ARGS_SOURCE],
    ["RoleTrustSettings", ROLE_TRUST_SOURCE],
    ["GithubTrustSettings", ROLE_TRUST_SOURCE],
    ["RolesAnywhereTrustSettings", ROLE_TRUST_SOURCE],
  ]) {
    it(`takes ${name} as the described object type the TypeScript declares`, () => {
      const type = schema.types[`iam-bucket-access:index:${name}`];
      const members = typeScriptMembers(source, name);
      assert.deepEqual(
        Object.keys(type.properties ?? {}),
        members.map((member) => member.name),
      );
      assert.deepEqual(
        type.required,
        members.filter((member) => !member.optional).map((member) => member.name),
      );
      assert.ok(describedBy(type.properties ?? {}).every(([, described]) => described));
    });
  }
});

describe("constructing a component through the package", () => {
  const args: components.BucketAccessUserArgs = {
    bucket: "acme-reports",
    userName: "reports-reader",
    access: "read",
    prefixes: ["reports/"],
    accessKey: { generation: 2, keepPrevious: true },
  };

  /** What the engine received for every resource one construction registered. */
  const registrationsOf = async (build: (opts: pulumi.ComponentResourceOptions) => unknown) =>
    (await componentRun(build)).registrations;

  it("registers the same children with the same inputs as the TypeScript component", async () => {
    const typescript = await registrationsOf(
      (opts) => new components.BucketAccessUser("same", args, opts),
    );
    const constructed = await registrationsOf((opts) =>
      provider.construct("same", USER, args, opts),
    );
    assert.ok(typescript.length >= 6);
    assert.deepEqual(constructed, typescript);
  });

  it("hands back secret outputs as secrets, and others as they are", async () => {
    const { state } = await provider.construct("secrets", USER, args, {});
    const outputs = state as Record<string, pulumi.Output<string>>;
    for (const name of ["secretAccessKey", "previousSecretAccessKey", "consolePassword"]) {
      assert.equal(await pulumi.isSecret(outputs[name]), true, name);
    }
    assert.equal(await pulumi.isSecret(outputs.accessKeyId), false);
    assert.match(await promiseOf(outputs.previousAccessKeyId), /^AKIA/);
  });

  const roleArgs: components.BucketAccessRoleArgs = {
    bucket: "acme-reports",
    roleName: "reports-reader",
    access: "read",
    trust: { github: { repository: "acme/reports" }, services: ["lambda.amazonaws.com"] },
  };

  it("registers a role's children with the same inputs as the TypeScript component", async () => {
    const typescript = await registrationsOf(
      (opts) => new components.BucketAccessRole("same", roleArgs, opts),
    );
    const constructed = await registrationsOf((opts) =>
      provider.construct("same", ROLE, roleArgs, opts),
    );
    assert.ok(typescript.some((r) => r.type === "aws:iam/role:Role"));
    assert.deepEqual(constructed, typescript);
  });

  it("refuses a role a console from another language, before registering anything", async () => {
    const built = await registrationsOf(() =>
      assert.rejects(
        provider.construct("console", ROLE, { ...roleArgs, console: { enabled: true } }, {}),
        /args\.console: got \{"enabled":true\}; expected nothing: a role has no console password/,
      ),
    );
    assert.deepEqual(built, []);
  });

  it("refuses a type token of another module, as the engine's would", async () => {
    await assert.rejects(
      provider.construct("old", "iam-bucket-access:iam:BucketAccessUser", args, {}),
      /Invalid module 'iam'/,
    );
  });
});

describe("the provider", () => {
  it("has the package's version", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    assert.equal(provider.version, manifest.version);
  });
});

describe("the examples", () => {
  it("examples/yaml gives BucketAccessUser only what the schema takes", () => {
    const program = parse(readFileSync(join(ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8")) as {
      resources: Record<string, { type: string; properties: Record<string, unknown> }>;
      outputs: Record<string, string>;
    };
    const resources = Object.entries(program.resources);
    assert.ok(resources.length > 0);
    for (const [name, resource] of resources) {
      const component = schema.resources[fullToken(resource.type)];
      assert.ok(component, `${name}: ${resource.type} is no component of the package`);
      assert.deepEqual(
        valueProblems(
          schema,
          component.inputProperties,
          component.requiredInputs,
          resource.properties,
          name,
        ),
        [],
      );
    }
    for (const output of Object.values(program.outputs)) {
      const [resource, property] = /^\$\{(\w+)\.(\w+)\}$/.exec(output)?.slice(1) ?? [];
      const component = schema.resources[fullToken(program.resources[resource]?.type ?? "")];
      assert.ok(component?.properties[property], `${output} names no output of the schema`);
    }
  });

  it("examples/python calls the generated SDK only as the schema allows", async () => {
    const source = readFileSync(join(ROOT, "examples", "python", "__main__.py"), "utf8");
    const enumValue = (enumName: string, member: string) =>
      schema.types[`iam-bucket-access:index:${enumName}`]?.enum?.find((m) => m.name === member)
        ?.value;
    const calls = await sdkCalls(source, "iam_bucket_access", enumValue);
    assert.ok(calls.some((call) => call.name === "BucketAccessUser"));
    for (const call of calls) {
      const component = schema.resources[`iam-bucket-access:index:${call.name}`];
      const type = schema.types[`iam-bucket-access:index:${call.name.replace(/Args$/, "")}`];
      const [properties, required] =
        component !== undefined
          ? [component.inputProperties, component.requiredInputs]
          : [type?.properties, type?.required ?? []];
      assert.ok(properties, `${call.name} is neither a component nor a type of the schema`);
      assert.deepEqual(valueProblems(schema, properties, required, call.values, call.name), []);
    }
    for (const attribute of source.matchAll(/\buploads\.(\w+)/g)) {
      const output = attribute[1].replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      assert.ok(schema.resources[USER].properties[output], `uploads.${attribute[1]}`);
    }
    assert.equal(enumMemberName("READ_WRITE"), "ReadWrite");
  });
});
