/**
 * Checks that every `jump`/`goto` target (in rules and in verdict-map elements) and every `@set`
 * a rule names is declared in the rule's table. nft refuses such rulesets, so a miss means the
 * dump was cut or edited; the evaluator would otherwise fail later without saying why.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import type { NftElement, NftExpr, NftRule, NftStatement, NftTable } from './types';
import { msg } from '../../explain/message';

type Ref = { kind: 'chain' | 'set'; name: string };

function exprRefs(e: NftExpr | undefined, out: Ref[]): void {
  if (!e) return;
  switch (e.kind) {
    case 'setRef': out.push({ kind: 'set', name: e.name }); return;
    case 'verdict': if (e.verdict.type === 'jump' || e.verdict.type === 'goto') out.push({ kind: 'chain', name: e.verdict.chain }); return;
    case 'set': for (const el of e.elements) elementRefs(el, out); return;
    case 'binop': exprRefs(e.left, out); exprRefs(e.right, out); return;
    case 'concat': for (const p of e.parts) exprRefs(p, out); return;
    case 'list': for (const p of e.items) exprRefs(p, out); return;
    case 'map': exprRefs(e.key, out); exprRefs(e.data, out); return;
    case 'range': exprRefs(e.low, out); exprRefs(e.high, out); return;
    case 'hash': exprRefs(e.expr, out); return;
    default:
  }
}

function elementRefs(el: NftElement, out: Ref[]): void {
  exprRefs(el.key, out);
  exprRefs(el.data, out);
}

function statementRefs(s: NftStatement, out: Ref[]): void {
  switch (s.kind) {
    case 'match': exprRefs(s.left, out); exprRefs(s.right, out); return;
    case 'verdict': exprRefs({ kind: 'verdict', verdict: s.verdict }, out); return;
    case 'vmap': exprRefs(s.key, out); exprRefs(s.map, out); return;
    case 'mangle': exprRefs(s.value, out); return;
    case 'setUpdate': out.push({ kind: 'set', name: s.set }); return;
    case 'nat': exprRefs(s.addr, out); exprRefs(s.port, out); return;
    default:
  }
}

/**
 * The `NFT015` checks of one table: `sets()` checks the set and map elements, `rules(rules)` a
 * chain's rules (the lazy form hands them over one chain at a time, parsed for the check only).
 */
export function referenceChecker(table: NftTable, diags: Diagnostic[]): { sets(): void; rules(rules: NftRule[], into?: Diagnostic[]): void } {
  const chains = new Set(table.chains.map((c) => c.name));
  const sets = new Set(table.sets.map((s) => s.name));
  const report = (refs: Ref[], span: SourceSpan, into = diags) => {
    for (const r of refs) {
      if (r.kind === 'chain' ? chains.has(r.name) : sets.has(r.name)) continue;
      into.push(diagnostic('NFT015', span, msg(r.kind === 'chain' ? 'diag.NFT015.chainNotDeclared' : 'diag.NFT015.setNotDeclared', { rName: r.name, tableFamily: table.family, tableName: table.name }), 'warning'));
    }
  };
  return {
    sets() {
      for (const set of table.sets) {
        for (const el of set.elements) {
          const refs: Ref[] = [];
          elementRefs(el, refs);
          report(refs, el.span);
        }
      }
    },
    rules(rules, into = diags) {
      for (const rule of rules) {
        for (const s of rule.statements) {
          const refs: Ref[] = [];
          statementRefs(s, refs);
          report(refs, s.span, into);
        }
      }
    },
  };
}

/** Reports (`NFT015`) each undeclared chain or set a table's rules and maps refer to. */
export function checkReferences(tables: NftTable[], diags: Diagnostic[]): void {
  for (const table of tables) {
    const check = referenceChecker(table, diags);
    check.sets();
    for (const chain of table.chains) check.rules(chain.rules);
  }
}
