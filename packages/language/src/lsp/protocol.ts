/**
 * The requests that the caserec language server adds to LSP. Plain strings and shapes, with no imports, so
 * that the VS Code client can share them without bundling any of the server.
 */

/** `caserec/chronologyHtml`: the chronology of the case that a document belongs to, as an HTML fragment. */
export const CHRONOLOGY_HTML_REQUEST = 'caserec/chronologyHtml';

export interface ChronologyHtmlParams {
  /** A document of the case; every file of its case contributes entries. */
  readonly uri: string;
}

/**
 * The fragment carries `data-uri` and `data-line` (0-based) on each entry, so that a view can take the reader
 * back to the record it came from.
 */
export type ChronologyHtmlResult = string;

/** `caserec/validateWorkspace`: every record in the workspace checked with every rule, diagnostics published. */
export const VALIDATE_WORKSPACE_REQUEST = 'caserec/validateWorkspace';

export interface ValidateWorkspaceResult {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}
