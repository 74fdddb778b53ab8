/**
 * The Pulumi ESC functions the project's environments call, in the shape Pulumi documents them,
 * and a check of a call against its shape: what the ESC specs read the files in esc/ with.
 */
import { isRecord } from "../config/json";

/** What a value must be: text, anything, or an object of known keys (or a map of one shape). */
export type Shape =
  | "text"
  | "any"
  | {
      readonly required?: Readonly<Record<string, Shape>>;
      readonly optional?: Readonly<Record<string, Shape>>;
      /** Every entry of a map of free names has this shape. */
      readonly entries?: Shape;
    };

/** One ESC function: its input's shape, the outputs it gives, and the page that documents it. */
export interface EscFunction {
  readonly input: Shape;
  /** Dotted output paths; a function giving another program's outputs has none of its own. */
  readonly outputs: readonly string[];
  /** Outputs that are secrets. */
  readonly secretOutputs: readonly string[];
  readonly source: string;
}

/** Every ESC function the environments in esc/ may call. */
export const ESC_FUNCTIONS: Readonly<Record<string, EscFunction>> = {
  "fn::open::aws-login": {
    input: {
      required: {
        oidc: {
          required: { roleArn: "text", sessionName: "text" },
          optional: { duration: "text", policyArns: "any", subjectAttributes: "any" },
        },
      },
    },
    outputs: ["accessKeyId", "secretAccessKey", "sessionToken"],
    secretOutputs: ["secretAccessKey", "sessionToken"],
    source: "https://www.pulumi.com/docs/esc/providers/login/aws-login/",
  },
  "fn::rotate::aws-iam": {
    input: {
      required: {
        inputs: {
          required: { login: "text", userArn: "text" },
          optional: { region: "text" },
        },
      },
      optional: { state: "any" },
    },
    outputs: [
      "current.accessKeyId",
      "current.secretAccessKey",
      "current.createdAt",
      "previous.accessKeyId",
      "previous.secretAccessKey",
      "previous.createdAt",
    ],
    secretOutputs: ["current.secretAccessKey", "previous.secretAccessKey"],
    source: "https://www.pulumi.com/docs/esc/providers/rotators/aws-iam/",
  },
  "fn::open::pulumi-stacks": {
    input: { required: { stacks: { entries: { required: { stack: "text" } } } } },
    outputs: [],
    secretOutputs: [],
    source: "https://www.pulumi.com/docs/esc/providers/iac/pulumi-stacks/",
  },
};

/** Every way a value departs from a shape, each a line naming its path. */
export function shapeProblems(value: unknown, shape: Shape, path: string): string[] {
  if (shape === "any") {
    return [];
  }
  if (shape === "text") {
    return typeof value === "string" ? [] : [`${path}: expected text`];
  }
  if (!isRecord(value)) {
    return [`${path}: expected a map`];
  }
  const { required = {}, optional = {}, entries } = shape;
  if (entries !== undefined) {
    return Object.entries(value).flatMap(([name, entry]) =>
      shapeProblems(entry, entries, `${path}.${name}`),
    );
  }
  return [
    ...Object.keys(required)
      .filter((key) => !(key in value))
      .map((key) => `${path}.${key}: required`),
    ...Object.entries(value).flatMap(([key, entry]) => {
      const expected = required[key] ?? optional[key];
      return expected === undefined
        ? [`${path}.${key}: not an input of this function`]
        : shapeProblems(entry, expected, `${path}.${key}`);
    }),
  ];
}
