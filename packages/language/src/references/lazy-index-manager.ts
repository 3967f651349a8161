import type {
  AstNodeDescription,
  LangiumDocument,
  LangiumSharedCoreServices,
  ReferenceDescription,
  ReferenceInfo,
  Stream,
  URI,
} from 'langium';
import { AstUtils, DefaultIndexManager } from 'langium';
import type { AstNode } from 'langium';

/**
 * Langium's index, but the index of references is made when it is asked for, not on every build. It serves
 * find-references and rename; computing it walks every reference of the record and builds a path string for
 * each (a sixth of a keystroke's rebuild on a 1 MB record), and the CLI never asks. A document's references
 * are indexed again on the first question after it changed.
 */
export class LazyIndexManager extends DefaultIndexManager {
  private readonly stale = new Map<string, LangiumDocument>();

  constructor(private readonly sharedServices: LangiumSharedCoreServices) {
    super(sharedServices);
  }

  override async updateReferences(document: LangiumDocument): Promise<void> {
    this.stale.set(document.uri.toString(), document);
  }

  override removeReferences(uri: URI): void {
    this.stale.delete(uri.toString());
    super.removeReferences(uri);
  }

  override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
    this.indexStale();
    return super.findAllReferences(targetNode, astNodePath);
  }

  /**
   * A changed document's exports are taken out until they are collected again, but it keeps its place in the
   * index: the order of the index is the order in which names are found (and which of two equal names wins),
   * and it should not depend on which file was edited last. A deleted document leaves the index.
   */
  override removeContent(uri: URI): void {
    const key = uri.toString();
    if (this.symbolIndex.has(key)) this.symbolIndex.set(key, []);
    this.symbolByTypeIndex.clear(key);
  }

  override remove(uri: URI): void {
    super.remove(uri);
    this.symbolIndex.delete(uri.toString());
  }

  /** How many documents the index holds exports for. */
  documentCount(): number {
    return this.symbolIndex.size;
  }

  /** Each document's exports, in the index's order (CaserecScopeProvider builds its scopes from them). */
  exportsByDocument(): IterableIterator<[string, AstNodeDescription[]]> {
    return this.symbolIndex.entries();
  }

  override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
    this.indexStale();
    return super.isAffected(document, changedUris);
  }

  private indexStale(): void {
    for (const [uri, document] of this.stale) {
      const provider = this.sharedServices.ServiceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider as unknown as {
        createInfoDescriptions(refInfo: ReferenceInfo): ReferenceDescription[];
      };
      const descriptions: ReferenceDescription[] = [];
      for (const node of AstUtils.streamAst(document.parseResult.value)) {
        AstUtils.streamReferences(node).forEach((refInfo) => {
          if (!refInfo.reference.error) descriptions.push(...provider.createInfoDescriptions(refInfo));
        });
      }
      this.referenceIndex.set(uri, descriptions);
    }
    this.stale.clear();
  }
}
