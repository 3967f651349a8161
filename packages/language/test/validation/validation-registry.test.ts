import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstNode, ValidationAcceptor, ValidationCategory } from 'langium';
import { AstUtils, EmptyFileSystem } from 'langium';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCaserecServices } from '../../src/index.js';
import { CaserecValidationRegistry, forEachNode } from '../../src/validation/validation-registry.js';
import { validateAll } from '../helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = {
  'jones-family.case': path.resolve(here, '../../../../test/fixtures/contract/jones-family.case'),
  'damaged.case': path.resolve(here, '../fixtures/damaged/damaged.case'),
};

type Accepted = [string, string, AstNode | undefined];

/** A fresh registry of the language's services, with test checks registered instead of the language's own. */
function freshRegistry(): CaserecValidationRegistry {
  const { Caserec } = createCaserecServices(EmptyFileSystem);
  return new CaserecValidationRegistry(Caserec);
}

/** Langium's way: each wrapped check of `getChecks`, awaited in turn. */
async function runAsLangiumDoes(
  registry: CaserecValidationRegistry,
  node: AstNode,
  categories?: ValidationCategory[],
): Promise<Accepted[]> {
  const accepted: Accepted[] = [];
  const accept: ValidationAcceptor = (severity, message, info) => accepted.push([severity, message, info.node]);
  for (const check of registry.getChecks(node.$type, categories)) await check(node, accept, undefined as never);
  return accepted;
}

async function runDirectly(registry: CaserecValidationRegistry, node: AstNode, categories?: ValidationCategory[]): Promise<Accepted[]> {
  const accepted: Accepted[] = [];
  await registry.runChecks(node, (severity, message, info) => accepted.push([severity, message, info.node]), categories);
  return accepted;
}

afterEach(() => vi.restoreAllMocks());

describe('the registry runs per-node checks directly, as Langium runs them', () => {
  // Checks that say who ran: on a supertype (Entry), on one subtype (Visit), on every node, in two categories.
  function registerSayers(registry: CaserecValidationRegistry): void {
    const say = (name: string) => (node: AstNode, accept: ValidationAcceptor) => accept('info', `${name} on ${node.$type}`, { node });
    registry.register({ Entry: [say('entry-1'), say('entry-2')], Visit: say('visit') }, undefined, 'fast');
    registry.register({ AstNode: say('any') }, undefined, 'fast');
    registry.register({ Visit: say('visit-slow'), Entry: say('entry-slow') }, undefined, 'slow');
  }

  const node = (type: string) => ({ $type: type }) as AstNode;

  for (const categories of [undefined, ['fast'], ['slow'], ['fast', 'slow'], ['built-in']] as Array<ValidationCategory[] | undefined>) {
    it(`gives the checks Langium gives, in its order, under categories ${JSON.stringify(categories)}`, async () => {
      const registry = freshRegistry();
      registerSayers(registry);
      for (const type of ['Visit', 'Contact', 'Child', 'Document']) {
        const direct = await runDirectly(registry, node(type), categories);
        expect(direct).toEqual(await runAsLangiumDoes(registry, node(type), categories));
      }
      // And the test can fail: a visit under all categories runs six checks.
      if (!categories) expect((await runDirectly(registry, node('Visit'))).map(([, message]) => message)).toHaveLength(6);
    });
  }

  it('reports a check that throws on its node, as Langium does, and runs the next', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const registry = freshRegistry();
    registry.register({
      Visit: [
        () => {
          throw new Error('no date');
        },
        (node, accept) => accept('warning', 'after', { node }),
      ],
    });
    const visit = node('Visit');
    const direct = await runDirectly(registry, visit);
    expect(direct).toEqual([
      ['error', 'An error occurred during validation: no date', visit],
      ['warning', 'after', visit],
    ]);
    expect(direct).toEqual(await runAsLangiumDoes(registry, visit));
    expect(errors).toHaveBeenCalled();
  });

  it('awaits a check that returns a promise', async () => {
    const registry = freshRegistry();
    registry.register({
      Visit: async (node, accept) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        accept('hint', 'late', { node });
      },
    });
    expect(await runDirectly(registry, node('Visit'))).toEqual([['hint', 'late', expect.objectContaining({ $type: 'Visit' })]]);
  });
});

describe('the language checks give the same findings either way', () => {
  for (const [name, file] of Object.entries(FIXTURES)) {
    it(`${name}: every node's findings, direct and through Langium's wrappers`, async () => {
      const { documents, services } = await validateAll({ [name]: fs.readFileSync(file, 'utf8') });
      const registry = services.validation.ValidationRegistry as CaserecValidationRegistry;
      const root = documents.get(name)!.parseResult.value;
      let nodes = 0;
      let findings = 0;
      for (const node of AstUtils.streamAst(root)) {
        const direct = await runDirectly(registry, node, ['fast']);
        expect(direct).toEqual(await runAsLangiumDoes(registry, node, ['fast']));
        nodes++;
        findings += direct.length;
      }
      expect(nodes).toBeGreaterThan(50);
      // The contract sample is clean of per-node findings; the damaged record has many.
      if (name === 'damaged.case') expect(findings).toBeGreaterThan(10);
    });

    it(`${name}: the walk visits the nodes of Langium's streamAst, in its order`, async () => {
      const { documents } = await validateAll({ [name]: fs.readFileSync(file, 'utf8') });
      const root = documents.get(name)!.parseResult.value;
      const walked: AstNode[] = [];
      forEachNode(root, (node) => walked.push(node));
      expect(walked).toEqual(AstUtils.streamAst(root).toArray());
      expect(walked.length).toBeGreaterThan(50);
    });
  }
});
