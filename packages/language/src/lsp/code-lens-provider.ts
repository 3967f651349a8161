import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import type { CaserecServices } from '../caserec-module.js';
import { clockContextFor } from './case-documents.js';
import { clocksOf, describeClock } from './clocks.js';
import { guarded } from './safety.js';

/**
 * A lens above each entry that starts a clock, read on the as-of date: "Assessment: day 38 of 45 working
 * days, due Wed 3 Nov", "Decision due by Thu 2 Sep — 1 working day left", or, once stopped, "completed on …,
 * within 45 working days". The lenses are text only (no command): they inform, they do not act.
 */
export class CaserecCodeLensProvider implements CodeLensProvider {
  constructor(private readonly services: CaserecServices) {}

  provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
    return guarded('code lenses', [], () => {
      const context = clockContextFor(this.services, document);
      if (!context) return [];
      const lenses: CodeLens[] = [];
      for (const entry of (document.parseResult.value as Document).entries) {
        const start = entry.$cstNode?.range.start;
        if (!start) continue;
        for (const clock of clocksOf(entry, context)) {
          lenses.push({ range: { start, end: start }, command: { title: describeClock(clock, context), command: '' } });
        }
      }
      return lenses;
    });
  }
}
