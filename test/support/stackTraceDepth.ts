/**
 * Loaded by mocha before the specs (.mocharc.json): stack traces get Node.js's default depth of
 * ten frames back. Mocha's command line makes them endless, and the Pulumi SDK records one for
 * every output and registration it makes (for its report of leaked promises), so endless traces
 * cost the specs a tenth of their time; a failing spec still shows its own frames.
 */
Error.stackTraceLimit = 10;
