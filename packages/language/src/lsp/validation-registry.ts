import type { ValidationCategory, ValidationPreparation } from 'langium';
import { ValidationRegistry } from 'langium';

/**
 * Makes the case-level pass a true 'slow' check in the editor. Langium 4.4's registerAfterDocument takes no
 * category (its second parameter is `this`), and the checks after a document are given the categories of the
 * build to decide for themselves. validation/caserec-validator.ts registers the case pass as
 * `registerAfterDocument(check, 'slow')`, so without this the case rules would run on every keystroke
 * whatever the settings say. A category given in `this`'s place is honoured here: the check runs when the
 * build asks for that category, or for all of them (an empty list). The CLI, which always runs everything,
 * does not need this.
 */
export class CaserecLspValidationRegistry extends ValidationRegistry {
  override registerAfterDocument(checkAfter: ValidationPreparation, thisObj?: ThisParameterType<unknown>): void {
    if (typeof thisObj !== 'string') return super.registerAfterDocument(checkAfter, thisObj);
    const category: ValidationCategory = thisObj;
    this.knownCategories.add(category);
    super.registerAfterDocument((root, accept, categories, token) =>
      categories.length === 0 || categories.includes(category) ? checkAfter(root, accept, categories, token) : undefined,
    );
  }
}
