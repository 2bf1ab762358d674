/** Test helper: reads a scenario folder from disk into the engine's inputs (Node only). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../scenario/load';
import type { Scenario } from '../scenario/types';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../../scenarios', import.meta.url));

function walk(dir: string, root: string, out: Record<string, string>): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, root, out);
    else out[relative(root, full).split('\\').join('/')] = readFileSync(full, 'utf8');
  }
}

export function scenarioFiles(id: string): Record<string, string> {
  const files: Record<string, string> = {};
  walk(join(SCENARIOS_DIR, id), join(SCENARIOS_DIR, id), files);
  return files;
}

/** `scenarioFiles` in the shape of the page's scenario loader, for store tests. */
export async function scenarioFilesAsync(id: string): Promise<Record<string, string>> {
  return scenarioFiles(id);
}

export function readScenario(id: string, edit?: (files: Record<string, string>) => void): Scenario {
  const files = scenarioFiles(id);
  edit?.(files);
  const result = loadScenario(id, files);
  if (!result.value) throw new Error(`scenario ${id}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.value;
}

export function scenarioIds(): string[] {
  return readdirSync(SCENARIOS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && statSync(join(SCENARIOS_DIR, e.name, 'scenario.yaml'), { throwIfNoEntry: false })?.isFile())
    .map((e) => e.name)
    .sort();
}
