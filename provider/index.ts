/**
 * The plugin entry `PulumiPlugin.yaml` names: serves the project's components to programs in
 * any Pulumi language, which add them with `pulumi package add`. The schema it serves,
 * provider/schema.json, is generated from the components' TypeScript types and doc comments.
 */
import { main } from "@pulumi/pulumi/provider";
import { ComponentPackageProvider } from "./componentPackage";

void main(new ComponentPackageProvider(), process.argv.slice(2));
