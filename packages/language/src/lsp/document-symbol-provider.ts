import type { LangiumDocument } from 'langium';
import { GrammarUtils } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { CaseDecl, Document, Entry, Party } from '../generated/ast.js';
import { isAdult, isChild, isWorker } from '../generated/ast.js';
import { ENTRY_KINDS } from '../model/entry-kinds.js';
import { caseIdOf } from '../references/case-scope.js';
import { guarded } from './safety.js';

/**
 * The outline: the case block with its people, then every entry named by its date and kind ("2021-09-01
 * visit") with who it is about, in the order of the file.
 */
export class CaserecDocumentSymbolProvider implements DocumentSymbolProvider {
  getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): DocumentSymbol[] {
    return guarded('outline', [], () => {
      const root = document.parseResult.value as Document;
      const symbols: DocumentSymbol[] = [];
      if (root.caseDecl?.$cstNode) symbols.push(caseSymbol(root.caseDecl));
      if (root.forCase?.$cstNode) {
        const range = root.forCase.$cstNode.range;
        symbols.push({ name: `for case "${caseIdOf(root) ?? ''}"`, kind: SymbolKind.Namespace, range, selectionRange: range });
      }
      for (const entry of root.entries) {
        const symbol = entrySymbol(entry);
        if (symbol) symbols.push(symbol);
      }
      return symbols;
    });
  }
}

function caseSymbol(decl: CaseDecl): DocumentSymbol {
  const range = decl.$cstNode!.range;
  const people = decl.members
    .filter((member): member is Party => member.$type !== 'Title' && member.$cstNode !== undefined)
    .map((person) => {
      const nameNode = GrammarUtils.findNodeForProperty(person.$cstNode, 'name') ?? person.$cstNode!;
      return {
        name: person.name,
        detail: `${person.fullName} — ${describe(person)}`,
        kind: isChild(person)
          ? SymbolKind.Variable
          : isWorker(person)
            ? SymbolKind.Class
            : isAdult(person)
              ? SymbolKind.Object
              : SymbolKind.Module,
        range: person.$cstNode!.range,
        selectionRange: nameNode.range,
      };
    });
  const title = decl.members.find((member) => member.$type === 'Title');
  return {
    name: `case "${decl.name}"`,
    detail: title && title.$type === 'Title' ? title.value : undefined,
    kind: SymbolKind.Namespace,
    range,
    selectionRange: (GrammarUtils.findNodeForProperty(decl.$cstNode, 'name') ?? decl.$cstNode!).range,
    children: people,
  };
}

function entrySymbol(entry: Entry): DocumentSymbol | undefined {
  const cst = entry.$cstNode;
  if (!cst) return undefined;
  const kind = ENTRY_KINDS[entry.$type];
  const id = 'name' in entry && typeof entry.name === 'string' ? ` ${entry.name}` : '';
  const about = entry.children.map((child) => child.$refText).join(', ');
  const selection = GrammarUtils.findNodeForProperty(cst, 'date') ?? cst;
  return {
    name: `${entry.date}${entry.time ? ' ' + entry.time : ''} ${kind.keyword}${id}`,
    detail: about ? `${kind.label} — ${about}` : kind.label,
    kind: SymbolKind.Event,
    range: cst.range,
    selectionRange: selection.range,
  };
}

function describe(person: Party): string {
  if (isChild(person)) return 'child';
  if (isAdult(person)) return person.relationship ?? 'adult';
  if (isWorker(person)) return person.role ?? 'worker';
  return 'agency';
}
