import { PROJECT } from "../tools/runner/mocks";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import { withDefaults } from "../config/userArgs";
import { withRoleDefaults } from "../config/roleArgs";
import { parseStackConfig } from "../config/stackConfig";
import { secretsKeyAlias } from "../iam/stackNaming";
import { IDENTITIES_KEY, STACK_KEYS } from "../config/stackKeys";
import { bootstrapDisagreements } from "../tools/runner/bootstrapAgreement";
import { currentText, GENERATED_PARTS, regenerated } from "../tools/generatedFiles";
import {
  programFile,
  projectConfigDefaults,
  stackConfig,
  stackFileConfig,
} from "../tools/runner/program";
import { BOOTSTRAP, ROOT } from "../tools/paths";
import { roleOf, userOf } from "./support/identities";

const STACKS = ["dev", "prod"];

function readYaml(file: string): Record<string, unknown> {
  return parse(readFileSync(join(ROOT, file), "utf8")) as Record<string, unknown>;
}

/**
 * What the nodejs runtime starts for a project without `main`: the `main` of the package.json it
 * finds from the project up, here the repository's, the component package's entry.
 */
function packageMain(dir: string): string {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) {
    return packageMain(dirname(dir));
  }
  return join(dir, (JSON.parse(readFileSync(manifest, "utf8")) as { main: string }).main);
}

for (const dir of [ROOT, BOOTSTRAP]) {
  describe(relative(ROOT, join(dir, "Pulumi.yaml")), () => {
    const project = parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as {
      runtime: { name: string };
      main?: string;
    };

    it("has the nodejs runtime start the program the whole-program specs run", () => {
      assert.equal(project.runtime.name, "nodejs");
      const started = project.main === undefined ? packageMain(dir) : join(dir, project.main);
      assert.equal(require.resolve(started), programFile(dir));
    });
  });
}

