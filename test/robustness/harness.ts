import { EmptyFileSystem, URI } from 'langium';
import { createCaserecServices, validateFiles } from '../../packages/language/src/index.js';
import type { CaserecServices, ReportedDiagnostic } from '../../packages/language/src/index.js';

/**
 * Runs damaged inputs through the engine as the CLI does (parse, link, validate), reusing one set of services
 * and removing each input's documents afterwards, and reports what a robust engine must never do: throw, turn
 * an exception into an "An error occurred…" diagnostic, log an error (a case rule that failed), place a
 * diagnostic outside its file, or take longer than the budget.
 */
export interface EngineOutcome {
  readonly ms: number;
  readonly problems: string[];
  readonly diagnostics: ReportedDiagnostic[];
}

export interface FuzzInput {
  readonly label: string;
  readonly files: { name: string; text: string }[];
}

export class EngineHarness {
  private services: CaserecServices = EngineHarness.fresh();
  private counter = 0;
  readonly logged: string[] = [];

  static fresh(): CaserecServices {
    const { Caserec } = createCaserecServices(EmptyFileSystem);
    Caserec.caserec.Settings.asOf = '2023-03-10';
    return Caserec;
  }

  /** Captures console.error while `run` is in progress; Langium and the case validator log caught errors there. */
  async run(input: FuzzInput, budgetMs: number): Promise<EngineOutcome> {
    const id = ++this.counter;
    const files = input.files.map((f) => ({ path: f.name, absolute: `/caserec-robustness/${id}/${f.name}`, text: f.text }));
    const problems: string[] = [];
    const diagnostics: ReportedDiagnostic[] = [];
    const original = console.error;
    this.logged.length = 0;
    console.error = (...args: unknown[]) => void this.logged.push(args.map(String).join(' ').slice(0, 500));
    const started = performance.now();
    try {
      const { results } = await validateFiles(this.services, files);
      results.forEach((result, i) => {
        const lines = input.files[i]!.text.split(/\r\n|\r|\n/).length;
        for (const d of result.diagnostics) {
          diagnostics.push(d);
          if (/An (unexpected )?error occurred/i.test(d.message)) problems.push(`caught internal error: ${d.message.slice(0, 200)}`);
          if (d.line < 1 || d.column < 1 || d.endLine < d.line || d.endLine > lines)
            problems.push(`${d.code} at ${d.line}:${d.column}-${d.endLine}:${d.endColumn} outside a file of ${lines} lines`);
        }
      });
    } catch (error) {
      problems.push(`throws: ${(error as Error)?.stack ?? String(error)}`);
      this.services = EngineHarness.fresh();
    } finally {
      console.error = original;
    }
    const ms = performance.now() - started;
    for (const line of this.logged) problems.push(`logged: ${line}`);
    if (ms > budgetMs) problems.push(`slow: ${Math.round(ms)} ms (budget ${budgetMs} ms)`);
    await this.services.shared.workspace.DocumentBuilder.update(
      [],
      files.map((f) => URI.file(f.absolute)),
    );
    return { ms, problems, diagnostics };
  }
}

/** 2 s for inputs under 100 KB, plus 3 s per MB above (CASEREC_ROBUSTNESS_BUDGET_MS overrides the 2 s). */
export function budgetFor(input: FuzzInput): number {
  const base = Number(process.env.CASEREC_ROBUSTNESS_BUDGET_MS ?? 2000);
  const bytes = input.files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
  return base + Math.max(0, bytes - 100_000) * (3000 / 1e6);
}
