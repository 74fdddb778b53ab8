/** Reading a project's raw stack config from the Pulumi runtime. */
import * as pulumi from "@pulumi/pulumi";

/**
 * The running project's config as the engine passed it: key without the project namespace →
 * text (lists and maps as JSON). Other namespaces (`aws:region`) are left out.
 */
export function projectConfig(): Record<string, string> {
  const namespace = `${pulumi.getProject()}:`;
  return Object.fromEntries(
    Object.entries(pulumi.runtime.allConfig())
      .filter(([key]) => key.startsWith(namespace))
      .map(([key, value]) => [key.slice(namespace.length), value]),
  );
}
