/**
 * The component package's schema as a program in another language sees it, and a check of what
 * a program gives a component against it: what the package specs use.
 */
import { isRecord } from "../config/json";

/** A property of a resource or object type, as the schema states it. */
export interface SchemaProperty {
  readonly type?: string;
  readonly $ref?: string;
  readonly items?: SchemaProperty;
  readonly additionalProperties?: SchemaProperty;
  readonly description?: string;
  readonly optional?: boolean;
  readonly plain?: boolean;
}

/** A type of the schema: an object type with properties, or an enum. */
export interface SchemaType {
  readonly type: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaProperty>>;
  readonly required?: readonly string[];
  readonly enum?: readonly {
    readonly name: string;
    readonly value: string;
    readonly description?: string;
  }[];
}

/** A component of the schema. */
export interface SchemaResource {
  readonly isComponent: boolean;
  readonly description?: string;
  readonly inputProperties: Readonly<Record<string, SchemaProperty>>;
  readonly requiredInputs: readonly string[];
  readonly properties: Readonly<Record<string, SchemaProperty>>;
  /** The outputs always set. */
  readonly required?: readonly string[];
}

/** The package schema. */
export interface PackageSchema {
  readonly name: string;
  readonly version: string;
  readonly resources: Readonly<Record<string, SchemaResource>>;
  readonly types: Readonly<Record<string, SchemaType>>;
}

/** A type token a program may write, in its full form: `pkg:Name` is `pkg:index:Name`. */
export function fullToken(token: string): string {
  const parts = token.split(":");
  return parts.length === 2 ? `${parts[0]}:index:${parts[1]}` : token;
}

/** The schema type a property refers to, if any. */
function referencedType(schema: PackageSchema, property: SchemaProperty): SchemaType | undefined {
  return property.$ref === undefined
    ? undefined
    : schema.types[property.$ref.replace(/^#\/types\//, "")];
}

/**
 * Every way the values a program gives a resource or object type depart from the schema: an
 * unknown property, a required one missing, a value of the wrong kind, a value no enum has.
 */
export function valueProblems(
  schema: PackageSchema,
  properties: Readonly<Record<string, SchemaProperty>>,
  required: readonly string[],
  values: Readonly<Record<string, unknown>>,
  path: string,
): string[] {
  return [
    ...required
      .filter((name) => !(name in values))
      .map((name) => `${path}.${name}: required by the schema`),
    ...Object.entries(values).flatMap(([name, value]) => {
      const property = properties[name];
      return property === undefined
        ? [`${path}.${name}: no such property in the schema`]
        : propertyProblems(schema, property, value, `${path}.${name}`);
    }),
  ];
}

/** Every way one value departs from its property's schema. */
function propertyProblems(
  schema: PackageSchema,
  property: SchemaProperty,
  value: unknown,
  path: string,
): string[] {
  if (typeof value === "string" && value.startsWith("${")) {
    return [];
  }
  const type = referencedType(schema, property);
  if (type?.enum !== undefined) {
    return type.enum.some((member) => member.value === value)
      ? []
      : [`${path}: ${JSON.stringify(value)} is no value of the enum`];
  }
  if (type?.properties !== undefined) {
    return isRecord(value)
      ? valueProblems(schema, type.properties, type.required ?? [], value, path)
      : [`${path}: expected an object`];
  }
  const kinds: Readonly<Record<string, (v: unknown) => boolean>> = {
    string: (v) => typeof v === "string",
    boolean: (v) => typeof v === "boolean",
    number: (v) => typeof v === "number",
    array: (v) => Array.isArray(v),
    object: (v) => isRecord(v),
  };
  const check = property.type === undefined ? undefined : kinds[property.type];
  return check === undefined || check(value) ? [] : [`${path}: expected ${property.type}`];
}
