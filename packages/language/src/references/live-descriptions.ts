import type { AstNode, AstNodeDescription, LangiumDocument } from 'langium';
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider } from 'langium';
import type { LangiumCoreServices } from 'langium';

/**
 * Langium's descriptions of exported names, but where a name sits (its path and its text segments) is read
 * from the node when asked, not fixed when the description is made. An edit moves every entry after it, and
 * incremental parsing keeps the entries' nodes: a description that reads positions live stays true while its
 * node lives, so a record's exports can be kept across keystrokes (CaserecScopeComputation) instead of being
 * made again for thousands of entries on each one.
 */
export class LiveAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
  private readonly services: LangiumCoreServices;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.services = services;
  }

  override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
    const documentUri = (document ?? AstUtils.getDocument(node)).uri;
    const nameProvider = this.services.references.NameProvider;
    const locator = this.services.workspace.AstNodeLocator;
    const fullName = name ?? nameProvider.getName(node);
    if (!fullName) throw new Error(`Node at path ${locator.getAstNodePath(node)} has no name.`);
    return {
      node,
      name: fullName,
      type: node.$type,
      documentUri,
      get path() {
        return locator.getAstNodePath(node);
      },
      get nameSegment() {
        return CstUtils.toDocumentSegment(nameProvider.getNameNode(node) ?? node.$cstNode);
      },
      get selectionSegment() {
        return CstUtils.toDocumentSegment(node.$cstNode);
      },
    };
  }
}
