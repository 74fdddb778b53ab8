/**
 * The committed programs as they run once prod's keys are rotated by Pulumi ESC: config
 * overrides for `runProgram`, shared by the ESC and rotator specs.
 */

/** prod's stack config: the stack creates no key of its own. */
export const ESC_MODE_PROD = { accessKey: false };

/** The bootstrap's config: the committed environments, prod with its ESC rotator role. */
export const ESC_MODE_BOOTSTRAP = {
  environments: {
    dev: { branch: "main", createsBucket: true },
    prod: {
      branch: "release",
      production: true,
      buckets: ["acme-app-data-prod"],
      escRotation: true,
    },
  },
};
