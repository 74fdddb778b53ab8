/**
 * The plugin entry `PulumiPlugin.yaml` names: serves the project's components to programs in
 * any Pulumi language, which add them with `pulumi package add`; their schema comes from the
 * components' TypeScript types and doc comments.
 */
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { COMPONENT_PACKAGE } from "./componentPackage";

void componentProviderHost(COMPONENT_PACKAGE);