describe("Pulumi.yaml", () => {
  it("declares defaults that change nothing: a stack that sets no key is read alike with them", () => {
    const where = { project: PROJECT, stack: "dev" };
    const fromSchema = parseStackConfig(
      Object.fromEntries(
        Object.entries(projectConfigDefaults()).map(([key, value]) => [
          `${PROJECT}:${key}`,
          typeof value === "string" ? value : JSON.stringify(value),
        ]),
      ),
      where,
    );
    assert.deepEqual(
      withDefaults(userOf(fromSchema.identities[0]), where),
      withDefaults(userOf(parseStackConfig({}, where).identities[0]), where),
    );
  });

  it("declares defaults that a role identity takes as unset: none of a user's is refused", () => {
    const where = { project: PROJECT, stack: "dev" };
    const trust = JSON.stringify({ services: ["ecs-tasks.amazonaws.com"] });
    const withSchema = Object.fromEntries(
      Object.entries({ ...projectConfigDefaults(), trust }).map(([key, value]) => [
        `${PROJECT}:${key}`,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    );
    assert.deepEqual(
      withRoleDefaults(roleOf(parseStackConfig(withSchema, where).identities[0]), where),
      withRoleDefaults(
        roleOf(parseStackConfig({ [`${PROJECT}:trust`]: trust }, where).identities[0]),
        where,
      ),
    );
  });
});

describe("the files generated from the config tables and the components", () => {
  for (const part of GENERATED_PARTS) {
    const file = part.file.slice(ROOT.length + 1);
    it(`are current in ${file} (npm run generate writes them)`, async () => {
      const current = currentText(part.file);
      assert.equal(await regenerated(part, current), current);
    });
  }

  it("declare every key the schema can type in Pulumi.yaml, and say why the others are not", () => {
    const declared = (readYaml("Pulumi.yaml").config ?? {}) as Record<string, unknown>;
    const text = readFileSync(join(ROOT, "Pulumi.yaml"), "utf8");
    for (const key of [...Object.keys(STACK_KEYS), IDENTITIES_KEY.name]) {
      assert.ok(
        key in declared || text.includes(`# ${key} is not declared: `),
        `${key} is neither declared nor explained`,
      );
    }
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
        `awskms://${secretsKeyAlias(PROJECT, stack)}?region=${keyRegion}`,
      );
    });

    it("sets only aws:region and keys of this project", () => {
      for (const key of Object.keys(config)) {
        const [namespace, name] = key.split(":");
        const known = name in STACK_KEYS || name === IDENTITIES_KEY.name;
        assert.ok(key === "aws:region" || (namespace === PROJECT && known), key);
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
      assert.doesNotThrow(() => parseStackConfig(stackConfig(stack), { project: PROJECT, stack }));
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
  it("names both files where a stack's role needs what its bootstrap environment does not allow", () => {
    const disagreements = bootstrapDisagreements("dev", {
      trust: { services: ["lambda.amazonaws.com"] },
    });
    assert.equal(disagreements.length, 1);
    assert.match(
      disagreements[0],
      /^Pulumi\.dev\.yaml and bootstrap\/Pulumi\.admin\.yaml disagree: /,
    );
    assert.match(disagreements[0], /\btrust: got \{"services":\["lambda\.amazonaws\.com"\]\}/);
    assert.match(disagreements[0], /environments\.dev\.roles is not true/);
  });

  it("checks against the bootstrap's config as overridden, as npm run plan's --bootstrap-config does", () => {
    assert.deepEqual(
      bootstrapDisagreements(
        "dev",
        { trust: { services: ["lambda.amazonaws.com"] } },
        { admin: { environments: { dev: { branch: "main", createsBucket: true, roles: true } } } },
      ),
      [],
    );
  });

  it("names the stack file, the bootstrap stack file, the key and value that disagree, and the buckets allowed", () => {
    const disagreements = bootstrapDisagreements("prod", { bucketName: "acme-payroll" });
    assert.equal(disagreements.length, 1);
    assert.match(disagreements[0], /\bPulumi\.prod\.yaml\b/);
    assert.match(disagreements[0], /\bbootstrap\/Pulumi\.admin\.yaml\b/);
    assert.match(disagreements[0], /\bbucketName: got "acme-payroll"/);
    assert.match(disagreements[0], /environments\.prod\.buckets .*"acme-app-data-prod"/);
  });
});

describe("README.md", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");

  it("starts with the install-and-deploy command and the test command", () => {
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].slice(0, 2).map((m) => m[1]);
    assert.deepEqual(blocks, ["npm ci && pulumi up --stack dev\n", "npm test\n"]);
    assert.ok(readme.indexOf("npm test") < 800, "npm test is not near the top");
  });

  it("links every page of docs/", () => {
    const tracked = execFileSync("git", ["ls-files", "docs"], { cwd: ROOT, encoding: "utf8" });
    for (const page of tracked.split("\n").filter((f) => f.endsWith(".md"))) {
      assert.ok(readme.includes(`](${page})`), `${page} is not linked`);
    }
  });

  it("stays an overview: at most 200 lines", () => {
    assert.ok(readme.split("\n").length <= 200, `${readme.split("\n").length} lines`);
  });
});

describe("the pages' links", () => {
  const pages = ["README.md", ...readdirSync(join(ROOT, "docs")).map((page) => `docs/${page}`)];
  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
  const anchorOf = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, "")
      .replace(/ /g, "-");
  const anchorsOf = (file: string) =>
    [...readFileSync(join(ROOT, file), "utf8").matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1]));

  for (const page of pages) {
    it(`lead from ${page} to files and headings that exist`, () => {
      const text = readFileSync(join(ROOT, page), "utf8").replace(/```[\s\S]*?```/g, "");
      const broken = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1])
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => {
          const [path, anchor] = target.split("#");
          const file = path === "" ? page : join(dirname(page), path);
          if (!existsSync(join(ROOT, file))) {
            return true;
          }
          return anchor !== undefined && !anchorsOf(file).includes(anchor);
        });
      assert.deepEqual(broken, []);
    });
  }
});

describe("docs/development.md", () => {
  it("lists every top-level folder in its layout", () => {
    const page = readFileSync(join(ROOT, "docs", "development.md"), "utf8");
    const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" });
    const folders = new Set(
      tracked
        .split("\n")
        .filter((f) => f.includes("/") && !f.startsWith("."))
        .map((f) => f.split("/")[0]),
    );
    const layout = /\nLayout[\s\S]*?```\n([\s\S]*?)```/.exec(page)?.[1] ?? "";
    for (const folder of folders) {
      assert.match(layout, new RegExp(`^${folder}/ `, "m"), `${folder}/ is not in the layout`);
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

  it("keeps the type check whole: no noCheck, strict on", () => {
    assert.equal(tsconfig.compilerOptions.noCheck, undefined);
    assert.equal(tsconfig.compilerOptions.strict, true);
  });
});
