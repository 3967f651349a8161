/**
 * The Node that runs the CLI in end-to-end tests: the one running the tests, or another given by
 * CASEREC_NODE (CI runs the CLI suites again with Node 24 this way, as the README promises both).
 */
export const NODE = process.env.CASEREC_NODE || process.execPath;
