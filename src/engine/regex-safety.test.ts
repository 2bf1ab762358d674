/**
 * No regular expression in the engine can backtrack catastrophically on hostile input: every
 * regex literal and `new RegExp` in src/engine (tests excepted) is checked by recheck, a ReDoS
 * checker that proves a pattern safe or finds an attack string.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENGINE = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'testing' ? [] : sources(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

interface Found { where: string; source: string; flags: string }

/** Every regex literal, and every `new RegExp('literal', 'flags')`, of one file. */
function regexesOf(file: string): Found[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const where = (n: ts.Node) => `${relative(ENGINE, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isRegularExpressionLiteral(n)) {
      const text = n.text;
      const end = text.lastIndexOf('/');
      out.push({ where: where(n), source: text.slice(1, end), flags: text.slice(end + 1) });
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
      const [pattern, flags] = n.arguments ?? [];
      // A pattern built at run time is listed so the test below can insist there is none.
      out.push({ where: where(n), source: pattern && ts.isStringLiteralLike(pattern) ? pattern.text : '(dynamic)', flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '' });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const found = sources(ENGINE).flatMap(regexesOf);

describe('regular expressions in src/engine', () => {
  it('are found (the scan works)', () => {
    expect(found.length).toBeGreaterThan(50);
  });

  it('are all literal patterns (none built from input at run time)', () => {
    expect(found.filter((f) => f.source === '(dynamic)').map((f) => f.where)).toEqual([]);
  });

  it('none can backtrack catastrophically (recheck)', () => {
    const unsafe = found.flatMap((f) => {
      const r = checkSync(f.source, f.flags, { timeout: 60_000 });
      return r.status === 'vulnerable' ? [`${f.where} /${f.source}/${f.flags}: ${r.complexity.type} (attack: ${JSON.stringify(r.attack.string.slice(0, 60))})`]
        : r.status === 'unknown' ? [`${f.where} /${f.source}/${f.flags}: not decided (${r.error.kind})`] : [];
    });
    expect(unsafe).toEqual([]);
  }, 600_000);
});
