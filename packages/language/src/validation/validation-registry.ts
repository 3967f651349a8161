import type { AstNode, LangiumCoreServices, ValidationAcceptor, ValidationCategory, ValidationCheck, ValidationChecks } from 'langium';
import { isAstNode, isOperationCancelled, ValidationRegistry } from 'langium';

/** A registered per-node check as written, with the object it runs on. */
interface PlainCheck {
  readonly check: ValidationCheck;
  readonly thisObj: unknown;
  readonly category: ValidationCategory;
}

/**
 * Langium's registry, which also keeps each per-node check as written, so that CaserecDocumentValidator can call
 * the checks of a node directly. Langium hands out each check wrapped in an async function (to catch its errors
 * and await it); called once per check and node, those wrappers, their promises and the tree stream that fed
 * them were ~5% of a 2,000-case batch's CPU profile, and the checks of this language are all synchronous.
 * `runChecks` catches and reports a check's error exactly as the wrapper does.
 */
export class CaserecValidationRegistry extends ValidationRegistry {
  private readonly plain = new Map<string, PlainCheck[]>();
  /** The checks of a node type under a set of categories, in registration order: found once per pair. */
  private readonly found = new Map<string, PlainCheck[]>();

  constructor(private readonly services: LangiumCoreServices) {
    super(services);
  }

  override register<T>(checksRecord: ValidationChecks<T>, thisObj: unknown = this, category: ValidationCategory = 'fast'): void {
    super.register(checksRecord, thisObj, category);
    if (category === 'built-in') return; // Langium's own register throws for it; nothing to keep.
    for (const [type, callbacks] of Object.entries(checksRecord as Record<string, ValidationCheck | ValidationCheck[] | undefined>)) {
      if (!callbacks) continue;
      // As Langium's addEntry: a check of a type is a check of each of its subtypes; 'AstNode' is every node's.
      const types = type === 'AstNode' ? ['AstNode'] : this.services.shared.AstReflection.getAllSubTypes(type);
      for (const check of Array.isArray(callbacks) ? callbacks : [callbacks]) {
        for (const subtype of types) {
          let list = this.plain.get(subtype);
          if (!list) this.plain.set(subtype, (list = []));
          list.push({ check, thisObj, category });
        }
      }
    }
    this.found.clear();
  }

  /**
   * Runs the checks registered for `node`'s type (and for every node) under `categories`, in the order Langium's
   * `getChecks` gives them. A check that throws is reported on the node as Langium reports it, and the next runs;
   * a check that returns a promise is awaited through the returned promise (none of this language's do).
   */
  runChecks(node: AstNode, accept: ValidationAcceptor, categories: readonly ValidationCategory[] | undefined): Promise<void> | undefined {
    let pending: Promise<void>[] | undefined;
    for (const entry of this.checksOf(node.$type, categories)) {
      try {
        const result = entry.check.call(entry.thisObj, node, accept, undefined as never) as unknown;
        if (result instanceof Promise) (pending ??= []).push(result.catch((error: unknown) => reportError(error, node, accept)));
      } catch (error) {
        reportError(error, node, accept);
      }
    }
    return pending && Promise.all(pending).then(() => undefined);
  }

  private checksOf(type: string, categories: readonly ValidationCategory[] | undefined): PlainCheck[] {
    const key = categories ? `${type}\u0000${categories.join(',')}` : type;
    let checks = this.found.get(key);
    if (!checks) {
      checks = [...(this.plain.get(type) ?? []), ...(this.plain.get('AstNode') ?? [])];
      if (categories) checks = checks.filter((entry) => categories.includes(entry.category));
      this.found.set(key, checks);
    }
    return checks;
  }
}

/** As Langium's `handleException`: a cancellation goes on; any other error is logged and becomes an error on the node. */
function reportError(error: unknown, node: AstNode, accept: ValidationAcceptor): void {
  if (isOperationCancelled(error)) throw error;
  const messageContext = 'An error occurred during validation';
  console.error(`${messageContext}:`, error);
  if (error instanceof Error && error.stack) console.error(error.stack);
  const messageDetails = error instanceof Error ? error.message : String(error);
  accept('error', `${messageContext}: ${messageDetails}`, { node });
}

/**
 * Visits `node` and every node inside it, parent before children, in the order of Langium's `streamAst` (each
 * property in turn, skipping `$` ones; an array's nodes in order), without its iterator objects.
 */
export function forEachNode(node: AstNode, visit: (node: AstNode) => void): void {
  visit(node);
  for (const key of Object.keys(node)) {
    if (key.startsWith('$')) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (isAstNode(value)) forEachNode(value, visit);
    else if (Array.isArray(value)) for (const item of value) if (isAstNode(item)) forEachNode(item, visit);
  }
}
