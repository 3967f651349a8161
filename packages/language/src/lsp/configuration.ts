import * as path from 'node:path';
import type { ConfigurationInitializedParams, LangiumSharedCoreServices } from 'langium';
import { DefaultConfigurationProvider, Emitter, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { DidChangeConfigurationParams, Event, InitializeParams } from 'vscode-languageserver';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { z } from 'zod';
import type { CaserecServices } from '../caserec-module.js';
import { parseIsoDate } from '../time/index.js';

/** The settings section the editor keeps for us (`caserec.asOf`, `caserec.policyPath`, …). */
export const SETTINGS_SECTION = 'caserec';

/**
 * The editor's settings, each with its default and the reason it exists. They are checked one by one, so that
 * one bad value falls back to its default without taking the good ones with it.
 */
const settingSchemas = {
  asOf: z
    .string()
    .trim()
    .refine((text) => text === '' || parseIsoDate(text) !== undefined, {
      message: 'is not a date; write YYYY-MM-DD, or leave it blank for today',
    })
    .default('')
    .describe('The date deadlines and overdue checks are measured to; blank means today (an audit of a past date sets it).'),
  policyPath: z
    .string()
    .trim()
    .default('')
    .describe('A policy file (.caserec.json) to use for every record; blank means the nearest .caserec.json above each file.'),
  rulesOnType: z.boolean().default(true).describe('Run the case-level rules (timescales, voice, patterns) while typing.'),
  rulesOnSave: z
    .boolean()
    .default(true)
    .describe('Run the case-level rules when a record is saved (for slow machines: switch rulesOnType off).'),
} as const;

export type EditorSettings = { -readonly [K in keyof typeof settingSchemas]: z.output<(typeof settingSchemas)[K]> };

export const DEFAULT_EDITOR_SETTINGS: Readonly<EditorSettings> = Object.freeze({
  asOf: '',
  policyPath: '',
  rulesOnType: true,
  rulesOnSave: true,
});

export interface ParsedEditorSettings {
  readonly settings: EditorSettings;
  /** One line per bad setting, naming it, what is wrong and what is used instead. */
  readonly problems: string[];
}

export function parseEditorSettings(raw: unknown): ParsedEditorSettings {
  const settings: EditorSettings = { ...DEFAULT_EDITOR_SETTINGS };
  const problems: string[] = [];
  const given = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  for (const key of Object.keys(settingSchemas) as (keyof EditorSettings)[]) {
    const value = given[key] === null ? undefined : given[key];
    const parsed = settingSchemas[key].safeParse(value);
    if (parsed.success) {
      (settings as Record<string, unknown>)[key] = parsed.data;
    } else {
      const reason = parsed.error.issues[0]?.message ?? 'is not valid';
      const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
      const fallback = JSON.stringify(DEFAULT_EDITOR_SETTINGS[key]);
      problems.push(`${SETTINGS_SECTION}.${key} = ${shown}: ${reason.replace(/^Invalid input: /, '')}; using ${fallback} instead.`);
    }
  }
  return { settings, problems };
}

/**
 * The validation categories a keystroke's build runs: the per-entry checks. The case pass follows as a second
 * step when the settings run it while typing (CaserecDocumentUpdateHandler), so per-entry findings are not
 * held back by it.
 */
export const CATEGORIES_ON_TYPE = ['built-in', 'fast'];

/** All categories: the per-entry checks and the case pass. */
export const ALL_CATEGORIES = ['built-in', 'fast', 'slow'];

/**
 * Reads our settings through Langium's configuration provider (workspace/configuration at start,
 * didChangeConfiguration later), checks them with zod, and applies them to the engine's CaserecSettings. A
 * client that sends didChangeConfiguration without the settings (the LSP "pull" style) gets them fetched.
 */
export class CaserecConfigurationProvider extends DefaultConfigurationProvider {
  private editor: EditorSettings = { ...DEFAULT_EDITOR_SETTINGS };
  private fetchConfiguration?: ConfigurationInitializedParams['fetchConfiguration'];
  private workspaceRoot?: string;
  private lastWarning = '';
  private readonly changeEmitter = new Emitter<EditorSettings>();

  constructor(private readonly shared: LangiumSharedCoreServices) {
    super(shared);
  }

  get editorSettings(): Readonly<EditorSettings> {
    return this.editor;
  }

  /** Fires after settings that change findings (as-of date, policy, categories) took effect. */
  get onEditorSettingsChange(): Event<EditorSettings> {
    return this.changeEmitter.event;
  }

  override initialize(params: InitializeParams): void {
    super.initialize(params);
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (root) this.workspaceRoot = URI.parse(root).fsPath;
  }

  override async initialized(params: ConfigurationInitializedParams): Promise<void> {
    this.fetchConfiguration = params.fetchConfiguration;
    // A client without workspace/configuration (Neovim 0.7) never sends settings: the defaults must still apply,
    // or Langium's own on-type default (per-node checks only) would hide the case rules while editing.
    this.apply(this.editor);
    // A client that never answers workspace/configuration must not hold back the first diagnostics for ever.
    const patience = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
    await Promise.race([super.initialized(params), patience]);
    this._ready.resolve();
  }

  override updateConfiguration(change: DidChangeConfigurationParams): void {
    const settings = change.settings as Record<string, unknown> | null | undefined;
    if (settings && typeof settings === 'object' && SETTINGS_SECTION in settings) {
      super.updateConfiguration(change);
    } else if (this.fetchConfiguration) {
      this.fetchConfiguration([{ section: SETTINGS_SECTION }])
        .then((values: unknown[]) => this.updateSectionConfiguration(SETTINGS_SECTION, values?.[0]))
        .catch((error: unknown) => console.error('caserec: could not read the settings:', error));
    }
  }

  protected override updateSectionConfiguration(section: string, configuration: unknown): void {
    super.updateSectionConfiguration(section, configuration);
    if (section !== SETTINGS_SECTION) return;
    const { settings, problems } = parseEditorSettings(configuration);
    this.warnOnce(problems);
    const changed = JSON.stringify(settings) !== JSON.stringify(this.editor);
    this.editor = settings;
    this.apply(settings);
    if (changed) this.changeEmitter.fire(settings);
  }

  /** The policy file the settings name, as an absolute path (relative paths are from the workspace folder). */
  policyFile(): string | undefined {
    return this.editor.policyPath === '' ? undefined : path.resolve(this.workspaceRoot ?? process.cwd(), this.editor.policyPath);
  }

  private apply(settings: EditorSettings): void {
    for (const language of this.shared.ServiceRegistry.all) {
      const engine = (language as CaserecServices).caserec?.Settings;
      if (!engine) continue;
      engine.asOf = settings.asOf === '' ? undefined : settings.asOf;
      engine.setPolicyFile(this.policyFile());
    }
    this.shared.workspace.DocumentBuilder.updateBuildOptions = { validation: { categories: CATEGORIES_ON_TYPE } };
  }

  /** One message for a set of bad settings, not one per configuration event. */
  private warnOnce(problems: string[]): void {
    const message = problems.join(' ');
    if (message === this.lastWarning) return;
    this.lastWarning = message;
    if (message === '') return;
    const connection = (this.shared as LangiumSharedServices).lsp?.Connection;
    const text = `caserec settings: ${message}`;
    // A notification (window/showMessage), not a request: nothing to answer, nothing to wait for.
    if (connection) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text });
    else console.warn(text);
  }
}
