/**
 * The plugin entry: serves the project's components to programs in any Pulumi language, which
 * add them with `pulumi package add`. The CLI's Node.js plugin host starts a plugin by
 * requiring its directory, which loads package.json's `main`: this file, the one
 * PulumiPlugin.yaml names too. It exports nothing, so the SDK does not take it for a module of
 * components and derive their schema from the TypeScript at start; the schema it serves,
 * provider/schema.json, is generated from the components' types and doc comments.
 */
import { main } from "@pulumi/pulumi/provider";
import { ComponentPackageProvider } from "./componentPackage";

void main(new ComponentPackageProvider(), process.argv.slice(2));
