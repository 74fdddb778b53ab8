import { PROJECT } from "../offline/mocks";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { withDefaults } from "../components/bucketAccessUserArgs";
import { CONFIG_KEYS, parseStackConfig } from "../config/stackConfig";
import { bootstrapDisagreements } from "../offline/bootstrapAgreement";
import { BOOTSTRAP, projectConfigDefaults, stackConfig, stackFileConfig } from "../offline/program";

const ROOT = join(__dirname, "..");
const STACKS = ["dev", "prod"];

interface DeclaredKey {
  readonly type?: string;
  readonly items?: { readonly type?: string };
  readonly description?: string;
  readonly default?: unknown;
}

function readYaml(file: string): Record<string, unknown> {
  return parse(readFileSync(join(ROOT, file), "utf8")) as Record<string, unknown>;
}

/** The project schema type that carries each of our config types. */
const SCHEMA_TYPE = {
  string: "string",
  boolean: "boolean",
  integer: "integer",
  "string-list": "array",
} as const;

describe("Pulumi.yaml", () => {
  const project = readYaml("Pulumi.yaml");
  const declared = project.config as Record<string, DeclaredKey>;

  it("names the project iam-bucket-access on the nodejs runtime", () => {
    assert.equal(project.name, "iam-bucket-access");
    assert.equal(PROJECT, "iam-bucket-access");
    assert.equal((project.runtime as { name: string }).name, "nodejs");
  });

  it("declares every config key but tags with its type, a description and a default", () => {
    for (const [key, type] of Object.entries(CONFIG_KEYS)) {
      if (type === "string-map" || type === "identity-map") {
        // The project schema has no map type; tags and identities stay undeclared.
        assert.equal(declared[key], undefined);
        continue;
      }
      const spec = declared[key];
      assert.ok(spec, `${key} is not declared`);
      assert.equal(spec.type, SCHEMA_TYPE[type], `${key} type`);
      assert.ok((spec.description ?? "").length > 20, `${key} has no description`);
      assert.notEqual(spec.default, undefined, `${key} has no default`);
      if (type === "string-list") {
        assert.equal(spec.items?.type, "string");
      }
    }
    assert.deepEqual(
      Object.keys(declared).sort(),
      Object.keys(CONFIG_KEYS)
        .filter((key) => key !== "tags" && key !== "identities")
        .sort(),
    );
  });

  it("declares the same defaults the component applies", () => {
    const where = { project: PROJECT, stack: "dev" };
    const fromSchema = parseStackConfig(
      Object.fromEntries(
        Object.entries(projectConfigDefaults()).map(([key, value]) => [
          key,
          typeof value === "string" ? value : JSON.stringify(value),
        ]),
      ),
      where,
    );
    assert.deepEqual(
      withDefaults(fromSchema.identities[0].user, where),
      withDefaults(parseStackConfig({}, where).identities[0].user, where),
    );
  });
});

for (const stack of STACKS) {
  describe(`Pulumi.${stack}.yaml`, () => {
    const file = readYaml(`Pulumi.${stack}.yaml`);
    const config = stackFileConfig(stack);

    it("encrypts secrets with the stack's own AWS KMS key, in the region the bootstrap makes it", () => {
      const keyRegion = String(stackFileConfig("admin", BOOTSTRAP)["aws:region"]);
      assert.equal(
        file.secretsprovider,
        `awskms://alias/iam-bucket-access-${stack}?region=${keyRegion}`,
      );
    });

    it("sets only aws:region and keys of this project", () => {
      for (const key of Object.keys(config)) {
        const [namespace, name] = key.split(":");
        assert.ok(key === "aws:region" || (namespace === PROJECT && name in CONFIG_KEYS), key);
      }
    });

    it("holds no plaintext credential", () => {
      const text = readFileSync(join(ROOT, `Pulumi.${stack}.yaml`), "utf8");
      assert.doesNotMatch(text, /\b(AKIA|ASIA)[A-Z0-9]{16}\b/);
      assert.doesNotMatch(text, /\b[A-Za-z0-9/+]{40}\b/);
      assert.doesNotMatch(text, /password|secretAccessKey/i);
    });

    it("agrees with its environment in the bootstrap config: boundary, path and buckets", () => {
      assert.deepEqual(bootstrapDisagreements(stack), []);
    });

    it("is a valid config for the program", () => {
      const namespace = `${PROJECT}:`;
      const raw = Object.fromEntries(
        Object.entries(stackConfig(stack))
          .filter(([key]) => key.startsWith(namespace))
          .map(([key, value]) => [key.slice(namespace.length), value]),
      );
      assert.doesNotThrow(() => parseStackConfig(raw, { project: PROJECT, stack }));
    });
  });
}

describe("the stacks, compared", () => {
  it("lets dev create its own bucket and has prod name an existing one, protected", () => {
    assert.equal(stackFileConfig("dev")[`${PROJECT}:bucketName`], undefined);
    assert.equal(typeof stackFileConfig("prod")[`${PROJECT}:bucketName`], "string");
    assert.equal(stackFileConfig("prod")[`${PROJECT}:protect`], true);
  });
});

describe("bootstrapDisagreements", () => {
  it("names the bootstrap stack file a stack's setting disagrees with", () => {
    assert.deepEqual(bootstrapDisagreements("prod", { bucketName: "acme-payroll" }), [
      'bootstrap/Pulumi.admin.yaml: config key bucketName: got "acme-payroll"; expected a bucket ' +
        'that bootstrap config key environments.prod.buckets lists (["acme-app-data-prod"]): ' +
        "prod's boundary allows no other",
    ]);
  });
});

describe("README.md", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");

  it("starts with the install-and-deploy command and the test command", () => {
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].slice(0, 2).map((m) => m[1]);
    assert.deepEqual(blocks, ["npm ci && pulumi up --stack dev\n", "npm test\n"]);
    assert.ok(readme.indexOf("npm test") < 800, "npm test is not near the top");
  });

  it("documents every config key in its configuration table", () => {
    for (const key of Object.keys(CONFIG_KEYS)) {
      assert.match(readme, new RegExp(`^\\| \`${key}\` \\|`, "m"), key);
    }
  });
});

describe("tsconfig.json", () => {
  const tsconfig = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as {
    compilerOptions: Record<string, unknown>;
    "ts-node"?: { transpileOnly?: boolean };
  };

  it("has Pulumi's runtime skip the type check when it starts the program", () => {
    assert.equal(tsconfig["ts-node"]?.transpileOnly, true);
  });

  it("keeps tsc's type check whole: no noCheck, strict on", () => {
    assert.equal(tsconfig.compilerOptions.noCheck, undefined);
    assert.equal(tsconfig.compilerOptions.strict, true);
  });
});
